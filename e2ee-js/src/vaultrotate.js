// The key rotation page's part of the island (a page bundle, loaded on
// Settings → Vault → Rotate): it makes the new KEK (or, continuing a
// rotation, has the core open it), has the core re-wrap every envelope's
// DEK under it a page at a time, then wraps it under the passphrase and new
// recovery codes and shows them once. The current KEK never leaves the
// core. It runs again whenever htmx swaps the page in.
import * as c from "./crypto.js";
import { core, newPassphrase, recoveryKeys, root, setting, showCodes, wrapped } from "./keys.js";
import { $, call, runs } from "./ui.js";

// progress shows how many records are re-wrapped.
function progress(p) {
  const bar = $("#vault-rotate-bar");
  $("#vault-rotate-progress").hidden = false;
  bar.max = Math.max(p.total, 1);
  bar.value = p.total - p.left;
  $("#vault-rotate-status").textContent = `${(p.total - p.left).toLocaleString("en")} of ${p.total.toLocaleString("en")} records re-wrapped.`;
}

// started is the rotation under way (the page says whether there is one),
// or a new one started here; with it, the new KEK, which the core then
// holds beside the current one.
async function started() {
  let r = null;
  let next;
  if ("pending" in root().dataset) {
    r = await call("GET", "/vault/rotation");
    next = await core("unwrap", { held: true, salt: r.salt, blob: r.blob, wrong: "The rotation under way could not be opened with your key." });
  } else {
    next = c.random(32);
    const key = await core("wrap", { credential: "rotation", held: true, kek: next });
    const nextKID = root().dataset.nextKid;
    r = await call("POST", "/vault/rotation", { proof: await core("proof"), next_kid: nextKID, next_proof: await core("proof", { kek: next }), key });
  }
  await core("next", { kek: next, kid: r.next_kid });
  return { r, next };
}

// rewrapAll re-wraps page after page until no record is left under the
// old key.
async function rewrapAll(next) {
  for (;;) {
    const page = await call("GET", "/vault/rotation/records");
    if (page.records.length === 0) return;
    const records = await core("rewrap", { records: page.records, kek: next });
    progress(await call("POST", "/vault/rotation/records", { records }));
  }
}

async function rotate(form) {
  const passphrase = newPassphrase("vault-rotate-passphrase", "vault-rotate-passphrase-again");
  const { r, next } = await started();
  progress(r);
  const mine = { kek: next };
  for (let tries = 0; ; tries++) {
    await rewrapAll(next);
    const pass = await wrapped("passphrase", { passphrase }, mine);
    const { codes, keys } = await recoveryKeys(setting("codes"), mine);
    try {
      const res = await call("POST", "/vault/rotation/finish", { next_proof: await core("proof", mine), passphrase: pass, recovery: keys });
      await core("rotated");
      form.hidden = true;
      showCodes(codes, res.redirect);
      return;
    } catch (e) {
      if (tries === 2) throw e; // records saved meanwhile: once more, then say so
    }
  }
}

function onSubmit(e) {
  const form = e.target;
  if (!("vaultRotate" in form.dataset)) return;
  e.preventDefault(); // the island answers it: nothing is submitted
  e.stopPropagation();
  runs(form, () => rotate(form));
}

const wired = document.documentElement.dataset;
if (!("vaultRotateWired" in wired)) {
  wired.vaultRotateWired = "";
  document.addEventListener("submit", onSubmit, true);
}
