// What the vault pages' bundles share: asking the island core for what
// needs the KEK (island:vault), passphrases and recovery codes, and
// showing new codes once.
import * as c from "./crypto.js";
import { go } from "./nav.js";
import { $, problem } from "./ui.js";

// core asks the island core for op; it answers with a promise.
export function core(op, detail = {}) {
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
export function wrapped(credential, secret, mine = {}) {
  return core("wrap", { credential, ...secret, ...mine });
}

export async function recoveryKeys(count, mine) {
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

export const root = () => $("[data-vault-page]");
export const setting = (name) => Number(root().dataset[name]);

export function value(id) {
  const el = document.getElementById(id);
  return el ? el.value : "";
}

export function newPassphrase(a, b) {
  const p = value(a);
  const s = strength(p, setting("minLength"));
  if (!s.ok) throw new Error(s.hint);
  if (p !== value(b)) throw new Error("The two passphrases differ.");
  return p;
}

export function showCodes(codes, next) {
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
