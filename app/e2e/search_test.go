//go:build !fast

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/playwright-community/playwright-go"
)

// seedPrivate stores n ideas, n notes and n/2 journal entries sealed with
// s, their text ordinary but for the markers given (kind → text of the
// first record of that kind).
func (a *App) seedPrivate(t *testing.T, s *sealer, n int, markers map[string]string) {
	t.Helper()
	text := func(kind string, i int, words string) string {
		if i == 0 && markers[kind] != "" {
			return markers[kind]
		}
		return fmt.Sprintf("%s %d %s", kind, i, words)
	}
	var ids, titles, bodies, extras []string
	for i := range n {
		id := uuid.NewString()
		ids = append(ids, id)
		titles = append(titles, s.seal("idea", id, "title", text("idea", i, "night drive in the rain")))
		bodies = append(bodies, s.seal("idea", id, "body", "chorus in the bridge, tape saturation, "+strings.Repeat("la ", 40)))
	}
	a.Exec(t, `INSERT INTO ideas (id, user_id, title, body) SELECT i, $2::uuid, ti::jsonb, b::jsonb FROM unnest($1::uuid[], $3::text[], $4::text[]) AS u(i, ti, b)`,
		ids, s.user, titles, bodies)
	ids, titles, bodies = nil, nil, nil
	for i := range n {
		id := uuid.NewString()
		ids = append(ids, id)
		titles = append(titles, s.seal("infobase", id, "title", fmt.Sprintf("Note %d on mixing", i)))
		bodies = append(bodies, s.seal("infobase", id, "body", "# Bus\n\nGain first, then EQ. "+strings.Repeat("compress ", 40)))
		extras = append(extras, s.seal("infobase", id, "private_tags", text("infobase", i, "studio")))
	}
	a.Exec(t, `INSERT INTO infobase_entries (id, user_id, title, body, private_tags) SELECT i, $2::uuid, ti::jsonb, b::jsonb, p::jsonb
		FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[]) AS u(i, ti, b, p)`, ids, s.user, titles, bodies, extras)
	ids, bodies = nil, nil
	var days []time.Time
	for i := range n / 2 {
		id := uuid.NewString()
		ids = append(ids, id)
		days = append(days, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i))
		bodies = append(bodies, s.seal("journal", id, "body", text("journal", i, "practised scales for an hour")))
	}
	a.Exec(t, `INSERT INTO journal_entries (id, user_id, day, body) SELECT i, $2::uuid, d, b::jsonb FROM unnest($1::uuid[], $3::date[], $4::text[]) AS u(i, d, b)`,
		ids, s.user, days, bodies)
}

// measured is the duration of the island's last performance measure name.
func (tab *Tab) measured(name string) time.Duration {
	tab.t.Helper()
	ms, err := tab.Page.Evaluate(`(name) => { const m = performance.getEntriesByName(name); return m.length ? m[m.length - 1].duration : -1; }`, name)
	if err != nil {
		tab.t.Fatal(err)
	}
	f, _ := ms.(float64)
	if i, ok := ms.(int); ok {
		f = float64(i)
	}
	return time.Duration(f * float64(time.Millisecond))
}

// TestSearchAcrossPrivateKindsAfterUnlock: after unlock the island indexes
// 5,000 encrypted ideas, notes and journal entries and answers each page's
// search box and the palette from all of them; after lock, nothing.
func TestSearchAcrossPrivateKindsAfterUnlock(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("search-e2e@example.com", "")
	passphrase := "canary-search-pass-62 quarry"
	s := tab.setUpKnownVault(passphrase)
	app.seedPrivate(t, s, 2000, map[string]string{"idea": "canary-search-quokka hook", "infobase": "canary-search-zebrafinch", "journal": "canary-search-marmalade morning"})

	tab.Visit("/ideas")
	tab.ExpectText("#idea-search-status", "Unlock your vault to search all of it")
	tab.Fill("#vault-prompt-passphrase", passphrase)
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	if err := expectText(tab, "#idea-search-status", "Searching all 5,000 private items", 60*time.Second); err != nil {
		t.Fatal(err)
	}
	index := tab.measured("island:index")
	t.Logf("encrypted search: indexed 5,000 items in %s (budget 2 s)", index.Round(time.Millisecond))

	// The page's box searches every idea, not only the page shown.
	// A query is answered as it is typed (synchronously, in the input event).
	ms, err := tab.Page.Evaluate(`() => {
		const input = document.getElementById("idea-search");
		input.value = "quokka";
		const t = performance.now();
		input.dispatchEvent(new Event("input", {bubbles: true}));
		return performance.now() - t;
	}`)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("encrypted search: a query over 5,000 items answered in %v ms (budget 50 ms)", ms)
	tab.ExpectText("#idea-search-results", "1 match.")
	tab.ExpectText("#idea-search-results a", "canary-search-quokka hook")
	tab.Fill("#idea-search", "night drive")
	tab.ExpectText("#idea-search-results", "Showing the first 20 of 1,999 matches.")
	tab.Fill("#idea-search", "zebrafinch") // a note's private tag: not an idea
	tab.ExpectText("#idea-search-results", "Nothing matches.")
	tab.Fill("#idea-search", "")
	tab.ExpectText("#idea-list li:visible", "night drive") // the page's own list is back
	tab.Audit()

	// The palette finds a note by its private tag, and opens it unlocked.
	tab.Page.Keyboard().Press("Control+K")
	tab.Fill("#palette-input", "zebrafinch")
	tab.ExpectText("#palette-local-0", "Note 0 on mixing")
	tab.ExpectText("#palette-local-0 .palette-group", "Note")
	tab.ExpectText(".palette-count", "1 private item matches")
	tab.Page.Keyboard().Press("Enter")
	tab.WaitForPath("/infobase/*")
	tab.ExpectText("#note h1", "Note 0 on mixing")
	tab.ExpectText("#note-body h2", "Bus")

	// The journal's box searches entries of every page.
	tab.Click(`.sidebar a:has-text("Journal")`)
	tab.WaitForPath("/learn/journal")
	tab.Fill("#journal-search", "marmalade")
	tab.ExpectText("#journal-search-results a", "Thursday 1 January 2026")

	// Locked: nothing is found.
	tab.Click(`.sidebar a:has-text("Settings")`)
	tab.Click(`main a[href="/settings/vault"]`)
	tab.Click("#vault-lock button[type=submit]")
	tab.ExpectText("#vault-tab-state", "Locked")
	tab.Page.Keyboard().Press("Control+K")
	tab.Fill("#palette-input", "zebrafinch")
	tab.ExpectText(".palette-count", "Nothing matches")
	if n, _ := tab.Page.Locator("#palette-local-0").Count(); n != 0 {
		t.Error("the palette finds private items while locked")
	}
	tab.Page.Keyboard().Press("Escape")
	tab.Click(`.sidebar a:has-text("Ideas")`)
	tab.WaitForPath("/ideas")
	tab.ExpectText("#idea-search-status", "Unlock your vault to search all of it")
	tab.Fill("#idea-search", "quokka")
	tab.ExpectAttr("#idea-search-results", "hidden", "")

	sent.mustNotContain(t, "canary-search", passphrase)
	app.mustNotKeep(t, "canary-search")
}

// expectText waits up to timeout for the element's text to contain want.
func expectText(tab *Tab, selector, want string, timeout time.Duration) error {
	return expect.Locator(tab.Page.Locator(selector).First()).ToContainText(want, playwright.LocatorAssertionsToContainTextOptions{Timeout: playwright.Float(float64(timeout.Milliseconds()))})
}
