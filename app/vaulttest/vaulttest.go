// Package vaulttest plays the encryption island's part in handler tests:
// it sends what the island sends, of the right shapes. The server checks
// shapes only, so random bytes stand in for the cryptography (the island's
// own tests and the browser tests cover that).
package vaulttest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
)

var b64 = base64.RawURLEncoding

// Random is n random bytes, base64url.
func Random(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b64.EncodeToString(b)
}

// Island is one browser's vault.
type Island struct {
	T     testing.TB
	C     *apptest.Client
	User  string
	Vault string
	Proof string
	Codes []string // each recovery code's lookup, by number - 1
}

// New reads the signed-in user's ID from the vault page.
func New(t testing.TB, c *apptest.Client) *Island {
	t.Helper()
	user, ok := c.Get("/settings/vault").Do().AssertStatus(http.StatusOK).Attr("[data-vault-page]", "data-user-id")
	if !ok {
		t.Fatal("the vault page names no user")
	}
	return &Island{T: t, C: c, User: user, Vault: uuid.NewString(), Proof: Random(32)}
}

// SetUp sets up the user's vault, unlocked in this session.
func SetUp(t testing.TB, c *apptest.Client) *Island {
	t.Helper()
	i := New(t, c)
	i.Setup()
	return i
}

// Key is the KEK wrapped for credential, as the island sends it.
func (i *Island) Key(credential string, policy int) map[string]any {
	k := map[string]any{
		"credential_id": credential,
		"salt":          Random(16),
		"blob": map[string]any{
			"wrap_version": "v1", "wrap_type": "AEAD", "nonce": Random(12), "cipher": Random(48),
			"aad": map[string]any{"user_id": i.User, "vault_id": i.Vault, "credential_id": credential, "policy_version": policy},
		},
	}
	if credential != "passphrase" {
		k["lookup"] = Random(32)
	}
	return k
}

// Recovery is a fresh set of ten recovery codes' keys; Codes holds their
// lookups.
func (i *Island) Recovery() []any {
	keys := make([]any, 10)
	i.Codes = make([]string, 10)
	for n := range keys {
		k := i.Key(fmt.Sprintf("recovery:%d", n+1), 1)
		keys[n], i.Codes[n] = k, k["lookup"].(string)
	}
	return keys
}

// SetupRequest is the body of POST /vault.
func (i *Island) SetupRequest() map[string]any {
	return map[string]any{"vault_id": i.Vault, "kid": "k1", "policy_version": 1, "proof": i.Proof,
		"passphrase": i.Key("passphrase", 1), "recovery": i.Recovery()}
}

// Setup sets the vault up.
func (i *Island) Setup() {
	i.T.Helper()
	resp := i.C.Post("/vault").JSON(i.SetupRequest()).Do().AssertStatus(http.StatusOK)
	if !strings.Contains(string(resp.Body), `"redirect":"/settings/vault?done=created"`) {
		i.T.Fatalf("setup answered %s", resp.Body)
	}
}

// Unlock unlocks the vault in this session.
func (i *Island) Unlock() {
	i.T.Helper()
	i.C.Post("/vault/unlock").JSON(map[string]string{"proof": i.Proof}).Do().AssertStatus(http.StatusOK)
}

// Unlocked asks the server whether this session holds the vault unlocked
// (reporting work when active).
func (i *Island) Unlocked(active bool) bool {
	i.T.Helper()
	var s struct{ Unlocked bool }
	Decode(i.T, i.C.Post("/vault/state").JSON(map[string]bool{"active": active}).Do().AssertStatus(http.StatusOK), &s)
	return s.Unlocked
}

// Envelope is a record field envelope of this vault holding chars ASCII
// characters (0: the empty text).
func Envelope(chars int) string { return EnvelopeUnder("k1", chars) }

// EnvelopeUnder is Envelope sealed under the KEK kid (a rotation's new one).
func EnvelopeUnder(kid string, chars int) string {
	b, _ := json.Marshal(map[string]any{"v": 1, "kid": kid, "wdek": Random(60), "iv": Random(12), "ct": Random(chars + 16)})
	return string(b)
}

// Decode reads a JSON answer into v.
func Decode(t testing.TB, r *apptest.Response, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%s: %v", r.Body, err)
	}
}
