// "Get notifications on this device": ask for permission, subscribe with
// the server's key, fill the form's hidden fields and send it. The form's
// own data-* attributes hold what to say when that cannot be done.
// The section comes again with each change (htmx runs this again): once is enough.
if (!window.pushGlue) {
window.pushGlue = true;
document.addEventListener("submit", function (event) {
  var form = event.target.closest && event.target.closest("form[data-push-key]");
  if (!form || form.elements.endpoint.value) return;
  event.preventDefault();
  event.stopPropagation();
  var status = form.querySelector("[data-push-status]");
  function say(reason) { status.textContent = form.getAttribute("data-" + reason); }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return say("unsupported");
  Notification.requestPermission().then(function (permission) {
    if (permission !== "granted") throw "denied";
    return navigator.serviceWorker.register("/sw.js").then(function () { return navigator.serviceWorker.ready; });
  }).then(function (registration) {
    return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: form.getAttribute("data-push-key") });
  }).then(function (subscription) {
    var s = subscription.toJSON();
    form.elements.endpoint.value = s.endpoint;
    form.elements.p256dh.value = s.keys.p256dh;
    form.elements.auth.value = s.keys.auth;
    form.requestSubmit();
  }).catch(function (reason) { say(reason === "denied" ? "denied" : "failed"); });
}, true);
}
