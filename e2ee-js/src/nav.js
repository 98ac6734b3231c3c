// go follows a boosted link to url, as a click would: the page changes and
// the tab keeps the vault's key (a full load would drop it).
export function go(url) {
  const a = document.createElement("a");
  a.href = url;
  a.hidden = true;
  document.body.append(a);
  if (window.htmx) window.htmx.process(a);
  a.click();
}
