// The vault page's part of the island once there is a vault (a page
// bundle, loaded on Settings → Vault): recovering it with a code, changing
// the passphrase, new recovery codes and passkey unlock. What needs the open
// vault's KEK it asks of the core (vault.js) through island:vault, so the
// KEK never leaves the core; a KEK this page makes or recovers it hands
// over. It runs again whenever htmx swaps the page in.
import * as c from "./crypto.js";
import { go } from "./nav.js";
import { core, newPassphrase, normalize, recoveryKeys, root, setting, showCodes, value, wrapped } from "./keys.js";
import { $, call, clear, runs } from "./ui.js";

async function recover(form) {
  const code = normalize(value("vault-recovery-code"));
  const passphrase = newPassphrase("vault-recover-passphrase", "vault-recover-passphrase-again");
  const answer = await call("POST", "/vault/recovery/find", { lookup: c.b64u(await c.sha256(new TextEncoder().encode(code))) });
  const kek = await core("unwrap", { secret: code, salt: answer.salt, blob: answer.blob, wrong: "That recovery code does not unlock this vault." });
  const vault = { user: answer.user_id, vault: answer.vault_id, policy: answer.policy_version };
  const pass = await wrapped("passphrase", { passphrase }, { kek, vault });
  const res = await call("POST", "/vault/recover", { credential_id: answer.credential_id, proof: await core("proof", { kek }), passphrase: pass });
  clear(form);
  await core("hold", { kek, answer }); // and a rotation's new KEK, if one is under way
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

const actions = { vaultRecover: recover, vaultChange: change, vaultRegenerate: regenerate };

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

const wired = document.documentElement.dataset;
if (!("vaultKeysWired" in wired)) {
  wired.vaultKeysWired = "";
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("click", onClick);
}
