package vault_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vault"
	"ignition/app/vaulttest"
)

// encryptedRows counts what a reset must delete of the user's: encrypted
// records of every kind, memos, and the vault with its keys.
func encryptedRows(t *testing.T, env *apptest.Env, email string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"ideas", "memos", "journal_entries", "infobase_entries", "vaults", "vault_keys"} {
		var n int
		if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM `+table+` WHERE user_id = (SELECT id FROM users WHERE email = $1)`, email).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// writePrivate saves an idea with a voice memo, a journal entry and an
// infobase note through their handlers.
func writePrivate(t *testing.T, env *apptest.Env, c *apptest.Client, email string) {
	t.Helper()
	idea := uuid.NewString()
	c.Post("/ideas").Form("record_id", idea, "title", vaulttest.Envelope(12)).Do().AssertRedirect("/ideas?done=saved")
	if _, err := env.Pool.Exec(t.Context(), `INSERT INTO memos (id, user_id, idea_id, chunk_sizes, size)
		SELECT gen_random_uuid(), id, $2, '{100}', 100 FROM users WHERE email = $1`, email, idea); err != nil {
		t.Fatal(err)
	}
	action, _ := c.Get("/learn/journal").Do().AssertStatus(http.StatusOK).Attr("#journal-form", "action")
	c.Post(action).Form("record_id", uuid.NewString(), "body", vaulttest.Envelope(30)).Do().AssertRedirect("/learn/journal?done=saved")
	note := uuid.NewString()
	c.Post("/infobase").Form("record_id", note, "title", vaulttest.Envelope(8), "body", vaulttest.Envelope(50)).Do().AssertRedirect("/infobase/" + note + "?done=created")
}

// ageSignIn makes the user's sign-ins older than the step-up window.
func ageSignIn(t *testing.T, env *apptest.Env, email string) {
	t.Helper()
	if _, err := env.Pool.Exec(t.Context(), `UPDATE sessions SET data = convert_to(jsonb_set(convert_from(data, 'UTF8')::jsonb,
		'{authenticated_at}', '"1000"')::text, 'UTF8') WHERE user_id = (SELECT id FROM users WHERE email = $1)`, email); err != nil {
		t.Fatal(err)
	}
}

func TestResetDeletesEverythingEncryptedAfterAFreshSignIn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("reset@example.com", "")
	vaulttest.SetUp(t, c)
	writePrivate(t, env, c, "reset@example.com")
	keeper := env.SignIn("keeper@example.com", "")
	vaulttest.SetUp(t, keeper)
	writePrivate(t, env, keeper, "keeper@example.com")
	kept := encryptedRows(t, env, "keeper@example.com")
	c.Get(vault.URL).Do().AssertStatus(http.StatusOK).AssertText("#vault-reset-link a", "Reset the vault")

	// An old sign-in: the page names what goes, and asks to sign in again.
	ageSignIn(t, env, "reset@example.com")
	page := c.Get(vault.ResetURL).Do().AssertStatus(http.StatusOK)
	for _, want := range []string{"1 idea", "1 voice memo", "1 journal entry", "1 infobase note", "wrapped 11 ways"} {
		page.AssertText("#vault-reset-destroys", want)
	}
	page.AssertText("#vault-reset-reauth", "sign in again with your identity provider")
	if n := page.Doc().Find("#vault-reset-form").Length(); n != 0 {
		t.Error("the reset form is offered without a fresh sign-in")
	}
	if href, _ := page.Attr("#vault-reset a.btn", "href"); href != "/signin?next=%2Fsettings%2Fvault%2Freset" {
		t.Errorf("the sign-in again link is %q", href)
	}
	c.Post(vault.ResetURL).Form("confirm", vault.ResetPhrase).Do().AssertStatus(http.StatusForbidden)

	// A passkey sign-in is not enough.
	if _, err := env.Pool.Exec(t.Context(), `UPDATE sessions SET data = convert_to(jsonb_set(jsonb_set(convert_from(data, 'UTF8')::jsonb,
		'{authenticated_at}', to_jsonb(extract(epoch FROM now())::bigint::text)), '{authenticated_by}', '"passkey"')::text, 'UTF8')
		WHERE user_id = (SELECT id FROM users WHERE email = 'reset@example.com')`); err != nil {
		t.Fatal(err)
	}
	c.Post(vault.ResetURL).Form("confirm", vault.ResetPhrase).Do().AssertStatus(http.StatusForbidden)
	if got := encryptedRows(t, env, "reset@example.com"); got["ideas"] != 1 || got["vault_keys"] != 11 {
		t.Fatalf("refused resets deleted something: %v", got)
	}

	// Signing in again with the provider (here its stand-in, the
	// development sign-in) opens the form; a wrong phrase keeps everything.
	c.Post("/signin/dev").Form("email", "reset@example.com", "next", vault.ResetURL).Do().AssertRedirect(vault.ResetURL)
	c.Get(vault.ResetURL).Do().AssertStatus(http.StatusOK).AssertText("#vault-reset-form label", vault.ResetPhrase)
	wrong := c.Post(vault.ResetURL).Form("confirm", "delete my data").Do().AssertStatus(http.StatusUnprocessableEntity)
	wrong.AssertText("#vault-reset-confirm-error", "Nothing was deleted")
	if v, _ := wrong.Attr("#vault-reset-confirm", "value"); v != "delete my data" {
		t.Errorf("the typed confirmation was lost: %q", v)
	}
	c.Post(vault.ResetURL).Form("confirm", strings.Repeat("x", 101)).Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post(vault.ResetURL).Form("confirm", "").Do().AssertStatus(http.StatusUnprocessableEntity)

	// The reset: nothing encrypted left, the keeper's untouched, and a new
	// vault can be set up.
	c.Post(vault.ResetURL).Form("confirm", "  Delete my  PRIVATE data ").Do().AssertRedirect(vault.URL + "?done=reset")
	for table, n := range encryptedRows(t, env, "reset@example.com") {
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if got := encryptedRows(t, env, "keeper@example.com"); len(got) != len(kept) || got["ideas"] != kept["ideas"] || got["vault_keys"] != kept["vault_keys"] || got["memos"] != kept["memos"] {
		t.Errorf("another user's data changed: %v, was %v", got, kept)
	}
	var queued int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM object_deletions`).Scan(&queued); err != nil {
		t.Fatal(err)
	}
	if queued != 1 { // no object store here: the memo's objects wait for one
		t.Errorf("%d object deletions queued, want the memo's 1", queued)
	}
	done := c.Get(vault.URL + "?done=reset").Do().AssertStatus(http.StatusOK)
	done.AssertText(".alert-ok", "Your vault was reset").AssertText("#vault-setup", "Set up your vault")
	c.Get(vault.ResetURL).Do().AssertRedirect(vault.URL)
	c.Post(vault.ResetURL).Form("confirm", vault.ResetPhrase).Do().AssertRedirect(vault.URL)
	vaulttest.SetUp(t, c)
	c.Get("/ideas").Do().AssertStatus(http.StatusOK)
}
