// The vault in the page: the KEK lives here, in this tab's memory, from
// unlock to lock. It sets the vault up, unlocks and locks it, and keeps
// the lock policy of E2EE.md. It sends only wrapped keys, the unlock proof
// and hashes; never a passphrase, a recovery code or the KEK.
import * as c from "./crypto.js";
import { go } from "./nav.js";

let kek = null; // the vault's key while this tab has it unlocked
let info = null; // {user, vault, kid, policy}
let idleTimer = 0;
let hiddenTimer = 0;
let pollTimer = 0;
let worked = false; // input since the last poll

const HIDDEN_LOCK_MS = 2 * 60 * 1000; // a desktop tab hidden this long locks
const POLL_MS = 30 * 1000; // how soon a lock on another device is seen, without a live stream

const $ = (sel, root = document) => root.querySelector(sel);

function csrf() {
  const m = $('meta[name="csrf-token"]');
  return m ? m.content : "";
}

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  let data = {};
  try {
    data = await res.json();
  } catch {
    // a page, not an answer: the message below says so
  }
  if (!res.ok) throw new Error(data.error || "The vault did not answer. Try again.");
  return data;
}

export function unlocked() {
  return kek !== null;
}

// key returns the KEK for encrypting and decrypting, or null while locked.
export function key() {
  return kek ? { kek, ...info } : null;
}

function hold(newKek, newInfo) {
  kek = newKek;
  info = newInfo;
  restartIdle();
  clearInterval(pollTimer);
  pollTimer = setInterval(poll, POLL_MS);
  render();
  document.dispatchEvent(new CustomEvent("vault:unlocked"));
}

// forget drops every key reference and what was decrypted with it.
export function forget() {
  kek = null;
  info = null;
  clearTimeout(idleTimer);
  clearTimeout(hiddenTimer);
  clearInterval(pollTimer);
  document.dispatchEvent(new CustomEvent("vault:locked"));
  render();
}

// A tab left idle or hidden forgets the key itself; the server ends the
// session's unlock on its own clock when no tab reports work. "Lock now"
// (a form) locks every device.

async function poll() {
  if (!kek) return;
  const active = worked;
  worked = false;
  try {
    const s = await call("POST", "/vault/state", { active });
    if (!s.unlocked) forget(); // locked on another device, idle, or signed out
  } catch {
    // offline: keep the key until the next answer or the idle lock
  }
}

function idleLimit() {
  const s = Number(document.body.dataset.vaultIdle);
  return (s > 0 ? s : 600) * 1000;
}

function restartIdle() {
  clearTimeout(idleTimer);
  worked = true;
  if (kek) idleTimer = setTimeout(forget, idleLimit());
}

function focusRunning() {
  return $(".focus-indicator") !== null;
}

function onVisibility() {
  clearTimeout(hiddenTimer);
  if (!kek || document.visibilityState !== "hidden" || focusRunning()) return;
  if (matchMedia("(display-mode: standalone)").matches) {
    forget(); // the installed app on a phone: at once
  } else {
    hiddenTimer = setTimeout(forget, HIDDEN_LOCK_MS);
  }
}

// --- passphrases and recovery codes ---------------------------------------

// strength is a short, local judgement of a passphrase (it never leaves).
export function strength(p, min) {
  if (p.length < min) return { ok: false, hint: `Use at least ${min} characters (${p.length} so far).` };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  if (/^(.)\1+$/.test(p) || /^(?:0123456789|abcdefghij|qwerty)/i.test(p)) return { ok: false, hint: "Too predictable: use unrelated words." };
  if (words >= 4 || (p.length >= 16 && classes >= 2)) return { ok: true, hint: "Strong." };
  if (classes >= 3 || words >= 3) return { ok: true, hint: "Good. A few more words make it stronger." };
  return { ok: true, hint: "Fair. Mix in more words or characters." };
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base 32

// newCode is a recovery code of 125 random bits, in five groups of five.
export function newCode() {
  const bytes = c.random(25);
  let s = "";
  for (let i = 0; i < 25; i++) s += ALPHABET[bytes[i] & 31];
  return s.match(/.{5}/g).join("-");
}

// normalize reads a code as typed: any case, spaces and dashes, O for 0.
export function normalize(code) {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

async function passphraseKey(passphrase, vault, policy) {
  const salt = c.random(16);
  const aad = { user_id: vault.user, vault_id: vault.vault, credential_id: "passphrase", policy_version: policy };
  const wrapKey = await c.passphraseWrapKey(passphrase, salt, policy);
  return { credential_id: "passphrase", salt: c.b64u(salt), blob: await c.wrapKEK(wrapKey, kek, aad) };
}

async function recoveryKeys(vault, policy, count) {
  const codes = [];
  const keys = [];
  for (let n = 1; n <= count; n++) {
    const code = newCode();
    const norm = normalize(code);
    const salt = c.random(16);
    const aad = { user_id: vault.user, vault_id: vault.vault, credential_id: `recovery:${n}`, policy_version: policy };
    keys.push({
      credential_id: `recovery:${n}`,
      salt: c.b64u(salt),
      blob: await c.wrapKEK(await c.secretWrapKey(norm, salt), kek, aad),
      lookup: c.b64u(await c.sha256(new TextEncoder().encode(norm))),
    });
    codes.push(code);
  }
  return { codes, keys };
}

// --- the vault page ---------------------------------------------------------

function page() {
  return $("[data-vault-page]");
}

function problem(form, message) {
  const p = $("[data-vault-problem]", form) || $("#vault-problem");
  if (!p) return;
  p.textContent = message || "";
  p.hidden = !message;
}

function busy(form, on) {
  const b = $("[data-vault-busy]", form);
  if (b) b.hidden = !on;
  for (const el of form.querySelectorAll("button, input")) el.disabled = on;
}

function value(id) {
  const el = document.getElementById(id);
  return el ? el.value : "";
}

function clear(form) {
  for (const el of form.querySelectorAll("input")) if (el.type !== "hidden") el.value = "";
}

function newPassphrase(a, b, min) {
  const p = value(a);
  if (!strength(p, min).ok) throw new Error(strength(p, min).hint);
  if (p !== value(b)) throw new Error("The two passphrases differ.");
  return p;
}

function render() {
  document.body.dataset.vaultTab = kek ? "unlocked" : "locked";
  const root = page();
  if (!root) return;
  const state = $("[data-vault-tab-state]", root);
  if (state) state.textContent = kek ? "Unlocked" : "Locked";
  const when = $("[data-vault-when-unlocked]", root);
  if (when) when.hidden = !kek;
  const unlockForm = $("[data-vault-unlock]", root);
  if (unlockForm) unlockForm.hidden = !!kek;
}

function showCodes(codes, next) {
  const box = $("#vault-codes");
  const list = $("#vault-code-list");
  list.textContent = "";
  for (const code of codes) {
    const li = document.createElement("li");
    const kbd = document.createElement("code");
    kbd.textContent = code;
    li.append(kbd);
    list.append(li);
  }
  const ask = 1 + (c.random(1)[0] % codes.length);
  $("#vault-confirm-n").textContent = String(ask);
  box.hidden = false;
  $("[data-vault-copy]").onclick = () => navigator.clipboard.writeText(codes.join("\n"));
  $("[data-vault-download]").onclick = () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob(["Ignition OS vault recovery codes\n\n" + codes.map((x, i) => `${i + 1}. ${x}`).join("\n") + "\n"], { type: "text/plain" }));
    a.download = "ignition-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const confirm = $("[data-vault-confirm]");
  confirm.onsubmit = (e) => {
    e.preventDefault();
    if (normalize(value("vault-confirm-code")) !== normalize(codes[ask - 1])) {
      problem(confirm, `That is not code number ${ask}. Check the list and try again.`);
      return;
    }
    problem(confirm, "");
    list.textContent = ""; // shown once
    box.hidden = true;
    go(next);
  };
  $("#vault-confirm-code").focus();
}

async function setup(form, root) {
  const passphrase = newPassphrase("vault-passphrase", "vault-passphrase-again", Number(root.dataset.minLength));
  const vault = { user: root.dataset.userId, vault: crypto.randomUUID(), kid: "k1", policy: c.POLICY };
  kek = c.random(32);
  try {
    const pass = await passphraseKey(passphrase, vault, vault.policy);
    const { codes, keys } = await recoveryKeys(vault, vault.policy, Number(root.dataset.codes));
    const proof = c.b64u(await c.unlockProof(kek));
    const res = await call("POST", "/vault", { vault_id: vault.vault, kid: vault.kid, policy_version: vault.policy, proof, passphrase: pass, recovery: keys });
    clear(form);
    form.hidden = true;
    hold(kek, vault);
    showCodes(codes, res.redirect);
  } catch (e) {
    kek = null;
    throw e;
  }
}

async function open(answer, wrapKey) {
  const opened = await c.unwrapKEK(wrapKey, answer.blob);
  return { opened, proof: c.b64u(await c.unlockProof(opened)) };
}

// unlock opens the vault from any unlock form: the vault page's or the
// prompt on a page with encrypted content.
async function unlock(form) {
  const answer = await call("GET", "/vault/keys/passphrase");
  let opened, proof;
  try {
    ({ opened, proof } = await open(answer, await c.passphraseWrapKey($("input[type=password]", form).value, c.unb64u(answer.salt), answer.policy_version)));
  } catch (e) {
    if (e instanceof c.DecryptError) throw new Error("That passphrase does not unlock this vault.");
    throw e;
  }
  await call("POST", "/vault/unlock", { proof });
  clear(form);
  hold(opened, { user: answer.user_id, vault: answer.vault_id, kid: answer.kid, policy: answer.policy_version });
}

async function recover(form, root) {
  const code = normalize(value("vault-recovery-code"));
  const passphrase = newPassphrase("vault-recover-passphrase", "vault-recover-passphrase-again", Number(root.dataset.minLength));
  const answer = await call("POST", "/vault/recovery/find", { lookup: c.b64u(await c.sha256(new TextEncoder().encode(code))) });
  let opened, proof;
  try {
    ({ opened, proof } = await open(answer, await c.secretWrapKey(code, c.unb64u(answer.salt))));
  } catch (e) {
    if (e instanceof c.DecryptError) throw new Error("That recovery code does not unlock this vault.");
    throw e;
  }
  const vault = { user: answer.user_id, vault: answer.vault_id, kid: answer.kid, policy: answer.policy_version };
  kek = opened;
  const pass = await passphraseKey(passphrase, vault, vault.policy);
  const res = await call("POST", "/vault/recover", { credential_id: answer.credential_id, proof, passphrase: pass });
  clear(form);
  hold(opened, vault);
  go(res.redirect);
}

async function change(form, root) {
  const passphrase = newPassphrase("vault-new-passphrase", "vault-new-passphrase-again", Number(root.dataset.minLength));
  const pass = await passphraseKey(passphrase, info, info.policy);
  const res = await call("POST", "/vault/passphrase", { proof: c.b64u(await c.unlockProof(kek)), passphrase: pass });
  clear(form);
  go(res.redirect);
}

async function regenerate(form, root) {
  const { codes, keys } = await recoveryKeys(info, info.policy, Number(root.dataset.codes));
  const res = await call("POST", "/vault/recovery", { proof: c.b64u(await c.unlockProof(kek)), recovery: keys });
  form.hidden = true;
  showCodes(codes, res.redirect);
}

const actions = { vaultSetup: setup, vaultUnlock: unlock, vaultRecover: recover, vaultChange: change, vaultRegenerate: regenerate };

function onSubmit(e) {
  const form = e.target;
  const root = page();
  if ("vaultLock" in form.dataset) {
    forget(); // the form goes on to lock the vault everywhere
    return;
  }
  const name = Object.keys(actions).find((k) => k in form.dataset);
  if (!name || (name !== "vaultUnlock" && !(root && root.contains(form)))) return;
  e.preventDefault(); // the island answers it: nothing is submitted
  e.stopPropagation();
  problem(form, "");
  busy(form, true);
  actions[name](form, root)
    .catch((err) => problem(form, err.message))
    .finally(() => busy(form, false));
}

function onInput(e) {
  if (e.target && e.target.id === "vault-passphrase") {
    const root = page();
    $("#vault-strength").textContent = e.target.value ? strength(e.target.value, Number(root.dataset.minLength)).hint : "";
  }
}

// start wires the vault into the page once; htmx swaps keep it.
export function start() {
  for (const ev of ["keydown", "pointerdown", "wheel", "touchstart"]) document.addEventListener(ev, restartIdle, { passive: true });
  document.addEventListener("visibilitychange", onVisibility);
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("input", onInput);
  document.addEventListener("htmx:afterSettle", render);
  // A lock on another device is announced at once; the poll is the fallback.
  document.addEventListener("live:vault", poll);
  render();
}
