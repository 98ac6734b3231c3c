// The markdown of decrypted notes: what it builds, and that hostile input
// builds no script, no handler and no link but http, https and mailto.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inline, parse, safeHref } from "../src/markdown.js";

test("blocks: headings, paragraphs, lists, quotes, code, rules", () => {
  const doc = parse("# Mixing\n\nGain first,\nthen EQ.\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted\n> still\n\n```\n<b>raw</b>\n```\n---");
  assert.deepEqual(
    doc.map((b) => b.t),
    ["h", "p", "list", "list", "quote", "pre", "hr"],
  );
  assert.equal(doc[0].level, 1);
  assert.deepEqual(doc[1].c, [{ t: "text", v: "Gain first,\nthen EQ." }]);
  assert.equal(doc[2].ordered, false);
  assert.equal(doc[2].items.length, 2);
  assert.equal(doc[3].ordered, true);
  assert.equal(doc[3].start, 3);
  assert.deepEqual(doc[4].c, [{ t: "p", c: [{ t: "text", v: "quoted\nstill" }] }]);
  assert.equal(doc[5].v, "<b>raw</b>");
});

test("spans: strong, emphasis, code, links, escapes", () => {
  assert.deepEqual(inline("**loud** and *soft* `x*y` ~~gone~~ \\*not\\*", 0), [
    { t: "strong", c: [{ t: "text", v: "loud" }] },
    { t: "text", v: " and " },
    { t: "em", c: [{ t: "text", v: "soft" }] },
    { t: "text", v: " " },
    { t: "code", v: "x*y" },
    { t: "text", v: " " },
    { t: "del", c: [{ t: "text", v: "gone" }] },
    { t: "text", v: " *not*" },
  ]);
  assert.deepEqual(inline("see [the manual](https://example.com/a?b=1) or <mailto:me@example.com>", 0), [
    { t: "text", v: "see " },
    { t: "link", href: "https://example.com/a?b=1", c: [{ t: "text", v: "the manual" }] },
    { t: "text", v: " or " },
    { t: "link", href: "mailto:me@example.com", c: [{ t: "text", v: "mailto:me@example.com" }] },
  ]);
  assert.deepEqual(inline("snake_case_name", 0), [{ t: "text", v: "snake_case_name" }]);
});

test("only http, https and mailto links keep their address", () => {
  for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "\tjavascript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "/relative", "//evil.example", "#top", ""]) {
    assert.equal(safeHref(bad), null, bad);
    const spans = inline(`[click](${bad})`, 0);
    assert.ok(!spans.some((s) => s.t === "link"), bad);
  }
  assert.equal(safeHref("HTTPS://Example.com"), "https://example.com/");
});

// Every link anywhere in a tree, and every text.
function walk(nodes, links, texts) {
  for (const n of nodes) {
    if (n.t === "link") links.push(n.href);
    if (n.t === "text" || n.t === "code" || n.t === "pre") texts.push(n.v);
    for (const k of ["c", "items"]) if (Array.isArray(n[k])) walk(n[k].flat(), links, texts);
  }
}

test("hostile markdown stays text", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "[a](https://ok.example) [b](JAVASCRIPT:alert(1))",
    "> <iframe src=javascript:alert(1)>",
    "![img](https://tracker.example/p.png)",
    "*".repeat(5000),
    "[".repeat(5000),
    ">".repeat(500) + " deep",
    "**".repeat(2000) + "x",
  ].join("\n\n");
  const links = [];
  const texts = [];
  walk(parse(hostile), links, texts);
  assert.ok(links.every((h) => /^(https?:|mailto:)/.test(h)), links.join(" "));
  assert.ok(texts.join("").includes("<script>alert(1)</script>"), "raw HTML is shown as text");
});
