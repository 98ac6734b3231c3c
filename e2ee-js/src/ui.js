// What the vault's scripts share on a page: finding elements, calling the
// server's vault routes as JSON with the CSRF token, and a form's problem
// and busy states.

export const $ = (sel, root = document) => root.querySelector(sel);

function csrf() {
  const m = $('meta[name="csrf-token"]');
  return m ? m.content : "";
}

// call sends body as JSON and returns the answer; a refusal throws the
// server's message.
export async function call(method, url, body) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new Error("The server could not be reached. Check your connection and try again.");
  }
  let data = {};
  try {
    data = await res.json();
  } catch {
    // a page, not an answer: the message below says so
  }
  if (!res.ok) throw new Error(data.error || "The vault did not answer. Try again.");
  return data;
}

export function problem(form, message) {
  const p = $("[data-vault-problem]", form) || $("#vault-problem");
  if (!p) return;
  p.textContent = message || "";
  p.hidden = !message;
}

export function busy(form, on) {
  const b = $("[data-vault-busy]", form);
  if (b) b.hidden = !on;
  for (const el of form.querySelectorAll("button, input")) el.disabled = on;
}

export function clear(form) {
  for (const el of form.querySelectorAll("input")) if (el.type !== "hidden") el.value = "";
}

// runs answers form with action, showing its problem and busy states.
export function runs(form, action) {
  problem(form, "");
  busy(form, true);
  return action()
    .catch((err) => problem(form, err.message))
    .finally(() => busy(form, false));
}
