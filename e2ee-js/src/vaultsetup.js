// The vault page's part of the island before there is a vault (a page
// bundle, loaded on Settings → Vault): setting it up with a passphrase and
// recovery codes. It makes the KEK, has the core wrap it for each
// credential and hands it over; it runs again whenever htmx swaps the page
// in.
import * as c from "./crypto.js";
import { core, newPassphrase, recoveryKeys, root, setting, showCodes, strength, wrapped } from "./keys.js";
import { $, call, clear, runs } from "./ui.js";

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

function onSubmit(e) {
  const form = e.target;
  if (!("vaultSetup" in form.dataset) || !root() || !root().contains(form)) return;
  e.preventDefault(); // the island answers it: nothing is submitted
  e.stopPropagation();
  runs(form, () => setup(form));
}

function onInput(e) {
  if (e.target && e.target.id === "vault-passphrase") {
    $("#vault-strength").textContent = e.target.value ? strength(e.target.value, setting("minLength")).hint : "";
  }
}

const wired = document.documentElement.dataset;
if (!("vaultSetupWired" in wired)) {
  wired.vaultSetupWired = "";
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("input", onInput);
}
