//go:build !fast

package e2e

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/playwright-community/playwright-go"
)

// confirmCodes reads the recovery codes a page shows once and confirms
// them; it returns them.
func (tab *Tab) confirmCodes() []string {
	tab.t.Helper()
	tab.ExpectText("#vault-code-list", "-")
	codes, err := tab.Page.Locator("#vault-code-list code").AllTextContents()
	if err != nil || len(codes) != 10 {
		tab.t.Fatalf("recovery codes %v: %v", codes, err)
	}
	n, _ := tab.Page.Locator("#vault-confirm-n").TextContent()
	var i int
	fmt.Sscan(n, &i)
	tab.Fill("#vault-confirm-code", codes[i-1])
	tab.Click("#vault-confirm button[type=submit]")
	return codes
}

func TestVaultKeyRotatedResumedAndStillReadable(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("rotate-e2e@example.com", "")
	s := tab.setUpKnownVault("old-pass-73 lantern harbour")
	app.seedPrivate(t, s, 60, map[string]string{"idea": "rotated-idea wombat", "infobase": "rotated-note pelican", "journal": "rotated-day heron"})

	// The first try is cut off after one page of re-wrapped records.
	tab.AllowStatus("Failed to load resource: net::ERR_FAILED")
	var posts atomic.Int32
	if err := tab.Page.Route("**/vault/rotation/records", func(r playwright.Route) {
		if r.Request().Method() == "POST" && posts.Add(1) == 2 {
			r.Abort()
			return
		}
		r.Continue()
	}); err != nil {
		t.Fatal(err)
	}
	tab.Visit("/settings/vault/rotate")
	tab.ExpectText("#vault-rotate", "150 records")
	tab.Fill("#vault-unlock-passphrase", "old-pass-73 lantern harbour")
	tab.Click("#vault-unlock button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	tab.Audit()
	tab.Fill("#vault-rotate-passphrase", "new-pass-28 meadow quarry")
	tab.Fill("#vault-rotate-passphrase-again", "new-pass-28 meadow quarry")
	tab.Click("#vault-rotate-form button[type=submit]")
	tab.ExpectText("#vault-problem", "The server could not be reached")
	tab.ExpectText("#vault-rotate-status", "50 of 150 records re-wrapped")
	if err := tab.Page.UnrouteAll(); err != nil {
		t.Fatal(err)
	}

	// Reloaded (the tab forgets its keys), unlocked again with the old
	// passphrase, which still opens the vault: it continues where it was.
	tab.Visit("/settings/vault/rotate")
	tab.ExpectText("#vault-rotate-pending", "50 of 150 records done")
	tab.Fill("#vault-unlock-passphrase", "old-pass-73 lantern harbour")
	tab.Click("#vault-unlock button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	tab.Fill("#vault-rotate-passphrase", "new-pass-28 meadow quarry")
	tab.Fill("#vault-rotate-passphrase-again", "new-pass-28 meadow quarry")
	tab.Click("#vault-rotate-form button:has-text('Continue the rotation')")
	tab.ExpectText("#vault-rotate-status", "150 of 150 records re-wrapped")
	tab.confirmCodes()
	tab.WaitForPath("/settings/vault?done=rotated")
	tab.ExpectText(".alert-ok", "Your vault has a new key")

	// No envelope is left under the old key, and everything still reads.
	var left int
	conn := app.conn(t)
	if err := conn.QueryRow(t.Context(), `SELECT
		(SELECT count(*) FROM ideas WHERE user_id = $1 AND (title->>'kid' <> 'k2' OR body->>'kid' <> 'k2')) +
		(SELECT count(*) FROM infobase_entries WHERE user_id = $1 AND (title->>'kid' <> 'k2' OR body->>'kid' <> 'k2' OR private_tags->>'kid' <> 'k2')) +
		(SELECT count(*) FROM journal_entries WHERE user_id = $1 AND body->>'kid' <> 'k2')`, s.user).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d records still under the old key", left)
	}
	tab.Visit("/ideas")
	tab.Fill("#vault-prompt-passphrase", "old-pass-73 lantern harbour")
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectText("#vault-prompt [data-vault-problem]", "does not unlock")
	tab.Fill("#vault-prompt-passphrase", "new-pass-28 meadow quarry")
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	tab.ExpectText("#idea-list", "night drive in the rain")
	if n, _ := tab.Page.Locator(".undecryptable").Count(); n != 0 {
		t.Errorf("%d fields could not be decrypted after the rotation", n)
	}
	tab.Fill("#idea-search", "wombat")
	tab.ExpectText("#idea-search-results", "1 match.")
	tab.ExpectText("#idea-search-results li", "rotated-idea wombat")
	tab.Visit("/learn/journal")
	tab.Fill("#vault-prompt-passphrase", "new-pass-28 meadow quarry")
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectText("#journal-list", "rotated-day heron")
	if strings.Contains(app.Logs(), "new-pass-28") || strings.Contains(app.Logs(), "wombat") {
		t.Error("the server log holds a passphrase or plaintext")
	}
}
