// The island's cryptography: the formats of E2EE.md, crypto policy version
// 1, on WebCrypto alone. Nothing here touches the page; vault.js does.

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const text = new TextDecoder("utf-8", { fatal: true });

// Crypto policies by version: what derives a passphrase's wrap key. Version
// 0 is the spec's first draft, kept so its vaults still open.
export const POLICIES = {
  0: { iterations: 100000 },
  1: { iterations: 600000 },
};
export const POLICY = 1;

// DecryptError is every failure to open: a wrong key, a swapped or changed
// field, a reordered or missing chunk. The page says "could not be
// decrypted" and goes on.
export class DecryptError extends Error {
  constructor() {
    super("This item could not be decrypted.");
    this.name = "DecryptError";
  }
}

export function random(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function b64u(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function unb64u(s) {
  if (typeof s !== "string" || !/^[A-Za-z0-9_-]*$/.test(s)) throw new DecryptError();
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// canonical is JSON with every object's keys in order: the bytes both sides
// authenticate.
export function canonical(v) {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function aesKey(raw, usages = ["encrypt", "decrypt"]) {
  return subtle.importKey("raw", raw, "AES-GCM", false, usages);
}

async function seal(key, nonce, plain, aad) {
  return new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: aad }, key, plain));
}

async function open(key, nonce, cipher, aad) {
  try {
    return new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv: nonce, additionalData: aad }, key, cipher));
  } catch {
    throw new DecryptError();
  }
}

// pbkdf2 derives n bytes from a passphrase (PBKDF2-HMAC-SHA256).
export async function pbkdf2(passphrase, salt, iterations, n = 32) {
  const base = await subtle.importKey("raw", utf8.encode(passphrase), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, n * 8));
}

// hkdf derives n bytes from input keying material (HKDF-SHA256).
export async function hkdf(ikm, salt, info, n = 32) {
  const base = await subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  const infoBytes = typeof info === "string" ? utf8.encode(info) : info;
  return new Uint8Array(await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info: infoBytes }, base, n * 8));
}

// passphraseWrapKey is the wrap key of a passphrase under a policy.
export async function passphraseWrapKey(passphrase, salt, policy = POLICY) {
  const p = POLICIES[policy];
  if (!p) throw new DecryptError();
  return pbkdf2(passphrase, salt, p.iterations);
}

// secretWrapKey is the wrap key of a passkey's PRF output or a recovery
// code: HKDF with the credential's salt.
export function secretWrapKey(secret, salt) {
  return hkdf(typeof secret === "string" ? utf8.encode(secret) : secret, salt, "ignition/v1/wrap");
}

// wrapKEK seals the KEK under a wrap key, bound to its AAD
// ({user_id, vault_id, credential_id, policy_version}).
export async function wrapKEK(wrapKey, kek, aad, nonce = random(12)) {
  const cipher = await seal(await aesKey(wrapKey), nonce, kek, utf8.encode(canonical(aad)));
  return { wrap_version: "v1", wrap_type: "AEAD", nonce: b64u(nonce), cipher: b64u(cipher), aad };
}

// unwrapKEK opens a wrapped KEK; a wrong passphrase, code or PRF fails.
export async function unwrapKEK(wrapKey, blob) {
  if (!blob || blob.wrap_version !== "v1" || blob.wrap_type !== "AEAD") throw new DecryptError();
  const kek = await open(await aesKey(wrapKey), unb64u(blob.nonce), unb64u(blob.cipher), utf8.encode(canonical(blob.aad)));
  if (kek.length !== 32) throw new DecryptError();
  return kek;
}

// unlockProof is what the server keeps the SHA-256 of, to know an unlock
// came from someone who opened the KEK.
export function unlockProof(kek) {
  return hkdf(kek, new Uint8Array(0), "ignition/v1/unlock-proof");
}

// fieldAAD binds a field's ciphertext to where it belongs.
export function fieldAAD(ctx) {
  const { user_id, vault_id, kind, record_id, field } = ctx;
  return utf8.encode(canonical({ v: 1, user_id, vault_id, kind, record_id, field }));
}

// sealField encrypts a record field under a fresh DEK wrapped by the KEK:
// {v, kid, wdek, iv, ct}. Fixed dek and nonces are for test vectors only.
export async function sealField(kek, kid, ctx, plaintext, fixed = {}) {
  const aad = fieldAAD(ctx);
  const dek = fixed.dek || random(32);
  const dekNonce = fixed.dekNonce || random(12);
  const iv = fixed.iv || random(12);
  const wdek = concat(dekNonce, await seal(await aesKey(kek), dekNonce, dek, aad));
  const ct = await seal(await aesKey(dek), iv, utf8.encode(plaintext), aad);
  return { v: 1, kid, wdek: b64u(wdek), iv: b64u(iv), ct: b64u(ct) };
}

// openDEK unwraps an envelope's DEK, bound to the same AAD as its field.
export async function openDEK(kek, ctx, env) {
  if (!env || env.v !== 1) throw new DecryptError();
  const wdek = unb64u(env.wdek);
  if (wdek.length !== 12 + 48) throw new DecryptError();
  return open(await aesKey(kek), wdek.subarray(0, 12), wdek.subarray(12), fieldAAD(ctx));
}

// rewrapDEK wraps an envelope's DEK, opened with the KEK from, under the
// KEK to (a KEK rotation): the new wdek, bound to the same AAD; the
// field's iv and ciphertext stay as they are.
export async function rewrapDEK(from, to, ctx, env, nonce = random(12)) {
  const dek = await openDEK(from, ctx, env);
  return b64u(concat(nonce, await seal(await aesKey(to), nonce, dek, fieldAAD(ctx))));
}

// openField decrypts a record field envelope to its text.
export async function openField(kek, ctx, env) {
  const dek = await openDEK(kek, ctx, env);
  const plain = await open(await aesKey(dek), unb64u(env.iv), unb64u(env.ct), fieldAAD(ctx));
  try {
    return text.decode(plain);
  } catch {
    throw new DecryptError();
  }
}

export const CHUNK = 1 << 20; // a file is encrypted in chunks of 1 MiB

function chunkAAD(fileAAD, i, last) {
  const tail = new Uint8Array(5);
  new DataView(tail.buffer).setUint32(0, i);
  tail[4] = last ? 1 : 0;
  return concat(fileAAD, tail);
}

// sealChunk encrypts chunk i of a file (last: whether it is the final one):
// nonce ‖ ciphertext, so chunks cannot be reordered, dropped or the file
// cut short unnoticed.
export async function sealChunk(dek, fileAAD, i, last, bytes, nonce = random(12)) {
  return concat(nonce, await seal(await aesKey(dek), nonce, bytes, chunkAAD(fileAAD, i, last)));
}

// openChunk decrypts what sealChunk made, at the same place.
export async function openChunk(dek, fileAAD, i, last, bytes) {
  if (bytes.length < 12 + 16) throw new DecryptError();
  return open(await aesKey(dek), bytes.subarray(0, 12), bytes.subarray(12), chunkAAD(fileAAD, i, last));
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle.digest("SHA-256", bytes));
}
