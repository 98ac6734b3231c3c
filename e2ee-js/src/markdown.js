// Markdown for decrypted text: parse builds a small tree of plain objects,
// build turns it into DOM nodes with createElement and createTextNode only
// (never innerHTML). Raw HTML is shown as text, images are not loaded, and
// a link keeps its address only when it is http, https or mailto. The
// subset: headings, paragraphs, emphasis, strong, code spans and fenced
// code, lists, quotes, rules and links.

const MAX_DEPTH = 6; // nesting of quotes and of emphasis, beyond which it is text
const SAFE = new Set(["http:", "https:", "mailto:"]);
const ESCAPABLE = "\\`*_{}[]()#+-.!<>~|";

const fence = /^ {0,3}(`{3,}|~{3,})/;
const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const rule = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quote = /^ {0,3}> ?/;
const item = /^ {0,3}([-*+]|\d{1,9}[.)])[ \t]+/;
const blank = /^[ \t]*$/;

// safeHref is the link's address as the browser would read it, or null
// when it is not one a note may link to.
export function safeHref(raw) {
  let u;
  try {
    u = new URL(raw.trim());
  } catch {
    return null; // relative or malformed: nothing to resolve it against
  }
  return SAFE.has(u.protocol) ? u.href : null;
}

function starts(line) {
  return fence.test(line) || heading.test(line) || rule.test(line) || quote.test(line) || item.test(line);
}

// parse reads markdown into blocks: {t: "p"|"h"|"pre"|"quote"|"list"|"hr", …}.
export function parse(src) {
  return blocks(String(src).replace(/\r\n?/g, "\n").split("\n"), 0);
}

function blocks(lines, depth) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (blank.test(line)) {
      i++;
    } else if ((m = fence.exec(line))) {
      const close = new RegExp("^ {0,3}" + m[1][0] + "{" + m[1].length + ",}[ \\t]*$");
      const code = [];
      for (i++; i < lines.length && !close.test(lines[i]); i++) code.push(lines[i]);
      i++; // the closing fence, or the end
      out.push({ t: "pre", v: code.join("\n") });
    } else if ((m = heading.exec(line))) {
      out.push({ t: "h", level: m[1].length, c: inline(m[2] || "", 0) });
      i++;
    } else if (rule.test(line)) {
      out.push({ t: "hr" });
      i++;
    } else if (quote.test(line)) {
      const inner = [];
      for (; i < lines.length && quote.test(lines[i]); i++) inner.push(lines[i].replace(quote, ""));
      out.push(depth < MAX_DEPTH ? { t: "quote", c: blocks(inner, depth + 1) } : { t: "p", c: inline(inner.join("\n"), 0) });
    } else if ((m = item.exec(line))) {
      const ordered = /\d/.test(m[1]);
      const list = { t: "list", ordered, start: ordered ? parseInt(m[1], 10) : 1, items: [] };
      while (i < lines.length) {
        const im = item.exec(lines[i]);
        if (!im || /\d/.test(im[1]) !== ordered) break;
        const text = [lines[i].slice(im[0].length)];
        for (i++; i < lines.length && !blank.test(lines[i]) && !starts(lines[i]); i++) text.push(lines[i].trim());
        list.items.push(inline(text.join("\n"), 0));
        if (i < lines.length && blank.test(lines[i]) && i + 1 < lines.length && item.test(lines[i + 1])) i++; // a loose list
      }
      out.push(list);
    } else {
      const text = [];
      for (; i < lines.length && !blank.test(lines[i]) && (text.length === 0 || !starts(lines[i])); i++) text.push(lines[i].trim());
      out.push({ t: "p", c: inline(text.join("\n"), 0) });
    }
  }
  return out;
}

// inline reads a block's text into spans: {t: "text"|"code"|"strong"|"em"|"del"|"link", …}.
export function inline(s, depth) {
  const out = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", v: text });
    text = "";
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "\\" && i + 1 < s.length && ESCAPABLE.includes(s[i + 1])) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (s[i + n] === "`") n++;
      const ticks = "`".repeat(n);
      const end = s.indexOf(ticks, i + n);
      if (end > 0) {
        flush();
        out.push({ t: "code", v: s.slice(i + n, end).replace(/\n/g, " ").trim() || " " });
        i = end + n;
        continue;
      }
      text += ticks;
      i += n;
      continue;
    }
    if (ch === "[" && depth < MAX_DEPTH) {
      const link = readLink(s, i, depth);
      if (link) {
        flush();
        out.push(...link.nodes);
        i = link.end;
        continue;
      }
    }
    if (ch === "<") {
      const end = s.indexOf(">", i + 1);
      const href = end > 0 && !/\s/.test(s.slice(i + 1, end)) ? safeHref(s.slice(i + 1, end)) : null;
      if (href && /^(https?|mailto):/i.test(s.slice(i + 1, end))) {
        flush();
        out.push({ t: "link", href, c: [{ t: "text", v: s.slice(i + 1, end) }] });
        i = end + 1;
        continue;
      }
    }
    if ((ch === "*" || ch === "_" || ch === "~") && depth < MAX_DEPTH) {
      const double = s[i + 1] === ch;
      const intraword = ch === "_" && /[\p{L}\p{N}]/u.test(s[i - 1] || ""); // snake_case is not emphasis
      if ((ch !== "~" || double) && !intraword) {
        const mark = double ? ch + ch : ch;
        const from = i + mark.length;
        const end = from < s.length && !/\s/.test(s[from]) ? s.indexOf(mark, from + 1) : -1;
        if (end > 0 && !/\s/.test(s[end - 1])) {
          flush();
          out.push({ t: ch === "~" ? "del" : double ? "strong" : "em", c: inline(s.slice(from, end), depth + 1) });
          i = end + mark.length;
          continue;
        }
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

// readLink reads [text](address) at i: a link when the address is safe,
// its text alone when it is not; null when it is not a link at all.
function readLink(s, i, depth) {
  const close = s.indexOf("]", i + 1);
  if (close < 0 || s[close + 1] !== "(") return null;
  const end = s.indexOf(")", close + 2);
  if (end < 0) return null;
  const label = inline(s.slice(i + 1, close), depth + 1);
  const href = safeHref(s.slice(close + 2, end));
  return { nodes: href ? [{ t: "link", href, c: label }] : label, end: end + 1 };
}

// build makes the DOM of parsed blocks, in doc. Headings start at h2: the
// page's title is its h1.
export function build(doc, parsed) {
  const frag = doc.createDocumentFragment();
  for (const n of parsed) frag.append(node(doc, n));
  return frag;
}

function el(doc, tag, children) {
  const e = doc.createElement(tag);
  for (const c of children || []) e.append(node(doc, c));
  return e;
}

function node(doc, n) {
  switch (n.t) {
    case "text":
      return doc.createTextNode(n.v);
    case "code": {
      const e = doc.createElement("code");
      e.textContent = n.v;
      return e;
    }
    case "pre": {
      const pre = doc.createElement("pre");
      const code = doc.createElement("code");
      code.textContent = n.v;
      pre.append(code);
      return pre;
    }
    case "link": {
      const a = el(doc, "a", n.c);
      a.setAttribute("href", n.href);
      a.setAttribute("rel", "noopener noreferrer");
      return a;
    }
    case "h":
      return el(doc, "h" + Math.min(n.level + 1, 6), n.c);
    case "quote":
      return el(doc, "blockquote", n.c);
    case "list": {
      const list = doc.createElement(n.ordered ? "ol" : "ul");
      if (n.ordered && n.start !== 1) list.setAttribute("start", String(n.start));
      for (const it of n.items) list.append(el(doc, "li", it));
      return list;
    }
    case "hr":
      return doc.createElement("hr");
    default: // p, strong, em, del
      return el(doc, n.t, n.c);
  }
}
