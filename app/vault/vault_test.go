package vault_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vault"
	"ignition/app/vaulttest"
)

func problemOf(t *testing.T, r *apptest.Response) string {
	t.Helper()
	var p struct{ Error string }
	vaulttest.Decode(t, r, &p)
	return p.Error
}

func TestSetUpUnlockAndLock(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("vault@example.com", "")
	c.Get(vault.URL).Do().AssertStatus(http.StatusOK).AssertText("#vault-setup h3", "Set up your vault")
	i := vaulttest.New(t, c)
	i.Setup()
	if !i.Unlocked(false) {
		t.Error("a new vault is not unlocked in the session that set it up")
	}
	page := c.Get(vault.URL).Do().AssertStatus(http.StatusOK)
	page.AssertText("#vault-codes-left", "10 of 10")
	if id, _ := page.Attr("[data-vault-page]", "data-vault-id"); id != i.Vault {
		t.Errorf("the page names vault %q, want %q", id, i.Vault)
	}
	if got, _ := c.Get("/today").Do().Attr("body", "data-vault-idle"); got != "600" {
		t.Errorf("body data-vault-idle = %q, want 600", got)
	}

	again := vaulttest.New(t, c)
	resp := c.Post("/vault").JSON(again.SetupRequest()).Do().AssertStatus(http.StatusConflict)
	if msg := problemOf(t, resp); msg != "This account already has a vault." {
		t.Errorf("second setup: %q", msg)
	}

	var key struct {
		VaultID    string          `json:"vault_id"`
		Iterations int             `json:"iterations"`
		Policy     int             `json:"policy_version"`
		Salt       string          `json:"salt"`
		Blob       json.RawMessage `json:"blob"`
	}
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do().AssertStatus(http.StatusOK), &key)
	if key.VaultID != i.Vault || key.Iterations != 600000 || key.Policy != 1 || len(key.Salt) != 22 || !strings.Contains(string(key.Blob), `"credential_id":"passphrase"`) {
		t.Errorf("passphrase key = %+v", key)
	}

	c.Post("/vault/lock").JSON(nil).Do().AssertStatus(http.StatusOK)
	if i.Unlocked(true) {
		t.Error("still unlocked after Lock now")
	}
	resp = c.Post("/vault/unlock").JSON(map[string]string{"proof": vaulttest.Random(32)}).Do().AssertStatus(http.StatusForbidden)
	if msg := problemOf(t, resp); msg != "That did not unlock the vault." {
		t.Errorf("wrong proof: %q", msg)
	}
	if i.Unlocked(false) {
		t.Error("a wrong proof unlocked the vault")
	}
	c.Post("/vault/unlock").JSON(map[string]string{"proof": i.Proof}).Do().AssertStatus(http.StatusOK)
	if !i.Unlocked(false) {
		t.Error("the right proof did not unlock the vault")
	}

	// The form "Lock now" works without the island too.
	c.Post("/vault/lock").Do().AssertRedirect(vault.URL + "?done=locked")
	c.Get(vault.URL+"?done=locked").Do().AssertText(".alert-ok", "Locked on every device.")
	if i.Unlocked(false) {
		t.Error("still unlocked after the Lock now form")
	}
}

func TestSetupRefusesMalformedRequests(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("shapes@example.com", "")
	other := env.SignIn("other@example.com", "")
	otherID := vaulttest.New(t, other).User
	i := vaulttest.New(t, c)

	aad := func(r map[string]any) map[string]any {
		return r["passphrase"].(map[string]any)["blob"].(map[string]any)["aad"].(map[string]any)
	}
	blob := func(r map[string]any) map[string]any {
		return r["passphrase"].(map[string]any)["blob"].(map[string]any)
	}
	cases := map[string]func(r map[string]any){
		"unknown policy":       func(r map[string]any) { r["policy_version"] = 7 },
		"older policy":         func(r map[string]any) { r["policy_version"] = 0 },
		"nil vault":            func(r map[string]any) { r["vault_id"] = uuid.Nil.String() },
		"bad kid":              func(r map[string]any) { r["kid"] = "k 1" },
		"short proof":          func(r map[string]any) { r["proof"] = vaulttest.Random(16) },
		"proof not base64url":  func(r map[string]any) { r["proof"] = strings.Repeat("+", 43) },
		"another user's AAD":   func(r map[string]any) { aad(r)["user_id"] = otherID },
		"another vault's AAD":  func(r map[string]any) { aad(r)["vault_id"] = uuid.NewString() },
		"AAD credential":       func(r map[string]any) { aad(r)["credential_id"] = "recovery:1" },
		"AAD policy":           func(r map[string]any) { aad(r)["policy_version"] = 0 },
		"wrap version":         func(r map[string]any) { blob(r)["wrap_version"] = "v2" },
		"short cipher":         func(r map[string]any) { blob(r)["cipher"] = vaulttest.Random(32) },
		"long nonce":           func(r map[string]any) { blob(r)["nonce"] = vaulttest.Random(16) },
		"short salt":           func(r map[string]any) { r["passphrase"].(map[string]any)["salt"] = vaulttest.Random(8) },
		"passphrase lookup":    func(r map[string]any) { r["passphrase"].(map[string]any)["lookup"] = vaulttest.Random(32) },
		"nine codes":           func(r map[string]any) { r["recovery"] = r["recovery"].([]any)[:9] },
		"no codes":             func(r map[string]any) { delete(r, "recovery") },
		"code without lookup":  func(r map[string]any) { delete(r["recovery"].([]any)[0].(map[string]any), "lookup") },
		"code numbered 11":     func(r map[string]any) { setCredential(r["recovery"].([]any)[0], "recovery:11") },
		"two codes numbered 2": func(r map[string]any) { setCredential(r["recovery"].([]any)[0], "recovery:2") },
		"a code as passphrase": func(r map[string]any) { setCredential(r["recovery"].([]any)[0], "passphrase") },
		"duplicate lookups": func(r map[string]any) {
			codes := r["recovery"].([]any)
			codes[1].(map[string]any)["lookup"] = codes[0].(map[string]any)["lookup"]
		},
		"an unknown field":      func(r map[string]any) { r["kek"] = vaulttest.Random(32) },
		"blob with extra field": func(r map[string]any) { blob(r)["plaintext"] = "x" },
	}
	for name, mutate := range cases {
		r := i.SetupRequest()
		mutate(r)
		resp := c.Post("/vault").JSON(r).Do()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400 (%s)", name, resp.StatusCode, resp.Body)
		}
	}
	for name, body := range map[string]string{"not JSON": "proof=1", "two values": `{} {}`, "an array": `[]`, "empty": ``} {
		resp := c.Post("/vault").Header("X-CSRF-Token", c.CSRF()).Header("Content-Type", "application/json").RawBody(body).Do()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	huge := i.SetupRequest()
	huge["kid"] = strings.Repeat("k", 70<<10)
	c.Post("/vault").JSON(huge).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	c.Post("/vault").NoCSRF().Header("Content-Type", "application/json").RawBody(`{}`).Do().AssertStatus(http.StatusForbidden)
	c.Get("/vault/keys/passphrase").Do().AssertStatus(http.StatusNotFound)
	c.Get(vault.URL).Do().AssertText("#vault-setup h3", "Set up your vault")
	i.Setup() // and the well-formed one still goes through
}

func setCredential(k any, credential string) {
	m := k.(map[string]any)
	m["credential_id"] = credential
	m["blob"].(map[string]any)["aad"].(map[string]any)["credential_id"] = credential
}

func TestRecoveryCodeUnlocksOnceAndSetsANewPassphrase(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("forgot@example.com", "")
	i := vaulttest.New(t, c)
	i.Setup()
	c.Post("/vault/lock").JSON(nil).Do().AssertStatus(http.StatusOK)

	var found struct {
		CredentialID string `json:"credential_id"`
		Iterations   int    `json:"iterations"`
	}
	vaulttest.Decode(t, c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": i.Codes[2]}).Do().AssertStatus(http.StatusOK), &found)
	if found.CredentialID != "recovery:3" {
		t.Fatalf("found %+v, want recovery:3", found)
	}
	unknown := c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": vaulttest.Random(32)}).Do().AssertStatus(http.StatusNotFound)
	if msg := problemOf(t, unknown); !strings.Contains(msg, "not one of your recovery codes") {
		t.Errorf("unknown code: %q", msg)
	}

	newPass := i.Key(vault.Passphrase, vault.Policy)
	c.Post("/vault/recover").JSON(map[string]any{"credential_id": "recovery:3", "proof": vaulttest.Random(32), "passphrase": newPass}).Do().AssertStatus(http.StatusForbidden)
	c.Post("/vault/recover").JSON(map[string]any{"credential_id": "recovery:3", "proof": i.Proof, "passphrase": newPass}).Do().AssertStatus(http.StatusOK)
	if !i.Unlocked(false) {
		t.Error("recovering did not unlock the vault")
	}
	var key struct{ Blob json.RawMessage }
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do(), &key)
	want, _ := json.Marshal(newPass["blob"])
	if !jsonEqual(t, key.Blob, want) {
		t.Errorf("the passphrase blob is %s, want the new one %s", key.Blob, want)
	}
	c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": i.Codes[2]}).Do().AssertStatus(http.StatusNotFound)
	c.Post("/vault/recover").JSON(map[string]any{"credential_id": "recovery:3", "proof": i.Proof, "passphrase": newPass}).Do().AssertStatus(http.StatusForbidden)
	c.Get(vault.URL).Do().AssertText("#vault-codes-left", "9 of 10")
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func TestNewRecoveryCodesReplaceEveryOldOne(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("codes@example.com", "")
	i := vaulttest.New(t, c)
	i.Setup()
	old := i.Codes
	for n := range 8 { // use up eight: Settings warns
		vaulttest.Decode(t, c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": old[n]}).Do().AssertStatus(http.StatusOK), &struct{}{})
		c.Post("/vault/recover").JSON(map[string]any{"credential_id": fmt.Sprintf("recovery:%d", n+1), "proof": i.Proof, "passphrase": i.Key(vault.Passphrase, vault.Policy)}).Do().AssertStatus(http.StatusOK)
	}
	c.Get(vault.URL).Do().AssertText("#vault-codes-left", "2 of 10").AssertText("#vault-low-codes", "Only 2 recovery codes left")

	c.Post("/vault/recovery").JSON(map[string]any{"proof": vaulttest.Random(32), "recovery": i.Recovery()}).Do().AssertStatus(http.StatusForbidden)
	c.Post("/vault/recovery").JSON(map[string]any{"proof": i.Proof, "recovery": i.Recovery()[:3]}).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/vault/recovery").JSON(map[string]any{"proof": i.Proof, "recovery": i.Recovery()}).Do().AssertStatus(http.StatusOK)
	for _, lookup := range old[8:] {
		c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": lookup}).Do().AssertStatus(http.StatusNotFound)
	}
	c.Post("/vault/recovery/find").JSON(map[string]string{"lookup": i.Codes[0]}).Do().AssertStatus(http.StatusOK)
	page := c.Get(vault.URL).Do()
	page.AssertText("#vault-codes-left", "10 of 10")
	if page.Doc().Find("#vault-low-codes").Length() != 0 {
		t.Error("still warns after new codes")
	}
}

func TestChangePassphraseNeedsTheProof(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("change@example.com", "")
	i := vaulttest.New(t, c)
	i.Setup()
	var before, after struct{ Salt string }
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do(), &before)
	c.Post("/vault/passphrase").JSON(map[string]any{"proof": vaulttest.Random(32), "passphrase": i.Key(vault.Passphrase, vault.Policy)}).Do().AssertStatus(http.StatusForbidden)
	c.Post("/vault/passphrase").JSON(map[string]any{"proof": i.Proof, "passphrase": i.Key("recovery:1", vault.Policy)}).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/vault/passphrase").JSON(map[string]any{"proof": i.Proof}).Do().AssertStatus(http.StatusBadRequest)
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do(), &after)
	if after.Salt != before.Salt {
		t.Fatal("a refused change replaced the passphrase key")
	}
	c.Post("/vault/passphrase").JSON(map[string]any{"proof": i.Proof, "passphrase": i.Key(vault.Passphrase, vault.Policy)}).Do().AssertStatus(http.StatusOK)
	vaulttest.Decode(t, c.Get("/vault/keys/passphrase").Do(), &after)
	if after.Salt == before.Salt {
		t.Error("the passphrase key was not replaced")
	}
	var n int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM vault_keys WHERE kind = 'passphrase'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("passphrase keys = %d (%v), want 1: the old blob stays", n, err)
	}
}

func TestAnotherUsersVaultIsUnreachable(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	alice := env.SignIn("alice@example.com", "")
	bob := env.SignIn("bob@example.com", "")
	a := vaulttest.New(t, alice)
	a.Setup()
	bob.Get("/vault/keys/passphrase").Do().AssertStatus(http.StatusNotFound)
	bob.Post("/vault/recovery/find").JSON(map[string]string{"lookup": a.Codes[0]}).Do().AssertStatus(http.StatusNotFound)
	bob.Post("/vault/unlock").JSON(map[string]string{"proof": a.Proof}).Do().AssertStatus(http.StatusNotFound)
	bob.Post("/vault/recover").JSON(map[string]any{"credential_id": "recovery:1", "proof": a.Proof, "passphrase": a.Key(vault.Passphrase, vault.Policy)}).Do().AssertStatus(http.StatusNotFound)
	// Bob's own vault cannot claim Alice's user or vault ID.
	b := vaulttest.New(t, bob)
	b.User = a.User
	bob.Post("/vault").JSON(b.SetupRequest()).Do().AssertStatus(http.StatusBadRequest)
	b = vaulttest.New(t, bob)
	b.Vault = a.Vault
	resp := bob.Post("/vault").JSON(b.SetupRequest()).Do()
	if resp.StatusCode == http.StatusOK || resp.StatusCode >= 500 {
		t.Errorf("a vault with another's vault ID: status %d", resp.StatusCode)
	}
	if bob.Post("/vault/state").JSON(map[string]bool{}).Do(); b.Unlocked(false) {
		t.Error("Bob's session is unlocked without a vault")
	}
	var key struct{ Salt string }
	vaulttest.Decode(t, alice.Get("/vault/keys/passphrase").Do().AssertStatus(http.StatusOK), &key)
	if key.Salt == "" {
		t.Error("Alice's vault was touched")
	}
}

func TestSignOutAndIdleLockTheVault(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_VAULT_IDLE", "2s"))
	phone := env.SignIn("devices@example.com", "")
	laptop := env.SignIn("devices@example.com", "")
	p := vaulttest.New(t, phone)
	p.Setup()
	l := &vaulttest.Island{T: t, C: laptop, Proof: p.Proof}
	laptop.Post("/vault/unlock").JSON(map[string]string{"proof": p.Proof}).Do().AssertStatus(http.StatusOK)
	if !l.Unlocked(true) || !p.Unlocked(true) {
		t.Fatal("both devices should be unlocked")
	}
	// Work on the phone keeps it unlocked past the idle limit; the idle
	// laptop's session locks on its own.
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if !p.Unlocked(true) {
			t.Fatal("an active session locked")
		}
		time.Sleep(500 * time.Millisecond)
	}
	if l.Unlocked(false) {
		t.Error("the idle session is still unlocked")
	}
	laptop.Post("/signout").Do()
	if p.Unlocked(false) {
		t.Error("signing out on the laptop did not lock the phone")
	}
}

func TestAdministratorForceLocksButSeesNoContent(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_ADMIN_EMAILS", "admin@example.com"))
	user := env.SignIn("owner@example.com", "")
	admin := env.SignIn("admin@example.com", "")
	u := vaulttest.New(t, user)
	u.Setup()
	user.Get(vault.AdminURL).Do().AssertStatus(http.StatusNotFound)
	user.Post(vault.AdminURL + "/" + u.User + "/lock").Do().AssertStatus(http.StatusNotFound)
	if !u.Unlocked(false) {
		t.Fatal("a user's force-lock attempt reached the vault")
	}

	admin.Get(vault.AdminURL).Do().AssertText("#vault-holds-"+u.User, "Nothing encrypted yet")
	writePrivate(t, env, user, "owner@example.com")
	page := admin.Get(vault.AdminURL).Do().AssertStatus(http.StatusOK)
	page.AssertText("#vault-encrypted-banner", "Content encrypted; not accessible")
	page.AssertText("#vault-owners", "owner@example.com")
	for _, want := range []string{"1 idea", "1 voice memo", "1 journal entry", "1 infobase note", "B encrypted"} {
		page.AssertText("#vault-holds-"+u.User, want)
	}
	var salt string
	if err := env.Pool.QueryRow(t.Context(), `SELECT encode(salt, 'base64') FROM vault_keys WHERE credential_id = 'passphrase'`).Scan(&salt); err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{u.Proof, u.Codes[0], u.Vault, strings.TrimRight(salt, "=")[:16], "wrap_version"} {
		if strings.Contains(string(page.Body), leak) {
			t.Errorf("the admin page shows %q", leak)
		}
	}
	admin.Post(vault.AdminURL + "/" + uuid.NewString() + "/lock").Do().AssertStatus(http.StatusNotFound)
	admin.Post(vault.AdminURL + "/not-a-uuid/lock").Do().AssertStatus(http.StatusNotFound)
	admin.Post(vault.AdminURL + "/" + u.User + "/lock").Do().AssertRedirect(vault.AdminURL + "?done=locked")
	if u.Unlocked(false) {
		t.Error("the force-lock left the vault unlocked")
	}
	admin.Get(vault.AdminURL+"?done=locked").Do().AssertText(".alert-ok", "Locked.")
}
