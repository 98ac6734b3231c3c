// Tamper tests: ciphertext moved, changed, reordered or cut short never
// opens; each failure is the one DecryptError the page shows as "could not
// be decrypted".
import { test } from "node:test";
import assert from "node:assert/strict";
import * as c from "../src/crypto.js";
import { inputs, read } from "./vectors.mjs";

const v = read("js.json");
const kek = c.unb64u(inputs.kek);
const ctxOf = (f) => ({ user_id: inputs.user_id, vault_id: inputs.vault_id, kind: f.kind, record_id: f.record_id, field: f.field });
const fails = (p) => assert.rejects(p, c.DecryptError);

test("a field opens only where it was sealed", async () => {
  const [title, body] = inputs.fields;
  assert.equal(await c.openField(kek, ctxOf(title), v.fields[0]), title.plaintext);
  await fails(c.openField(kek, ctxOf(body), v.fields[0])); // swapped into another field
  await fails(c.openField(kek, { ...ctxOf(title), record_id: "00000000-0000-4000-8000-000000000000" }, v.fields[0])); // another record
  await fails(c.openField(kek, { ...ctxOf(title), user_id: "00000000-0000-4000-8000-000000000001" }, v.fields[0])); // another user
  await fails(c.openField(kek, { ...ctxOf(title), kind: "journal" }, v.fields[0])); // another kind
  await fails(c.openField(c.random(32), ctxOf(title), v.fields[0])); // another key
});

test("a changed envelope does not open", async () => {
  const ctx = ctxOf(inputs.fields[0]);
  const flip = (s) => { const b = c.unb64u(s); b[b.length - 1] ^= 1; return c.b64u(b); };
  for (const part of ["ct", "iv", "wdek"]) {
    await fails(c.openField(kek, ctx, { ...v.fields[0], [part]: flip(v.fields[0][part]) }));
  }
  await fails(c.openField(kek, ctx, { ...v.fields[0], v: 2 }));
  await fails(c.openField(kek, ctx, { ...v.fields[0], ct: "not base64!" }));
  await fails(c.openField(kek, ctx, { ...v.fields[0], wdek: v.fields[0].iv }));
  await fails(c.openField(kek, ctx, null));
});

test("a file's chunks cannot be reordered, dropped or cut short", async () => {
  const dek = c.unb64u(inputs.file.dek);
  const aad = c.fieldAAD(ctxOf(inputs.file));
  const chunks = v.file.map(c.unb64u);
  await fails(c.openChunk(dek, aad, 0, false, chunks[1])); // reordered
  await fails(c.openChunk(dek, aad, 1, true, chunks[1])); // cut short after chunk 1
  await fails(c.openChunk(dek, aad, 2, false, chunks[2])); // a last chunk read as not the last
  await fails(c.openChunk(dek, aad, 0, false, chunks[0].subarray(0, 20))); // truncated chunk
  assert.equal(c.b64u(await c.openChunk(dek, aad, 2, true, chunks[2])), inputs.file.chunks[2]);
});

test("a wrapped KEK opens only with its secret and its AAD", async () => {
  const cred = inputs.credentials[0];
  const key = await c.passphraseWrapKey(cred.secret, c.unb64u(cred.salt), cred.policy);
  assert.equal(c.b64u(await c.unwrapKEK(key, v.wrapped[0])), inputs.kek);
  await fails(c.unwrapKEK(await c.passphraseWrapKey(cred.secret + " ", c.unb64u(cred.salt), cred.policy), v.wrapped[0]));
  await fails(c.unwrapKEK(key, { ...v.wrapped[0], aad: { ...v.wrapped[0].aad, vault_id: "another" } }));
  await fails(c.unwrapKEK(key, { ...v.wrapped[0], wrap_version: "v2" }));
  // A version-0 vault (100,000 iterations) still opens under its own policy.
  const old = inputs.credentials[1];
  assert.equal(c.b64u(await c.unwrapKEK(await c.passphraseWrapKey(old.secret, c.unb64u(old.salt), 0), v.wrapped[1])), inputs.kek);
  await fails(c.unwrapKEK(await c.passphraseWrapKey(old.secret, c.unb64u(old.salt), 1), v.wrapped[1]));
});

test("random values are fresh", () => {
  assert.notDeepEqual(c.random(12), c.random(12));
});

test("a rotation re-wraps a field's DEK and nothing else", async () => {
  const f = inputs.fields[0];
  const ctx = ctxOf(f);
  const next = c.random(32);
  const env = v.fields[0];
  const wdek = await c.rewrapDEK(kek, next, ctx, env);
  const moved = { ...env, kid: "k2", wdek };
  assert.equal(await c.openField(next, ctx, moved), f.plaintext); // the same iv and ciphertext open under the new KEK
  await fails(c.openField(kek, ctx, moved)); // and no longer under the old one
  // The same bytes as sealing that DEK under the new KEK with the same nonce.
  const fixed = { dek: c.random(32), dekNonce: c.random(12), iv: c.random(12) };
  const old = await c.sealField(kek, "k1", ctx, "text", fixed);
  const fresh = await c.sealField(next, "k2", ctx, "text", fixed);
  assert.equal(await c.rewrapDEK(kek, next, ctx, old, fixed.dekNonce), fresh.wdek);
  // A wrapped DEK moved to another record, or changed, is not re-wrapped.
  await fails(c.rewrapDEK(kek, next, { ...ctx, record_id: "00000000-0000-4000-8000-000000000000" }, env));
  const b = c.unb64u(env.wdek);
  b[20] ^= 1;
  await fails(c.rewrapDEK(kek, next, ctx, { ...env, wdek: c.b64u(b) }));
  await fails(c.rewrapDEK(c.random(32), next, ctx, env));
});
