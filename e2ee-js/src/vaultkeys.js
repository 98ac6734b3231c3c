// The vault page's part of the island (a page bundle, loaded on Settings →
// Vault): setting the vault up, recovering it with a code, changing the
// passphrase, new recovery codes and passkey unlock. What needs the open
// vault's KEK it asks of the core (vault.js) through island:vault, so the
// KEK never leaves the core; a KEK this page makes or recovers it hands
// over. It runs again whenever htmx swaps the page in.
import * as c from "./crypto.js";
import { go } from "./nav.js";
import { $, call, clear, problem, runs } from "./ui.js";

// core asks the island core for op; it answers with a promise.
function core(op, detail = {}) {
  let out = null;
  document.dispatchEvent(new CustomEvent("island:vault", { detail: { ...detail, op, reply: (p) => (out = p) } }));
  return out || Promise.reject(new Error("The vault did not start. Reload the page."));
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

// wrapped is a KEK wrapped for a credential by the core: the held KEK, or
// with mine a KEK this page made ({kek, vault}).
function wrapped(credential, secret, mine = {}) {
  return core("wrap", { credential, ...secret, ...mine });
}

async function recoveryKeys(count, mine) {
  const codes = [];
  const keys = [];
  for (let n = 1; n <= count; n++) {
    const code = newCode();
    const norm = normalize(code);
    const key = await wrapped(`recovery:${n}`, { secret: norm }, mine);
    keys.push({ ...key, lookup: c.b64u(await c.sha256(new TextEncoder().encode(norm))) });
    codes.push(code);
  }
  return { codes, keys };
}

// --- the page ---------------------------------------------------------------

const root = () => $("[data-vault-page]");
const setting = (name) => Number(root().dataset[name]);

function value(id) {
  const el = document.getElementById(id);
  return el ? el.value : "";
}

function newPassphrase(a, b) {
  const p = value(a);
  const s = strength(p, setting("minLength"));
  if (!s.ok) throw new Error(s.hint);
  if (p !== value(b)) throw new Error("The two passphrases differ.");
  return p;
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

async function setup(form) {
  const passphrase = newPassphrase("vault-passphrase", "vault-passphrase-again");
  const vault = { user: root().dataset.userId, vault: crypto.randomUUID(), kid: "k1", policy: c.POLICY };
  const mine = { kek: c.random(32), vault };
  const pass = await wrapped("passphrase", { passphrase }, mine);
  const { codes, keys } = await recoveryKeys(setting("codes"), mine);
  const proof = await core("proof", mine);
  const res = await call("POST", "/vault", { vault_id: vault.vault, kid: vault.kid, policy_version: vault.policy, proof, passphrase: pass, recovery: keys });
  clear(form);
  form.hidden = true;
  await core("hold", { kek: mine.kek, info: vault });
  showCodes(codes, res.redirect);
}

async function recover(form) {
  const code = normalize(value("vault-recovery-code"));
  const passphrase = newPassphrase("vault-recover-passphrase", "vault-recover-passphrase-again");
  const answer = await call("POST", "/vault/recovery/find", { lookup: c.b64u(await c.sha256(new TextEncoder().encode(code))) });
  const kek = await core("unwrap", { secret: code, salt: answer.salt, blob: answer.blob, wrong: "That recovery code does not unlock this vault." });
  const vault = { user: answer.user_id, vault: answer.vault_id, kid: answer.kid, policy: answer.policy_version };
  const pass = await wrapped("passphrase", { passphrase }, { kek, vault });
  const res = await call("POST", "/vault/recover", { credential_id: answer.credential_id, proof: await core("proof", { kek }), passphrase: pass });
  clear(form);
  await core("hold", { kek, info: vault });
  go(res.redirect);
}

async function change(form) {
  const passphrase = newPassphrase("vault-new-passphrase", "vault-new-passphrase-again");
  const pass = await wrapped("passphrase", { passphrase });
  const res = await call("POST", "/vault/passphrase", { proof: await core("proof"), passphrase: pass });
  clear(form);
  go(res.redirect);
}

async function regenerate(form) {
  const { codes, keys } = await recoveryKeys(setting("codes"));
  const res = await call("POST", "/vault/recovery", { proof: await core("proof"), recovery: keys });
  form.hidden = true;
  showCodes(codes, res.redirect);
}

// passkeyOn wraps the open KEK for a passkey, so it unlocks the vault.
async function passkeyOn(button) {
  const key = await core("wrap", { passkey: button.dataset.credential });
  const res = await call("POST", "/vault/keys/passkey", { passkey_id: button.dataset.passkeyId, proof: await core("proof"), key });
  go(res.redirect);
}

const actions = { vaultSetup: setup, vaultRecover: recover, vaultChange: change, vaultRegenerate: regenerate };

function onSubmit(e) {
  const form = e.target;
  const name = Object.keys(actions).find((k) => k in form.dataset);
  if (!name || !root() || !root().contains(form)) return;
  e.preventDefault(); // the island answers it: nothing is submitted
  e.stopPropagation();
  runs(form, () => actions[name](form));
}

function onClick(e) {
  const button = e.target.closest && e.target.closest("[data-vault-passkey-enable]");
  if (button) runs(root(), () => passkeyOn(button));
}

function onInput(e) {
  if (e.target && e.target.id === "vault-passphrase") {
    $("#vault-strength").textContent = e.target.value ? strength(e.target.value, setting("minLength")).hint : "";
  }
}

const wired = document.documentElement.dataset;
if (!("vaultKeysWired" in wired)) {
  wired.vaultKeysWired = "";
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("click", onClick);
  document.addEventListener("input", onInput);
}
