// A page's search of the user's encrypted records (a page bundle, loaded
// where a search box is): it asks the island core's index by event
// (island:find), shows the matches in place of the page's own list and
// says where the index stands. It runs again whenever htmx swaps the page
// in. What matches, and in which order, is the index's.

function ask(q, kind) {
  let out = {};
  document.dispatchEvent(new CustomEvent("island:find", { detail: { q, kind, reply: (r) => (out = r) } }));
  return out;
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

const STATES = {
  locked: () => "Unlock your vault to search all of it.",
  building: (a) => `Indexing your private items in this browser… ${plural(a.done, "item", "items")} of ${a.total.toLocaleString("en")}`,
  ready: (a) => `Searching all ${plural(a.size, "private item", "private items")}, in this browser.`,
  failed: () => "Search could not start. Reload the page to try again.",
};

// answer shows the matches of what is typed in input, in place of the
// page's own list (which is back once nothing is typed, or while locked).
function answer(input) {
  const out = document.querySelector(input.dataset.searchResults);
  const rows = document.querySelector(input.dataset.searchList || "#none");
  const q = input.value.trim();
  const a = ask(q, input.dataset.searchIndex);
  const status = document.getElementById(input.id + "-status");
  if (status) status.textContent = (STATES[a.state] || STATES.locked)(a);
  if (!out) return;
  if (!(a.count >= 0) || q === "") {
    if (a.state === "locked") input.value = ""; // nothing of the index is left to search
    out.hidden = true;
    out.replaceChildren();
    if (rows) rows.hidden = false;
    return;
  }
  const list = el("ul", { className: "list" }, ...a.hits.map((h) => el("li", { className: "list-row" }, el("a", { href: h.url, textContent: h.name }), " ", el("span", { className: "muted", textContent: h.label }))));
  const shown = a.count > a.hits.length ? `Showing the first ${a.hits.length} of ${plural(a.count, "match", "matches")}.` : a.count === 0 ? "Nothing matches." : plural(a.count, "match", "matches") + ".";
  out.replaceChildren(el("p", { className: "muted", role: "status", textContent: shown }), list);
  out.hidden = false;
  if (rows) rows.hidden = true;
  if (window.htmx) window.htmx.process(out); // boosted links: the tab keeps its key
}

function answerAll() {
  for (const input of document.querySelectorAll("[data-search-index]")) answer(input);
}

answerAll();
const wired = document.documentElement.dataset;
if (!("searchboxWired" in wired)) {
  wired.searchboxWired = "";
  document.addEventListener("island:index", answerAll);
  document.addEventListener("input", (e) => {
    if (e.target.dataset && e.target.dataset.searchIndex) answer(e.target);
  });
}
