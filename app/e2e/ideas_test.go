//go:build !fast

package e2e

import (
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pgDump is the app's whole database as SQL text.
func (a *App) pgDump(t *testing.T) string {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	sort.Strings(bins)
	if len(bins) == 0 {
		t.Fatal("pg_dump is missing")
	}
	u, err := url.Parse(a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	u.RawQuery = "" // libpq's URIs take only its own parameters
	out, err := exec.Command(bins[len(bins)-1], "--data-only", u.String()).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	return string(out)
}

// mustNotKeep fails when the database dump or the server's log carries
// any of the secrets. The dump holds every test's rows (the server is
// shared), so each test looks for markers of its own.
func (a *App) mustNotKeep(t *testing.T, secrets ...string) string {
	t.Helper()
	dump, logs := a.pgDump(t), a.Logs()
	for _, s := range secrets {
		if strings.Contains(dump, s) {
			t.Errorf("the database dump carries %q", s)
		}
		if strings.Contains(logs, s) {
			t.Errorf("the server log carries %q", s)
		}
	}
	return dump
}

// addIdea fills the Ideas page's form and saves it.
func (tab *Tab) addIdea(title, notes, key, bpm, moods string) {
	tab.t.Helper()
	tab.Fill("#idea-title", title)
	tab.Fill("#idea-body", notes)
	if key != "" {
		if _, err := tab.Page.Locator("#idea-key").SelectOption(selectValue(key)); err != nil {
			tab.t.Fatal(err)
		}
	}
	tab.Fill("#idea-bpm", bpm)
	tab.Fill("#idea-moods", moods)
	tab.Click("#idea-form button[type=submit]")
}

func TestIdeasAreEncryptedEndToEnd(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("ideas@example.com", "")
	tab.Visit("/ideas")
	tab.ExpectText("#no-vault-title", "Set up your vault first")
	passphrase := "canary-ideas-pass-41 moss"
	tab.setUpVault(passphrase)

	// Capture with bad metadata: the error shows and the text stays.
	tab.Click(`.sidebar a:has-text("Ideas")`)
	tab.WaitForPath("/ideas")
	tab.ExpectText("#ideas-empty", "No ideas yet")
	titleCanary, bodyCanary := "canary-title-7f3e Night drive", "canary-body-7f3e chorus in the bridge"
	tab.addIdea(titleCanary, bodyCanary, "9-minor", "500", "dark, driving")
	tab.ExpectText("#idea-bpm-error", "from 20 to 300")
	tab.ExpectValue("#idea-title", titleCanary)
	tab.ExpectValue("#idea-body", bodyCanary)
	tab.Fill("#idea-bpm", "92")
	tab.Fill("#idea-private-tags", "canary-itag-7f3e")
	tab.Click("#idea-form button[type=submit]")
	tab.WaitForPath("/ideas?done=saved")
	tab.ExpectText("#idea-list", titleCanary)
	tab.ExpectText("#idea-list .meta", "canary-itag-7f3e")
	tab.ExpectText("#idea-list", "A minor")
	tab.addIdea("canary-second-7f3e Morning", "", "", "128", "bright")
	tab.WaitForPath("/ideas?done=saved")
	tab.ExpectText("#ideas-count", "2 ideas")

	// Search runs in the browser, over every decrypted idea (the index is
	// built anew after each save).
	tab.Fill("#idea-search", "itag")
	tab.ExpectText("#idea-search-results", "1 match.")
	tab.Fill("#idea-search", "night")
	tab.ExpectText("#idea-search-results", "1 match.")
	tab.ExpectText("#idea-search-results a", "Night drive")
	if n, _ := tab.Page.Locator("#idea-list:visible").Count(); n != 0 {
		t.Error("the page's list shows beside the matches")
	}
	tab.Fill("#idea-search", "zzz")
	tab.ExpectText("#idea-search-results", "Nothing matches.")
	tab.Fill("#idea-search", "")
	tab.ExpectText("#idea-list:visible", "Night drive")

	// Edit: the form opens decrypted.
	tab.Click(`#idea-list a:has-text("Night drive")`)
	tab.WaitForPath("/ideas/*")
	tab.ExpectValue("#idea-title", titleCanary)
	tab.Fill("#idea-title", "canary-title-7f3e Night drive (v2)")
	tab.Click("#idea-form button[type=submit]")
	tab.WaitForPath("/ideas?done=saved")
	tab.ExpectText("#idea-list", "Night drive (v2)")

	// Locked elsewhere: the write is refused with 423, the form keeps what
	// was typed, and it is sent once unlocked here.
	app.Exec(t, `UPDATE vaults SET locked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'ideas@example.com')`)
	tab.AllowStatus("423")
	tab.addIdea("canary-third-7f3e Kept", "typed while locked", "", "", "")
	tab.ExpectText("#vault-prompt", "Your vault is locked")
	tab.ExpectValue("#idea-body", "typed while locked")
	tab.ExpectText("#idea-list", "Locked")
	tab.Fill("#vault-prompt-passphrase", passphrase)
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	tab.WaitForPath("/ideas?done=saved")
	tab.ExpectText("#ideas-count", "3 ideas")
	tab.ExpectText("#idea-list", "Kept")

	// Today's quick capture.
	tab.Click(`.sidebar a:has-text("Today")`)
	tab.WaitForPath("/today")
	tab.Fill("#capture-title-input", "canary-fourth-7f3e From Today")
	tab.Click("#idea-capture form[data-encrypt-form] button[type=submit]")
	tab.ExpectText("#idea-capture .alert-ok", "Saved to Ideas")
	tab.Audit()

	// Tamper: two ideas' titles swapped in the database.
	app.Exec(t, `WITH a AS (SELECT id, title FROM ideas ORDER BY created_at LIMIT 1),
		b AS (SELECT id, title FROM ideas ORDER BY created_at LIMIT 1 OFFSET 1)
		UPDATE ideas SET title = CASE WHEN ideas.id = a.id THEN b.title ELSE a.title END FROM a, b WHERE ideas.id IN (a.id, b.id)`)
	tab.Click(`.sidebar a:has-text("Ideas")`)
	tab.WaitForPath("/ideas")
	tab.ExpectText("#idea-list", "This item could not be decrypted.")
	if n, _ := tab.Page.Locator("#idea-list .undecryptable").Count(); n != 2 {
		t.Errorf("%d fields could not be decrypted, want the 2 swapped titles", n)
	}
	tab.ExpectText("#idea-list", "From Today")
	tab.ExpectText("#idea-list", "typed while locked")

	// Nothing of the private text, the passphrase or a code reached the server.
	canaries := []string{"canary-title-7f3e", "canary-body-7f3e", "canary-second-7f3e", "canary-third-7f3e", "canary-itag-7f3e", "Night drive", "chorus in the bridge", passphrase}
	sent.mustNotContain(t, append(canaries, "canary")...)
	dump := app.mustNotKeep(t, canaries...)
	if !strings.Contains(dump, "A minor") && !strings.Contains(dump, "dark") {
		t.Error("the dump shows no metadata: is it the right database?")
	}
}
