//go:build !fast

package e2e

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
)

// sealer makes a vault and its records in Go, as the island would (the
// formats of E2EE.md, proven byte for byte by e2ee-js/interop): for tests
// that need more encrypted records than a browser could type.
type sealer struct {
	user, vault string
	kek         []byte
}

var b64 = base64.RawURLEncoding

func random(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func gcm(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	a, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return a
}

// canonical is JSON with sorted keys and no HTML escaping, as the island's.
func canonical(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// setUpVault sets up the signed-in tab's vault with a KEK this test knows,
// unlockable with passphrase; the tab itself stays locked.
func (tab *Tab) setUpKnownVault(passphrase string) *sealer {
	tab.t.Helper()
	tab.Visit("/settings/vault")
	user, err := tab.Page.Locator("[data-vault-page]").GetAttribute("data-user-id")
	if err != nil || user == "" {
		tab.t.Fatalf("the vault page names no user: %v", err)
	}
	s := &sealer{user: user, vault: uuid.NewString(), kek: random(32)}
	key := func(credential string, secret []byte, salt []byte) map[string]any {
		aad := map[string]any{"user_id": s.user, "vault_id": s.vault, "credential_id": credential, "policy_version": 1}
		nonce := random(12)
		return map[string]any{"credential_id": credential, "salt": b64.EncodeToString(salt),
			"blob": map[string]any{"wrap_version": "v1", "wrap_type": "AEAD", "nonce": b64.EncodeToString(nonce),
				"cipher": b64.EncodeToString(gcm(secret).Seal(nil, nonce, s.kek, canonical(aad))), "aad": aad}}
	}
	salt := random(16)
	wrap, err := pbkdf2.Key(sha256.New, passphrase, salt, 600_000, 32)
	if err != nil {
		tab.t.Fatal(err)
	}
	recovery := make([]any, 10)
	for i := range recovery {
		k := key(fmt.Sprintf("recovery:%d", i+1), random(32), random(16))
		k["lookup"] = b64.EncodeToString(random(32))
		recovery[i] = k
	}
	proof, err := hkdf.Key(sha256.New, s.kek, nil, "ignition/v1/unlock-proof", 32)
	if err != nil {
		tab.t.Fatal(err)
	}
	body := map[string]any{"vault_id": s.vault, "kid": "k1", "policy_version": 1, "proof": b64.EncodeToString(proof),
		"passphrase": key("passphrase", wrap, salt), "recovery": recovery}
	status, err := tab.Page.Evaluate(`async (body) => {
		const res = await fetch("/vault", {method: "POST", body: JSON.stringify(body),
			headers: {"Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content}});
		return res.status;
	}`, body)
	if err != nil || status != 200 {
		tab.t.Fatalf("vault setup: %v %v", status, err)
	}
	return s
}

// seal is the envelope of text in field of the record kind/id.
func (s *sealer) seal(kind, id, field, text string) string {
	aad := canonical(map[string]any{"v": 1, "user_id": s.user, "vault_id": s.vault, "kind": kind, "record_id": id, "field": field})
	dek, dekNonce, iv := random(32), random(12), random(12)
	wdek := append(dekNonce, gcm(s.kek).Seal(nil, dekNonce, dek, aad)...)
	return string(canonical(map[string]any{"v": 1, "kid": "k1", "wdek": b64.EncodeToString(wdek), "iv": b64.EncodeToString(iv),
		"ct": b64.EncodeToString(gcm(dek).Seal(nil, iv, []byte(text), aad))}))
}
