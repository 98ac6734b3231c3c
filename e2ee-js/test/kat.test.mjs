// Known-answer tests: the primitives the formats stand on give the
// published answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pbkdf2, hkdf } from "../src/crypto.js";

const hex = (s) => Uint8Array.from(s.replace(/\s+/g, "").match(/../g).map((b) => parseInt(b, 16)));
const toHex = (b) => Buffer.from(b).toString("hex");
const utf8 = new TextEncoder();

test("PBKDF2-HMAC-SHA256 (RFC 7914 §11)", async () => {
  assert.equal(toHex(await pbkdf2("passwd", utf8.encode("salt"), 1, 64)),
    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  assert.equal(toHex(await pbkdf2("Password", utf8.encode("NaCl"), 80000, 64)),
    "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
});

test("HKDF-SHA256 (RFC 5869 A.1)", async () => {
  const okm = await hkdf(hex("0b".repeat(22)), hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  assert.equal(toHex(okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
});

test("AES-256-GCM (the GCM specification's test case 16)", async () => {
  const key = await crypto.subtle.importKey("raw", hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES-GCM", false, ["encrypt"]);
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: hex("cafebabefacedbaddecaf888"), additionalData: hex("feedfacedeadbeeffeedfacedeadbeefabaddad2") }, key,
    hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")));
  assert.equal(toHex(out),
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");
});
