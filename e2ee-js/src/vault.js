// The vault in the page: the KEK lives here, in this tab's memory, from
// unlock to lock, and never leaves this module. It unlocks and locks the
// vault and keeps the lock policy of E2EE.md; the vault page's bundle
// (vaultkeys.js) sets it up and manages its keys through island:vault. It
// sends only wrapped keys, the unlock proof and hashes; never a
// passphrase, a recovery code or the KEK.
import * as c from "./crypto.js";
import { prfSecret } from "./passkey.js";
import { $, call, clear, runs } from "./ui.js";

let kek = null; // the vault's key while this tab has it unlocked
let info = null; // {user, vault, kid, policy}
let next = null; // {kek, kid}: the new KEK while a rotation is under way
let idleTimer = 0;
let hiddenTimer = 0;
let pollTimer = 0;
let worked = false; // input since the last poll

const HIDDEN_LOCK_MS = 2 * 60 * 1000; // a desktop tab hidden this long locks
const POLL_MS = 30 * 1000; // how soon a lock on another device is seen, without a live stream

export function unlocked() {
  return kek !== null;
}

// key returns the KEK new envelopes are sealed with and its ID (the new
// KEK's while a rotation is under way), and in keys every KEK this tab
// holds by ID; null while locked.
export function key() {
  if (!kek) return null;
  const keys = { [info.kid]: kek };
  if (next) keys[next.kid] = next.kek;
  return { ...info, kek: next ? next.kek : kek, kid: next ? next.kid : info.kid, keys };
}

// opener is the KEK of k that opens env.
export function opener(k, env) {
  return (env && k.keys[env.kid]) || k.kek;
}

function hold(newKek, newInfo, newNext = null) {
  kek = newKek;
  info = newInfo;
  next = newNext;
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
  next = null;
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

// aad is what a wrapped KEK is bound to (E2EE.md).
export function aad(v, credential) {
  return { user_id: v.user, vault_id: v.vault, credential_id: credential, policy_version: v.policy };
}

// --- unlocking ----------------------------------------------------------------

function page() {
  return $("[data-vault-page]");
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

// showPasskeys offers unlocking by passkey where one unlocks the vault.
function showPasskeys() {
  for (const b of document.querySelectorAll("[data-vault-passkey-unlock]")) b.hidden = !document.body.dataset.vaultPasskeys;
}

// opens unlocks with the KEK answer wraps, under the wrap key wrapKey
// (a promise); wrong is what a key that does not open it says.
async function opens(form, answer, wrapKey, wrong) {
  let opened;
  try {
    opened = await c.unwrapKEK(await wrapKey, answer.blob);
  } catch (e) {
    if (e instanceof c.DecryptError) throw new Error(wrong);
    throw e;
  }
  await call("POST", "/vault/unlock", { proof: c.b64u(await c.unlockProof(opened)) });
  clear(form);
  await holdOpened(opened, answer);
}

// holdOpened holds a KEK just unwrapped from a key answer, and with a
// rotation under way its new KEK too (wrapped under the current one).
async function holdOpened(opened, answer) {
  const r = answer.rotation;
  const nextKek = r && (await c.unwrapKEK(await c.secretWrapKey(opened, c.unb64u(r.salt)), r.blob));
  hold(opened, { user: answer.user_id, vault: answer.vault_id, kid: answer.kid, policy: answer.policy_version }, r && { kek: nextKek, kid: r.next_kid });
}

// unlock opens the vault from any unlock form: the vault page's or the
// prompt on a page with encrypted content.
async function unlock(form) {
  const answer = await call("GET", "/vault/keys/passphrase");
  const wrapKey = c.passphraseWrapKey($("input[type=password]", form).value, c.unb64u(answer.salt), answer.policy_version);
  await opens(form, answer, wrapKey, "That passphrase does not unlock this vault.");
}

// unlockByPasskey opens the vault with a passkey alone: its PRF output
// unwraps the KEK the server keeps for it.
async function unlockByPasskey(form) {
  const { id, secret } = await prfSecret(document.body.dataset.vaultPasskeys.split(","));
  const answer = await call("GET", "/vault/keys/passkey/" + id);
  await opens(form, answer, c.secretWrapKey(secret, c.unb64u(answer.salt)), "This passkey does not unlock this vault.");
}

function onSubmit(e) {
  const form = e.target;
  if ("vaultLock" in form.dataset) forget(); // the form goes on to lock the vault everywhere
  if (!("vaultUnlock" in form.dataset)) return;
  e.preventDefault(); // the island answers it: nothing is submitted
  e.stopPropagation();
  runs(form, () => unlock(form));
}

function onClick(e) {
  const button = e.target.closest && e.target.closest("[data-vault-passkey-unlock]");
  if (button) runs(button.form || page(), () => unlockByPasskey(button.form || page()));
}

// What needs a KEK on the vault pages, asked by their bundles: wrap one
// for a new credential (the held KEK, or one the page made) under a
// passphrase, a recovery code, a passkey's PRF output (asked for here) or
// the held KEK (held: a rotation's new KEK); open such a blob; the unlock
// proof; hold a KEK the page made or recovered; and for a rotation, take
// its new KEK, re-wrap envelopes' DEKs under it, and make it the vault's.
// The held KEK itself is never given out.
async function wrapFor(d) {
  if (d.passkey) {
    const { id, secret } = await prfSecret([d.passkey]);
    d = { ...d, credential: id, secret };
  }
  const k = d.kek || kek;
  const v = d.vault || info;
  const salt = c.random(16);
  const wrapKey = await ("passphrase" in d ? c.passphraseWrapKey(d.passphrase, salt, v.policy) : c.secretWrapKey(d.held ? kek : d.secret, salt));
  return { credential_id: d.credential, salt: c.b64u(salt), blob: await c.wrapKEK(wrapKey, k, aad(v, d.credential)) };
}

async function unwrapWith(d) {
  try {
    return await c.unwrapKEK(await c.secretWrapKey(d.held ? kek : d.secret, c.unb64u(d.salt)), d.blob);
  } catch (e) {
    throw e instanceof c.DecryptError ? new Error(d.wrong) : e;
  }
}

// rewrapAll re-wraps the DEK of each listed field (records of
// /vault/rotation/records) under d.kek: for each, the wdek it had and the
// new one.
async function rewrapAll(d) {
  const out = [];
  for (const r of d.records) {
    const fields = {};
    for (const [field, raw] of Object.entries(r.fields)) {
      const env = JSON.parse(raw);
      const ctx = { user_id: info.user, vault_id: info.vault, kind: r.kind, record_id: r.id, field };
      try {
        fields[field] = { old: env.wdek, wdek: await c.rewrapDEK(kek, d.kek, ctx, env) };
      } catch {
        throw new Error(`A damaged ${r.kind} (${r.id}) could not be decrypted: delete it, then continue.`);
      }
    }
    out.push({ kind: r.kind, id: r.id, fields });
  }
  return out;
}

const OPS = {
  wrap: wrapFor,
  unwrap: unwrapWith,
  proof: async (d) => c.b64u(await c.unlockProof(d.kek || kek)),
  hold: async (d) => (d.answer ? holdOpened(d.kek, d.answer) : hold(d.kek, d.info)),
  next: async (d) => hold(kek, info, { kek: d.kek, kid: d.kid }),
  rewrap: rewrapAll,
  rotated: async () => hold(next.kek, { ...info, kid: next.kid }),
};

function onAsk(e) {
  const d = e.detail;
  if (!OPS[d.op]) return;
  const needsHeld = (!d.kek && ["wrap", "proof"].includes(d.op)) || d.held || ["next", "rewrap", "rotated"].includes(d.op);
  d.reply(needsHeld && !kek ? Promise.reject(new Error("Unlock your vault first.")) : OPS[d.op](d));
}

// start wires the vault into the page once; htmx swaps keep it.
export function start() {
  for (const ev of ["keydown", "pointerdown", "wheel", "touchstart"]) document.addEventListener(ev, restartIdle, { passive: true });
  document.addEventListener("visibilitychange", onVisibility);
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("click", onClick);
  document.addEventListener("island:vault", onAsk);
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("htmx:afterSettle", showPasskeys);
  // A lock on another device is announced at once; the poll is the fallback.
  document.addEventListener("live:vault", poll);
  render();
  showPasskeys();
}
