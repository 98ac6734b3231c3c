// Passkey ceremonies. The server builds every option and checks every
// answer; this only carries them between the server and the browser's
// WebAuthn API, then goes where the server says.
(function () {
  "use strict";
  // A page that needs it loads it; htmx runs it again on each such page.
  var wired = document.documentElement.dataset;
  if ("passkeysWired" in wired) return;
  wired.passkeysWired = "";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || "The server did not accept the passkey.");
        return data;
      });
    });
  }

  function ceremony(button) {
    var register = button.dataset.passkey === "register";
    return post(button.dataset.begin).then(function (options) {
      if (register) {
        return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey) });
      }
      return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey) });
    }).then(function (credential) {
      return post(button.dataset.finish, credential.toJSON());
    }).then(function (answer) {
      window.location.assign(answer.redirect);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-passkey]");
    if (!button) return;
    event.preventDefault();
    var status = document.getElementById(button.dataset.status);
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
      status.textContent = "This browser does not support passkeys.";
      return;
    }
    status.textContent = "";
    button.disabled = true;
    ceremony(button).catch(function (error) {
      status.textContent = error.name === "NotAllowedError"
        ? "The passkey request was cancelled or timed out."
        : error.message;
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
