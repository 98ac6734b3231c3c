// The service worker: it shows what the server pushes and opens the page a
// notification leads to. It decides nothing about what to show.
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("push", function (event) {
  var m = {};
  try { m = event.data ? event.data.json() : {}; } catch (e) { m = {}; }
  event.waitUntil(self.registration.showNotification(m.title || "Ignition OS", {
    body: m.body || "", tag: m.tag, data: { href: m.href || "/notifications" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var href = new URL(event.notification.data && event.notification.data.href || "/", self.location.origin);
  if (href.origin !== self.location.origin) href = new URL("/", self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if ("navigate" in windows[i]) return windows[i].focus().then(function (w) { return w.navigate(href.href); });
    }
    return self.clients.openWindow(href.href);
  }));
});
