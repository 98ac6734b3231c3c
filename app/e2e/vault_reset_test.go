//go:build !fast

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// countOwned counts the rows of each table the user owns.
func countOwned(t *testing.T, app *App, email string, tables ...string) map[string]int {
	t.Helper()
	conn := app.conn(t)
	out := map[string]int{}
	for _, table := range tables {
		var n int
		if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM `+table+` WHERE user_id = (SELECT id FROM users WHERE email = $1)`, email).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// memoObjects counts the objects the app's bucket holds for the memos.
func memoObjects(t *testing.T, app *App, ids []string) int {
	t.Helper()
	n := 0
	for _, id := range ids {
		filepath.WalkDir(filepath.Join(store.Dir, app.Bucket, "memos", id), func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
	}
	return n
}

// Not parallel, as the other tests with a provider: starting a server and
// Dex of its own beside the busy parallel tests can take longer than the
// start allows.
func TestVaultResetAfterAProviderSignIn(t *testing.T) {
	app, _ := startAppWithDex(t)
	tab := app.NewTab(t)
	tab.SignInWithDex("admin@example.com")
	tab.WaitForPath("/onboarding/age")
	tab.Fill("#birth-date", "1980-02-02")
	tab.Click(`#age-form button[type=submit]`)
	tab.WaitForPath("/onboarding/terms")
	tab.Click(`label:has-text("I accept the terms of use")`)
	tab.Click(`#terms-form button[type=submit]`)
	tab.WaitForPath("/today")

	// One of every encrypted kind: an idea with a voice memo, a journal
	// entry, an infobase note.
	tab.setUpVault("forgotten-pass-41 quarry")
	tab.openIdea("Reset idea")
	tab.attach("hum.wav", []byte(strings.Repeat("RIFF", 3000)))
	tab.Click(`.sidebar a:has-text("Journal")`)
	tab.WaitForPath("/learn/journal")
	tab.Fill("#journal-body", "A day to forget")
	tab.Click(`#journal-form button[type=submit]`)
	tab.WaitForPath("/learn/journal?done=saved")
	tab.Visit("/infobase/new")
	tab.Fill("#note-title", "A note to forget")
	tab.Fill("#note-body", "Gone after the reset")
	tab.Click(`#note-form button[type=submit]`)
	tab.ExpectText("#vault-prompt", "Your vault is locked") // a full load locked the tab
	tab.Fill("#vault-prompt-passphrase", "forgotten-pass-41 quarry")
	tab.Click("#vault-prompt button[type=submit]")
	tab.WaitForPath("/infobase/*?done=created")
	tables := []string{"ideas", "memos", "journal_entries", "infobase_entries", "vaults", "vault_keys"}
	before := countOwned(t, app, "admin@example.com", tables...)
	if before["memos"] != 1 || before["journal_entries"] != 1 || before["infobase_entries"] != 1 {
		t.Fatalf("the records to reset were not all saved: %v", before)
	}
	rows, _ := app.conn(t).Query(t.Context(), `SELECT id::text FROM memos`)
	memos, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || memoObjects(t, app, memos) == 0 {
		t.Fatalf("the memo has no objects in the store (%v)", err)
	}

	// Every secret is lost. The sign-in is older than five minutes: the
	// page names what a reset destroys and asks to sign in with Dex again.
	app.Exec(t, `UPDATE sessions SET data = convert_to(jsonb_set(convert_from(data, 'UTF8')::jsonb,
		'{authenticated_at}', '"1000"')::text, 'UTF8')`)
	tab.Visit("/settings/vault")
	tab.Click(`#vault-reset-link a`)
	tab.WaitForPath("/settings/vault/reset")
	for _, want := range []string{"1 idea", "1 voice memo", "1 journal entry", "1 infobase note", "wrapped 11 ways"} {
		tab.ExpectText("#vault-reset-destroys", want)
	}
	tab.ExpectText("#vault-reset-reauth", "sign in again with your identity provider")
	tab.Audit()
	tab.Click(`#vault-reset a:has-text("Confirm with Dex")`)
	if strings.Contains(tab.Page.URL(), "/dex/") {
		tab.LoginAtDex("admin@example.com")
	}
	tab.WaitForPath("/settings/vault/reset")

	// A wrong phrase deletes nothing and keeps what was typed.
	tab.Fill("#vault-reset-confirm", "delete my data")
	tab.Click(`#vault-reset-form button[type=submit]`)
	tab.ExpectText("#vault-reset-confirm-error", "Nothing was deleted")
	tab.ExpectValue("#vault-reset-confirm", "delete my data")
	tab.Audit()
	if got := countOwned(t, app, "admin@example.com", "ideas"); got["ideas"] != 1 {
		t.Fatal("a wrong phrase deleted an idea")
	}
	tab.Fill("#vault-reset-confirm", "delete my private data")
	tab.Click(`#vault-reset-form button[type=submit]`)
	tab.WaitForPath("/settings/vault?done=reset")
	tab.ExpectText(".alert-ok", "Your vault was reset")
	tab.ExpectText("#vault-setup", "Set up your vault")
	for table, n := range countOwned(t, app, "admin@example.com", tables...) {
		if n != 0 {
			t.Errorf("%d rows left in %s after the reset", n, table)
		}
	}
	if n := memoObjects(t, app, memos); n != 0 {
		t.Errorf("%d objects of the memo left in the store", n)
	}

	// A new vault, and an empty one.
	tab.setUpVault("a-new-start-19 meadow")
	tab.Visit("/ideas")
	tab.ExpectText("#ideas-empty", "No ideas")
}
