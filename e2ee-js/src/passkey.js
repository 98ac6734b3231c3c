// A passkey's PRF output (WebAuthn's prf extension), the secret a vault
// unlock by passkey wraps the KEK with (E2EE.md: HKDF with a per-credential
// salt, as a recovery code's).
import * as c from "./crypto.js";

const PRF_INPUT = new TextEncoder().encode("ignition/v1/vault-unlock");

// prfSecret has one of the passkeys named (credential IDs, base64url) give
// its PRF output, with the user's fingerprint, face or PIN.
export async function prfSecret(ids) {
  let cred;
  try {
    cred = await navigator.credentials.get({
      publicKey: { challenge: c.random(32), allowCredentials: ids.map((id) => ({ type: "public-key", id: c.unb64u(id) })), userVerification: "required", extensions: { prf: { eval: { first: PRF_INPUT } } } },
    });
  } catch {
    throw new Error("No passkey on this device unlocks the vault, or the request was cancelled. Use your passphrase.");
  }
  const first = cred.getClientExtensionResults().prf?.results?.first;
  if (!first) throw new Error("This passkey cannot unlock the vault.");
  return { id: c.b64u(new Uint8Array(cred.rawId)), secret: new Uint8Array(first) };
}
