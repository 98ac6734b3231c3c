//go:build !fast

package e2e

import (
	"strings"
	"testing"
)

// TestJournalWrittenByDayEncrypted: today's entry is written in the
// browser, saved as ciphertext, read back decrypted after a reload and
// edited; the text never reaches the server, its database or its logs.
func TestJournalWrittenByDayEncrypted(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("journal-e2e@example.com", "")
	tab.setUpVault("canary-journal-pass-58 harbour")
	// A full load locks the tab: saving asks for the passphrase, then sends
	// what was typed.
	tab.Visit("/learn/journal")
	tab.ExpectText("#journal-empty", "No entries yet")
	tab.Audit()
	tab.Fill("#journal-body", "canary-journal-3c1d Rain on the studio roof")
	tab.Fill("#journal-tags", "Studio, rain")
	tab.Fill("#journal-private-tags", "canary-jtag-8e1f")
	tab.Click(`#journal-form button[type=submit]`)
	tab.ExpectText("#vault-prompt", "Your vault is locked")
	tab.Fill("#vault-prompt-passphrase", "canary-journal-pass-58 harbour")
	tab.Click("#vault-prompt button[type=submit]")
	tab.WaitForPath("/learn/journal?done=saved")
	tab.ExpectText(".alert-ok", "Entry saved.")
	tab.ExpectText("#journal-list li", "canary-journal-3c1d Rain on the studio roof")
	tab.ExpectText("#journal-list li .meta", "studio")
	tab.ExpectValue("#journal-body", "canary-journal-3c1d Rain on the studio roof")

	tab.Fill("#journal-body", "canary-journal-3c1d Rain, then sun")
	tab.Click(`#journal-form button[type=submit]`)
	tab.WaitForPath("/learn/journal?done=saved")
	tab.ExpectText("#journal-list li", "canary-journal-3c1d Rain, then sun")
	tab.Audit()

	// Filtered by a tag, searched in the browser.
	tab.Click(`#journal-list .badge:has-text("studio")`)
	tab.WaitForPath("/learn/journal?tag=studio")
	tab.ExpectText("#journal-list li", "Rain, then sun")
	tab.Fill("#journal-search", "snow")
	tab.ExpectText("#journal-search-results", "Nothing matches.")
	tab.ExpectText("#journal-list li .meta", "canary-jtag-8e1f") // decrypted in place
	tab.Fill("#journal-search", "jtag")
	tab.ExpectText("#journal-search-results", "1 match.")
	tab.Fill("#journal-search", "sun")
	tab.ExpectText("#journal-search-results li", "Journal")
	tab.ExpectText("#journal-search-results", "1 match.")
	tab.Fill("#journal-search", "")
	tab.ExpectText("#journal-list li:visible", "Rain, then sun")
	if _, err := tab.Page.GoBack(); err != nil { // the page htmx restores from the server
		t.Fatal(err)
	}
	tab.WaitForPath("/learn/journal?done=saved")
	tab.ExpectText("#journal-count", "1 entry")

	canaries := []string{"canary-journal-3c1d", "Rain on the studio roof", "then sun", "canary-journal-pass-58", "canary-jtag-8e1f"}
	sent.mustNotContain(t, canaries...)
	if dump := app.mustNotKeep(t, canaries...); !strings.Contains(dump, "studio") {
		t.Error("the dump shows no tags: is it the right database?")
	}
}
