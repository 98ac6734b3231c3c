package palette_test

import (
	"net/http"
	"testing"

	"ignition/app/apptest"
)

// TestPaletteSearch: the palette lists the app's commands and the user's
// own habits and goals (never another user's), ranked by the server; an
// action carries its CSRF-protected form; every page has the dialog; a
// request without htmx gets a page of plain links and buttons.
func TestPaletteSearch(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("palette@example.com", "")
	c.Post("/habits").Form("title", "Scales in thirds", "cadence", "daily", "skill", "guts").Do().AssertRedirect("/habits")
	other := env.SignIn("palette-other@example.com", "")
	other.Post("/habits").Form("title", "Scales of another", "cadence", "daily", "skill", "guts").Do().AssertRedirect("/habits")

	today := c.Get("/today").Do().AssertStatus(http.StatusOK)
	if today.Doc().Find("dialog#palette input[role=combobox][aria-controls=palette-results]").Length() != 1 {
		t.Fatal("the page has no palette")
	}
	first := c.Get("/palette").HTMX().Do().AssertStatus(http.StatusOK)
	if n := first.Doc().Find("#palette-results [role=option]").Length(); n == 0 || n > 12 {
		t.Fatalf("the empty query lists %d", n)
	}
	res := c.Get("/palette?q=scales").HTMX().Do().AssertStatus(http.StatusOK)
	opts := res.Doc().Find("#palette-results [role=option]")
	if opts.Length() != 1 || opts.First().Find(".palette-label").Text() != "Scales in thirds" {
		t.Fatalf("scales lists %d: %q", opts.Length(), opts.Text())
	}
	if href, _ := opts.First().Attr("data-href"); href == "" || opts.First().AttrOr("aria-selected", "") != "true" {
		t.Errorf("the habit's option leads to %q", href)
	}
	res = c.Get("/palette?q=start+focus").HTMX().Do()
	opt := res.Doc().Find("#palette-results [role=option]").First()
	form := res.Doc().Find("form#" + opt.AttrOr("data-form", "none"))
	if opt.Find(".palette-label").Text() != "Start a focus session" || form.AttrOr("action", "") != "/focus/start" ||
		form.Find("input[name=_csrf]").Length() != 1 || form.Find("input[name=kind]").AttrOr("value", "") != "focus" {
		t.Errorf("start focus: option %q, form %q", opt.Text(), form.AttrOr("action", ""))
	}
	c.Get("/palette?q=qqqqzz").HTMX().Do().AssertText("[role=status]", "Nothing matches “qqqqzz”.")
	page := c.Get("/palette?q=scales").Do().AssertStatus(http.StatusOK)
	page.AssertText("#palette-page-results a", "Scales in thirds")
	c.Get("/palette?q=sign+out").Do().AssertText("#palette-page-results form button", "Sign out")
}
