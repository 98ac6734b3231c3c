// The encrypted search index (E2EE.md; spec §10.2): once the vault is
// unlocked, every private record's envelopes are read a page at a time
// from /search/index, opened here and kept in this tab's memory only
// (never stored) until the vault locks, which drops them. It adds local
// matches to the command palette and answers a page's search box by event
// (island:find, from the searchbox.js page bundle). Which records, and in
// which order, is the server's; a match is a record whose text holds every
// word typed.
import * as c from "./crypto.js";
import { key, opener } from "./vault.js";

const SHOWN = 20; // results listed at once; the count says how many match
let entries = []; // { kind, label, url, name, text }
let total = 0;
let done = 0;
let state = "locked"; // building, ready, failed
let ready = false; // a whole index is held (it may be being built anew)
let run = 0; // the build under way; a lock or a new build ends the older

async function openRecord(k, it) {
  const parts = [it.t || "", it.p || ""];
  let name = it.t || "";
  await Promise.all(
    Object.entries(it.f).map(async ([field, env]) => {
      try {
        const e = JSON.parse(env);
        const text = await c.openField(opener(k, e), { user_id: k.user, vault_id: k.vault, kind: it.k, record_id: it.r, field }, e);
        parts.push(text);
        if (field === it.n) name = text;
      } catch {
        // left out of the index: its page shows it as undecryptable
      }
    }),
  );
  return { kind: it.k, label: it.l, url: it.u, name: name || it.l, text: parts.join("\n").toLowerCase() };
}

async function build() {
  const k = key();
  if (!k) return;
  const mine = ++run;
  const started = performance.now();
  const found = [];
  state = "building";
  done = 0;
  announce();
  try {
    for (let next = 0; next !== null; ) {
      const res = await fetch("/search/index?offset=" + next, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!res.ok) throw new Error(res.statusText);
      const page = await res.json();
      const opened = await Promise.all(page.items.map((it) => openRecord(k, it)));
      if (mine !== run || key()?.kek !== k.kek) return; // locked, or built anew, meanwhile
      for (const e of opened) found.push(e);
      total = page.total;
      done = found.length;
      next = page.next;
      announce();
    }
  } catch {
    if (mine === run) {
      state = "failed";
      announce();
    }
    return;
  }
  entries = found;
  state = "ready";
  ready = true;
  performance.measure("island:index", { start: started });
  announce();
}

function drop() {
  run++;
  entries = [];
  total = done = 0;
  state = "locked";
  ready = false;
  announce();
}

// find lists the entries of kind ("" for every kind) holding every word of
// q, in the server's order: the first SHOWN, and how many match.
function find(q, kind) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = [];
  let count = 0;
  if (words.length === 0) return { hits, count };
  for (const e of entries) {
    if ((kind && e.kind !== kind) || !words.every((w) => e.text.includes(w))) continue;
    if (++count <= SHOWN) hits.push(e);
  }
  return { hits, count };
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

function plural(n, one, many) {
  return n.toLocaleString("en") + " " + (n === 1 ? one : many);
}

// palette adds the index's matches to the palette's results, after the
// server's, as options the palette's keys move through.
function palette() {
  const input = document.getElementById("palette-input");
  const list = document.getElementById("palette-results");
  if (!input || !list || !ready) return;
  const { hits, count } = find(input.value.trim(), "");
  hits.forEach((h, i) => {
    const o = el("li", { id: "palette-local-" + i, className: "palette-option" }, el("span", { className: "palette-label", textContent: h.name }), el("span", { className: "palette-group", textContent: h.label }));
    o.setAttribute("role", "option");
    o.setAttribute("aria-selected", "false");
    o.dataset.href = h.url;
    list.append(o);
  });
  if (count > 0) {
    const note = document.querySelector(".palette-count");
    if (note) note.textContent += ` ${plural(count, "private item matches", "private items match")}.`;
  }
}

// announce tells the page's search boxes the index changed.
function announce() {
  document.dispatchEvent(new CustomEvent("island:index"));
}

let stale = 0;
// start builds the index on unlock, drops it on lock, and builds it again
// a moment after this tab changes something (a note saved, an idea gone).
export function start() {
  document.addEventListener("vault:unlocked", build);
  document.addEventListener("vault:locked", drop);
  document.addEventListener("htmx:afterRequest", (e) => {
    if (e.detail.successful && e.detail.requestConfig?.verb !== "get" && key()) {
      clearTimeout(stale);
      stale = setTimeout(build, 500);
    }
  });
  document.addEventListener("htmx:afterSwap", (e) => {
    if (e.target.id === "palette-body") palette();
  });
  // A page's search box asks, and is told where the index stands.
  document.addEventListener("island:find", (e) => {
    const { q, kind, reply } = e.detail;
    reply({ state, done, total, size: entries.length, ...(ready ? find(q, kind) : { hits: [], count: -1 }) });
  });
}
