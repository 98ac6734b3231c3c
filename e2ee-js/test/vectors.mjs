// The interop vectors: every format of E2EE.md made from fixed inputs
// (inputs.json). The island's output is js.json; a Go test makes go.json
// from the same inputs with its own implementation, and each side opens
// the other's.
import { readFileSync } from "node:fs";
import * as c from "../src/crypto.js";

const dir = new URL("./vectors/", import.meta.url);
export const inputs = JSON.parse(readFileSync(new URL("inputs.json", dir)));
export const read = (name) => JSON.parse(readFileSync(new URL(name, dir)));
export const path = (name) => new URL(name, dir);

const u = c.unb64u;

function fieldCtx(inp, f) {
  return { user_id: inp.user_id, vault_id: inp.vault_id, kind: f.kind, record_id: f.record_id, field: f.field };
}

async function wrapKeyOf(cred) {
  return cred.kind === "passphrase" ? c.passphraseWrapKey(cred.secret, u(cred.salt), cred.policy) : c.secretWrapKey(cred.secret, u(cred.salt));
}

// make returns the vectors the island makes from inp.
export async function make(inp = inputs) {
  const kek = u(inp.kek);
  const out = { unlock_proof: c.b64u(await c.unlockProof(kek)), wrapped: [], fields: [], file: [] };
  for (const cred of inp.credentials) {
    const aad = { user_id: inp.user_id, vault_id: inp.vault_id, credential_id: cred.credential_id, policy_version: cred.policy };
    out.wrapped.push(await c.wrapKEK(await wrapKeyOf(cred), kek, aad, u(cred.nonce)));
  }
  for (const f of inp.fields) {
    out.fields.push(await c.sealField(kek, inp.kid, fieldCtx(inp, f), f.plaintext, { dek: u(f.dek), dekNonce: u(f.dek_nonce), iv: u(f.iv) }));
  }
  const fileAAD = c.fieldAAD(fieldCtx(inp, inp.file));
  const n = inp.file.chunks.length;
  for (let i = 0; i < n; i++) {
    out.file.push(c.b64u(await c.sealChunk(u(inp.file.dek), fileAAD, i, i === n - 1, u(inp.file.chunks[i]), u(inp.file.nonces[i]))));
  }
  return out;
}

// opens checks that vectors open to the inputs, and returns what they hold.
export async function opens(v, inp = inputs) {
  const kek = u(inp.kek);
  const got = { keks: [], fields: [], chunks: [] };
  for (let i = 0; i < inp.credentials.length; i++) {
    got.keks.push(c.b64u(await c.unwrapKEK(await wrapKeyOf(inp.credentials[i]), v.wrapped[i])));
  }
  for (let i = 0; i < inp.fields.length; i++) {
    got.fields.push(await c.openField(kek, fieldCtx(inp, inp.fields[i]), v.fields[i]));
  }
  const fileAAD = c.fieldAAD(fieldCtx(inp, inp.file));
  for (let i = 0; i < v.file.length; i++) {
    got.chunks.push(c.b64u(await c.openChunk(u(inp.file.dek), fileAAD, i, i === v.file.length - 1, u(v.file[i]))));
  }
  got.proof = c.b64u(await c.unlockProof(kek));
  return got;
}
