package vault_test

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vault"
	"ignition/app/vaulttest"
)

// addPasskey stores a passkey for the user as registering one would; it
// returns its row ID and credential ID (base64url).
func addPasskey(t *testing.T, env *apptest.Env, email, name string, prf bool) (string, string) {
	t.Helper()
	cred := make([]byte, 32)
	_, _ = rand.Read(cred)
	var id string
	err := env.Pool.QueryRow(t.Context(), `INSERT INTO passkeys (user_id, credential_id, credential, name, prf_enabled)
		SELECT id, $2, '{}', $3, $4 FROM users WHERE email = $1 RETURNING id::text`, email, cred, name, prf).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id, base64.RawURLEncoding.EncodeToString(cred)
}

func TestAPRFPasskeyUnlocksOnceTurnedOn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("prf@example.com", "")
	i := vaulttest.SetUp(t, c)
	laptop, laptopCred := addPasskey(t, env, "prf@example.com", "Laptop", true)
	_, keyCred := addPasskey(t, env, "prf@example.com", "Security key", false)
	page := c.Get(vault.URL).Do().AssertStatus(http.StatusOK)
	page.AssertText("#vault-passkey-"+laptop, "Can unlock the vault once you turn it on").AssertText("#vault-passkeys", "Sign-in only")
	if got, _ := page.Attr("#vault-passkey-"+laptop+" [data-vault-passkey-enable]", "data-credential"); got != laptopCred {
		t.Errorf("the Turn on button names credential %q, want %q", got, laptopCred)
	}
	if _, ok := c.Get("/today").Do().Attr("body", "data-vault-passkeys"); ok {
		t.Error("pages offer passkey unlock before any passkey unlocks the vault")
	}

	key := func(cred string) map[string]any {
		k := i.Key(cred, 1)
		delete(k, "lookup") // a recovery code's, not a passkey's
		return k
	}
	on := func(passkey, proof string, k map[string]any) *apptest.Response {
		return c.Post("/vault/keys/passkey").JSON(map[string]any{"passkey_id": passkey, "proof": proof, "key": k}).Do()
	}
	// Refused: a wrong proof, a key for another credential, a sign-in-only
	// passkey, someone else's, a malformed key.
	on(laptop, vaulttest.Random(32), key(laptopCred)).AssertStatus(http.StatusForbidden)
	on(laptop, i.Proof, key(keyCred)).AssertStatus(http.StatusBadRequest)
	keyID := ""
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM passkeys WHERE name = 'Security key'`).Scan(&keyID); err != nil {
		t.Fatal(err)
	}
	on(keyID, i.Proof, key(keyCred)).AssertStatus(http.StatusBadRequest)
	on(uuid.NewString(), i.Proof, key(laptopCred)).AssertStatus(http.StatusNotFound)
	on(laptop, i.Proof, key("passphrase")).AssertStatus(http.StatusBadRequest)
	on(laptop, i.Proof, key("recovery:1")).AssertStatus(http.StatusBadRequest)
	on("not-an-id", i.Proof, key(laptopCred)).AssertStatus(http.StatusBadRequest)

	// Turned on: every page offers it, and the island gets its wrapped KEK.
	if got := on(laptop, i.Proof, key(laptopCred)).AssertStatus(http.StatusOK); !containsJSON(t, got, "redirect", vault.URL+"?done=passkey-on") {
		t.Errorf("turning on answered %s", got.Body)
	}
	c.Get(vault.URL+"?done=passkey-on").Do().AssertText(".alert-ok", "now unlocks your vault").AssertText("#vault-passkey-"+laptop, "Unlocks the vault")
	if got, _ := c.Get("/today").Do().Attr("body", "data-vault-passkeys"); got != laptopCred {
		t.Errorf("pages offer passkeys %q, want %q", got, laptopCred)
	}
	var answer struct {
		CredentialID string `json:"credential_id"`
		Salt         string
		Blob         map[string]any
	}
	vaulttest.Decode(t, c.Get("/vault/keys/passkey/"+laptopCred).Do().AssertStatus(http.StatusOK), &answer)
	if answer.CredentialID != laptopCred || answer.Salt == "" || answer.Blob["cipher"] == nil {
		t.Errorf("the passkey's key is %+v", answer)
	}
	c.Get("/vault/keys/passkey/" + keyCred).Do().AssertStatus(http.StatusNotFound)
	c.Get("/vault/keys/passkey/short").Do().AssertStatus(http.StatusNotFound)

	// Another user gets none of it.
	stranger := env.SignIn("stranger@example.com", "")
	vaulttest.SetUp(t, stranger)
	stranger.Get("/vault/keys/passkey/" + laptopCred).Do().AssertStatus(http.StatusNotFound)
	stranger.Post("/vault/keys/passkey/" + laptop + "/delete").Do().AssertStatus(http.StatusNotFound)

	// Turned off, then the passkey removed: its wrapped KEK goes with it.
	c.Post("/vault/keys/passkey/" + laptop + "/delete").Do().AssertRedirect(vault.URL + "?done=passkey-off")
	c.Get("/vault/keys/passkey/" + laptopCred).Do().AssertStatus(http.StatusNotFound)
	on(laptop, i.Proof, key(laptopCred)).AssertStatus(http.StatusOK)
	c.Post("/settings/passkeys/" + laptop + "/revoke").Do().AssertRedirect("/settings/security?done=removed")
	var left int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM vault_keys WHERE kind = 'passkey'`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d passkey keys left after the passkey was removed (%v)", left, err)
	}
}

func containsJSON(t *testing.T, r *apptest.Response, field, want string) bool {
	t.Helper()
	var m map[string]any
	vaulttest.Decode(t, r, &m)
	return m[field] == want
}
