// Encrypted files (E2EE.md, Files), for page parts such as the memo
// recorder: they ask by event and get back ciphertext chunks and a sealed
// manifest, or the decrypted bytes; the vault's key stays in this module.
import * as c from "./crypto.js";
import { key, opener } from "./vault.js";
import { prompt } from "./forms.js";

// Locked is the answer while the vault is locked: the prompt is shown.
export class Locked extends Error {}

function held() {
  const k = key();
  if (!k) {
    prompt(true);
    throw new Locked("Unlock your vault first.");
  }
  return k;
}

function context(k, kind, record, field) {
  return { user_id: k.user, vault_id: k.vault, kind, record_id: record, field };
}

// seal encrypts bytes under a fresh file key in chunks of c.CHUNK; the
// manifest (the key, the type, each chunk's size and SHA-256) is sealed as
// the record's "manifest" field.
async function seal({ kind, record, bytes, type }) {
  const k = held();
  const dek = c.random(32);
  const aad = c.fieldAAD(context(k, kind, record, "file"));
  const n = Math.max(1, Math.ceil(bytes.length / c.CHUNK));
  const chunks = [];
  const sums = [];
  for (let i = 0; i < n; i++) {
    const ct = await c.sealChunk(dek, aad, i, i === n - 1, bytes.subarray(i * c.CHUNK, (i + 1) * c.CHUNK));
    chunks.push(ct);
    sums.push({ size: ct.length, sha256: c.b64u(await c.sha256(ct)) });
  }
  const plain = JSON.stringify({ v: 1, type, size: bytes.length, dek: c.b64u(dek), chunks: sums });
  const manifest = JSON.stringify(await c.sealField(k.kek, k.kid, context(k, kind, record, "manifest"), plain));
  return { chunks, manifest };
}

// open checks each chunk against the manifest and decrypts it in place:
// a swapped, reordered, missing or cut chunk fails.
async function open({ kind, record, manifest, chunks }) {
  const k = held();
  const env = typeof manifest === "string" ? JSON.parse(manifest) : manifest;
  const m = JSON.parse(await c.openField(opener(k, env), context(k, kind, record, "manifest"), env));
  if (!Array.isArray(m.chunks) || m.chunks.length !== chunks.length) throw new c.DecryptError();
  const aad = c.fieldAAD(context(k, kind, record, "file"));
  const dek = c.unb64u(m.dek);
  const parts = [];
  for (let i = 0; i < chunks.length; i++) {
    if (chunks[i].length !== m.chunks[i].size || c.b64u(await c.sha256(chunks[i])) !== m.chunks[i].sha256) throw new c.DecryptError();
    parts.push(await c.openChunk(dek, aad, i, i === chunks.length - 1, chunks[i]));
  }
  return { parts, type: m.type };
}

function answer(fn) {
  return (e) => fn(e.detail).then((out) => e.detail.reply(null, out), (err) => e.detail.reply(err));
}

export function start() {
  document.addEventListener("island:seal-file", answer(seal));
  document.addEventListener("island:open-file", answer(open));
}
