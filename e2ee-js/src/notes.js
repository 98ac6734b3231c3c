// Notes rendered from markdown (a page bundle, loaded where a note is
// shown): once the island core has decrypted an element marked
// data-markdown into its text, that text is rendered in place as DOM
// nodes (markdown.js: never innerHTML). On lock the core clears it again.
// It runs again whenever htmx swaps the page in.
import { build, parse } from "./markdown.js";

function render(el) {
  if (!("markdown" in el.dataset) || !("opened" in el.dataset)) return;
  el.replaceChildren(build(document, parse(el.textContent)));
}

for (const el of document.querySelectorAll("[data-markdown][data-opened]")) render(el);
const wired = document.documentElement.dataset;
if (!("notesWired" in wired)) {
  wired.notesWired = "";
  document.addEventListener("island:opened", (e) => render(e.target));
}
