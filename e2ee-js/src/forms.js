// Encrypted fields in server-rendered pages (E2EE.md, The island). A form
// marked data-encrypt-form has fields marked data-encrypt and no names on
// them: before htmx sends it, each is sealed into an envelope, and the
// request goes only with its envelopes (never while locked, never when
// sealing fails). An element with data-envelope is decrypted in place with
// textContent, and cleared again on lock. What to show and in which order
// is the server's; nothing here decides.
import * as c from "./crypto.js";
import { forget, key, opener } from "./vault.js";

const sealed = new WeakMap(); // form → its fields' envelopes, for one request
const shown = new WeakMap(); // element → the text decrypted into it
let waiting = null; // the form to send again once the vault is unlocked

const LOCKED = "Locked";
const BROKEN = "This item could not be decrypted.";

function isEncryptForm(el) {
  return el instanceof HTMLFormElement && "encryptForm" in el.dataset;
}

function isInput(el) {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}

function context(k, el, field) {
  const rec = el.closest("[data-record]");
  return { user_id: k.user, vault_id: k.vault, kind: rec.dataset.kind, record_id: rec.dataset.record, field };
}

function problem(form, message) {
  const p = form.querySelector("[data-encrypt-problem]");
  if (!p) return;
  p.textContent = message;
  p.hidden = !message;
}

// prompt shows (or hides) the page's unlock prompt.
export function prompt(show) {
  const p = document.getElementById("vault-prompt");
  if (!p) return;
  p.hidden = !show;
  if (show) p.querySelector("input[type=password]").focus();
}

async function seal(form, k) {
  if (!form.dataset.record) {
    form.dataset.record = crypto.randomUUID(); // before encrypting: the ID is in the AAD
    form.elements.record_id.value = form.dataset.record;
  }
  const out = {};
  for (const el of form.querySelectorAll("[data-encrypt]")) {
    const field = el.dataset.encrypt;
    out[field] = el.value === "" ? "" : JSON.stringify(await c.sealField(k.kek, k.kid, context(k, form, field), el.value));
  }
  return out;
}

function onConfirm(e) {
  const form = e.detail.elt;
  if (!isEncryptForm(form)) return;
  e.preventDefault(); // sent below, sealed, or once unlocked
  problem(form, "");
  const k = key();
  if (!k) {
    waiting = form;
    prompt(true);
    return;
  }
  seal(form, k).then(
    (fields) => {
      sealed.set(form, fields);
      e.detail.issueRequest(true);
    },
    () => problem(form, "This could not be encrypted, so nothing was sent."),
  );
}

function onConfigRequest(e) {
  const form = e.detail.elt;
  if (!isEncryptForm(form)) return;
  const fields = sealed.get(form);
  sealed.delete(form);
  if (!fields) {
    e.preventDefault(); // never without its envelopes
    return;
  }
  for (const [name, value] of Object.entries(fields)) e.detail.formData.set(name, value);
}

// A locked vault on the server (locked elsewhere, or idle): keep the form as
// typed, ask for the passphrase, send it again after.
function onBeforeSwap(e) {
  if (e.detail.xhr.status !== 423) return;
  e.detail.shouldSwap = false;
  e.detail.isError = false;
  const form = e.detail.requestConfig && e.detail.requestConfig.elt; // the element that sent it
  if (isEncryptForm(form)) waiting = form;
  refused();
}

// refused: the server no longer takes this tab's writes.
function refused() {
  forget();
  prompt(true);
}

async function openAll() {
  const k = key();
  if (!k) return;
  for (const el of document.querySelectorAll("[data-envelope]")) {
    if (shown.has(el)) continue;
    let text = null;
    try {
      const env = JSON.parse(el.dataset.envelope);
      text = await c.openField(opener(k, env), context(k, el, el.dataset.field || el.dataset.encrypt), env);
    } catch {
      el.classList.add("undecryptable");
    }
    if (key()?.kek !== k.kek) return; // locked meanwhile
    if (isInput(el)) {
      if (text === null) el.placeholder = BROKEN;
      else if (el.value === "") el.value = text;
    } else {
      el.textContent = text === null ? BROKEN : text;
      if (text !== null) {
        el.dataset.opened = "";
        el.dispatchEvent(new CustomEvent("island:opened", { bubbles: true })); // a page bundle may render it (markdown)
      }
    }
    shown.set(el, text === null ? "" : text);
  }
}

// clearAll takes decrypted text out of the page; what the user typed over
// it is theirs and stays.
function clearAll() {
  for (const el of document.querySelectorAll("[data-envelope]")) {
    if (!shown.has(el)) continue;
    const text = shown.get(el);
    shown.delete(el);
    el.classList.remove("undecryptable");
    if (isInput(el)) {
      if (el.value === text) el.value = "";
    } else {
      el.textContent = LOCKED;
      delete el.dataset.opened;
    }
  }
  if (document.querySelector("[data-envelope]")) prompt(true);
}

function settle() {
  if (key()) openAll();
  else if (document.querySelector("[data-envelope]")) prompt(true);
}

// start wires encrypted fields into the page once; htmx swaps keep it.
export function start() {
  document.addEventListener("htmx:confirm", onConfirm);
  document.addEventListener("htmx:configRequest", onConfigRequest);
  document.addEventListener("htmx:beforeSwap", onBeforeSwap);
  document.addEventListener("htmx:afterSettle", settle);
  document.addEventListener("vault:locked", clearAll);
  document.addEventListener("island:refused", refused);
  document.addEventListener("vault:unlocked", () => {
    prompt(false);
    openAll();
    if (waiting && waiting.isConnected) waiting.requestSubmit();
    waiting = null;
  });
  settle();
}
