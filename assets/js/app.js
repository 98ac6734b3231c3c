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
