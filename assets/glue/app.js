// Decision-free UI glue: Escape closes an open menu and returns focus to it.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.menu[open]").forEach(function (menu) {
    menu.removeAttribute("open");
    menu.querySelector("summary").focus();
  });
});

// When the server ends a focus session it says so in the bottom bar's
// indicator: play the chime it names and show the notification it asks for
// (where this device allows notifications). Nothing here decides either.
document.addEventListener("htmx:load", function (event) {
  event.detail.elt.querySelectorAll(".focus-ended").forEach(function (ended) {
    var chime = ended.getAttribute("data-chime");
    if (chime) new Audio(chime).play().catch(function () {});
    var title = ended.getAttribute("data-notify");
    if (title && "Notification" in window && Notification.permission === "granted") {
      new Notification(title, { body: ended.getAttribute("data-notify-body") || "", tag: "focus-ended" });
    }
    ended.remove();
  });
});

// Asking for permission to notify needs a click.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-request-notifications]") && "Notification" in window) {
    Notification.requestPermission();
  }
});

// Signing out stops this device's pushes: the push service then tells the
// server the subscription is gone.
document.addEventListener("submit", function (event) {
  if (!event.target.matches || !event.target.matches("form[action='/signout']") || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.getRegistration().then(function (registration) {
    return registration && registration.pushManager.getSubscription();
  }).then(function (subscription) { if (subscription) subscription.unsubscribe(); }).catch(function () {});
});

// The command palette: Ctrl/⌘ K or the top bar's button opens it; what is
// typed goes to the server, which ranks; the arrows move through its list,
// Enter or a click picks (a link, or the action's own form), Escape closes.
// "?" outside a text field lists the shortcuts.
(function () {
  function options() { return Array.prototype.slice.call(document.querySelectorAll("#palette-results [role=option]")); }
  function select(i) {
    var input = document.getElementById("palette-input");
    input.removeAttribute("aria-activedescendant");
    options().forEach(function (o, j) {
      o.setAttribute("aria-selected", String(j === i));
      if (j === i) { input.setAttribute("aria-activedescendant", o.id); o.scrollIntoView({ block: "nearest" }); }
    });
  }
  function pick(o) {
    if (!o) return;
    var form = o.getAttribute("data-form");
    if (form) { document.getElementById(form).requestSubmit(); return; }
    // As a boosted link: the page changes in place and an unlocked vault stays unlocked.
    var a = document.createElement("a");
    a.href = o.getAttribute("data-href");
    a.hidden = true;
    document.body.append(a);
    if (window.htmx) window.htmx.process(a);
    a.click();
  }
  function open() {
    var dialog = document.getElementById("palette");
    if (!dialog || dialog.open) return;
    dialog.showModal();
    document.getElementById("palette-input").select();
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
    } else if (event.key === "?" && !target.closest("input, textarea, select, [contenteditable]")) {
      var shortcuts = document.getElementById("shortcuts");
      if (shortcuts && !shortcuts.open) { event.preventDefault(); shortcuts.showModal(); }
    } else if (target.id === "palette-input") {
      var list = options(), at = list.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
      if (event.key === "ArrowDown") { event.preventDefault(); select(Math.min(at + 1, list.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(Math.max(at - 1, 0)); }
      else if (event.key === "Enter") { event.preventDefault(); pick(list[Math.max(at, 0)]); } // the island's private matches may be all there is
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-palette-open]")) open();
    pick(event.target.closest("#palette-results [role=option]"));
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "palette-body") select(0); // a restored page (Back) has no detail.target
  });
})();

// Offline: the service worker answers with the last copy of a page (and
// shows its note); a form that cannot be sent stays as it is, unsent, and
// the note says so.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
function offlineNote(shown) {
  var note = document.getElementById("offline-note");
  if (!note) return;
  note.hidden = !shown;
  if (shown) note.focus();
}
window.addEventListener("offline", function () { offlineNote(true); });
window.addEventListener("online", function () { offlineNote(false); });
document.addEventListener("htmx:sendError", function () { offlineNote(true); });
document.addEventListener("submit", function (event) {
  if (navigator.onLine) return;
  event.preventDefault();
  event.stopPropagation();
  offlineNote(true);
}, true);

// Live updates: the page's stream (the server names it on <body>) says
// what changed; "live:<name>" on the page makes what shows it ask again.
// The browser reconnects a dropped stream by itself, where it left off.
if (document.body.getAttribute("data-live") && "EventSource" in window) {
  var live = new EventSource(document.body.getAttribute("data-live"));
  live.onmessage = function (event) {
    document.body.dispatchEvent(new CustomEvent("live:" + event.data, { bubbles: true }));
  };
  // A page that is left lets go of its stream at once, not when it is gone.
  window.addEventListener("pagehide", function () { live.close(); });
}

// A dialog that shows a fragment (the planner's event form) opens when the
// fragment arrives; its Cancel closes it. Where scripts do not run, both are
// plain pages and links.
document.addEventListener("htmx:afterSwap", function (event) {
  var dialog = event.target.closest && event.target.closest("dialog[data-fragment]");
  if (dialog && !dialog.open) dialog.showModal();
});
document.addEventListener("click", function (event) {
  var close = event.target.closest("[data-dialog-close]");
  var dialog = close && close.closest("dialog[open]");
  if (!dialog) return;
  event.preventDefault();
  dialog.close();
});
