// The service worker (SHELL, VERSION and ICON are written above by the server).
// It keeps the shell's hashed assets; answers pages from the network, and
// offline from the last copy this device opened (at most a day old); leaves
// every write to the network, never queuing one; forgets the pages on the
// way to signing in (where signing out ends); and shows what the server
// pushes. It decides nothing about what a page shows.
var SHELL_CACHE = "shell-" + VERSION;
var PAGES = "pages";
var MAX_AGE = 24 * 60 * 60 * 1000;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL_CACHE && n !== PAGES; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request, url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  var page = req.mode === "navigate" || req.headers.get("HX-Boosted") === "true" || req.headers.get("HX-History-Restore-Request") === "true";
  if (req.method !== "GET") {
    return; // a write goes to the network, never queued
  } else if (page && (url.pathname.indexOf("/signin") === 0 || url.pathname.indexOf("/auth/") === 0)) {
    // Signing out ends on the sign-in page, and signing in starts there or
    // at the provider's callback: the copies of the last user's pages go.
    event.respondWith(caches.delete(PAGES).then(function () { return fetch(req); }));
  } else if (url.pathname.indexOf("/assets/") === 0) {
    event.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
  } else if (page) {
    event.respondWith(fromNetwork(req));
  }
});

// fromNetwork answers a page from the server, keeping a dated copy of a
// page that opened (not a redirect); offline, the copy, if recent enough.
function fromNetwork(req) {
  return fetch(req).then(function (res) {
    if (res.ok && res.type === "basic" && !res.redirected && (res.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
      var copy = res.clone();
      copy.blob().then(function (body) {
        var headers = new Headers(copy.headers);
        headers.set("X-Stored-At", String(Date.now()));
        return caches.open(PAGES).then(function (c) { return c.put(req.url, new Response(body, { status: 200, headers: headers })); });
      });
    }
    return res;
  }).catch(function () {
    return caches.open(PAGES).then(function (c) { return c.match(req.url, { ignoreVary: true, ignoreSearch: false }); }).then(function (hit) {
      if (hit && Date.now() - Number(hit.headers.get("X-Stored-At")) < MAX_AGE) return withNote(hit);
      return new Response("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>Offline · Ignition OS</title><h1>You are offline</h1><p>This page was not opened on this device in the last day, so there is no copy of it here. " +
        "It loads again once you are back online.</p></html>", { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

// withNote is the stored copy with its offline note showing.
function withNote(hit) {
  return hit.text().then(function (html) {
    return new Response(html.replace(" data-offline-note hidden>", " data-offline-note>"), { status: 200, headers: hit.headers });
  });
}

self.addEventListener("push", function (event) {
  var m = {};
  try { m = event.data ? event.data.json() : {}; } catch (e) { m = {}; }
  event.waitUntil(self.registration.showNotification(m.title || "Ignition OS", {
    body: m.body || "", tag: m.tag, data: { href: m.href || "/notifications" }, icon: ICON
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
