// Package interop holds the Go side of the island's interop vectors: an
// implementation of E2EE.md's formats that exists only in tests (the app
// never decrypts). It makes go.json from the fixed inputs, checks the
// island made byte for byte the same (js.json), and opens what the island
// made. Set UPDATE_VECTORS=1 to rewrite go.json after a deliberate change.
package interop

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

var b64 = base64.RawURLEncoding

type credential struct {
	CredentialID string `json:"credential_id"`
	Kind         string `json:"kind"`
	Secret       string `json:"secret"`
	Salt         string `json:"salt"`
	Policy       int    `json:"policy"`
	Nonce        string `json:"nonce"`
}

type field struct {
	Kind      string `json:"kind"`
	RecordID  string `json:"record_id"`
	Field     string `json:"field"`
	Plaintext string `json:"plaintext"`
	DEK       string `json:"dek"`
	DEKNonce  string `json:"dek_nonce"`
	IV        string `json:"iv"`
}

type inputs struct {
	UserID      string       `json:"user_id"`
	VaultID     string       `json:"vault_id"`
	KID         string       `json:"kid"`
	KEK         string       `json:"kek"`
	Credentials []credential `json:"credentials"`
	Fields      []field      `json:"fields"`
	File        struct {
		field
		Chunks []string `json:"chunks"`
		Nonces []string `json:"nonces"`
	} `json:"file"`
}

type wrapped struct {
	WrapVersion string         `json:"wrap_version"`
	WrapType    string         `json:"wrap_type"`
	Nonce       string         `json:"nonce"`
	Cipher      string         `json:"cipher"`
	AAD         map[string]any `json:"aad"`
}

type envelope struct {
	V    int    `json:"v"`
	KID  string `json:"kid"`
	WDEK string `json:"wdek"`
	IV   string `json:"iv"`
	CT   string `json:"ct"`
}

type vectors struct {
	UnlockProof string     `json:"unlock_proof"`
	Wrapped     []wrapped  `json:"wrapped"`
	Fields      []envelope `json:"fields"`
	File        []string   `json:"file"`
}

var iterations = map[int]int{0: 100000, 1: 600000}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func dec(s string) []byte { return must(b64.DecodeString(s)) }

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

func gcm(key []byte) cipher.AEAD { return must(cipher.NewGCM(must(aes.NewCipher(key)))) }

func wrapKey(c credential) []byte {
	if c.Kind == "passphrase" {
		return must(pbkdf2.Key(sha256.New, c.Secret, dec(c.Salt), iterations[c.Policy], 32))
	}
	return must(hkdf.Key(sha256.New, []byte(c.Secret), dec(c.Salt), "ignition/v1/wrap", 32))
}

func (in inputs) fieldAAD(f field) []byte {
	return canonical(map[string]any{"v": 1, "user_id": in.UserID, "vault_id": in.VaultID, "kind": f.Kind, "record_id": f.RecordID, "field": f.Field})
}

func chunkAAD(file []byte, i int, last bool) []byte {
	tail := binary.BigEndian.AppendUint32(nil, uint32(i))
	if last {
		return append(append(append([]byte(nil), file...), tail...), 1)
	}
	return append(append(append([]byte(nil), file...), tail...), 0)
}

func makeVectors(in inputs) vectors {
	kek := dec(in.KEK)
	v := vectors{UnlockProof: b64.EncodeToString(must(hkdf.Key(sha256.New, kek, nil, "ignition/v1/unlock-proof", 32)))}
	for _, c := range in.Credentials {
		aad := map[string]any{"user_id": in.UserID, "vault_id": in.VaultID, "credential_id": c.CredentialID, "policy_version": c.Policy}
		nonce := dec(c.Nonce)
		v.Wrapped = append(v.Wrapped, wrapped{WrapVersion: "v1", WrapType: "AEAD", Nonce: c.Nonce,
			Cipher: b64.EncodeToString(gcm(wrapKey(c)).Seal(nil, nonce, kek, canonical(aad))), AAD: aad})
	}
	for _, f := range in.Fields {
		aad := in.fieldAAD(f)
		dekNonce := dec(f.DEKNonce)
		wdek := append(append([]byte(nil), dekNonce...), gcm(kek).Seal(nil, dekNonce, dec(f.DEK), aad)...)
		v.Fields = append(v.Fields, envelope{V: 1, KID: in.KID, WDEK: b64.EncodeToString(wdek), IV: f.IV,
			CT: b64.EncodeToString(gcm(dec(f.DEK)).Seal(nil, dec(f.IV), []byte(f.Plaintext), aad))})
	}
	fileAAD := in.fieldAAD(in.File.field)
	for i, chunk := range in.File.Chunks {
		nonce := dec(in.File.Nonces[i])
		sealed := gcm(dec(in.File.DEK)).Seal(nil, nonce, dec(chunk), chunkAAD(fileAAD, i, i == len(in.File.Chunks)-1))
		v.File = append(v.File, b64.EncodeToString(append(append([]byte(nil), nonce...), sealed...)))
	}
	return v
}

func read[T any](t *testing.T, name string) T {
	t.Helper()
	b, err := os.ReadFile("../test/vectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGoMakesTheIslandsVectors(t *testing.T) {
	in := read[inputs](t, "inputs.json")
	got := makeVectors(in)
	if os.Getenv("UPDATE_VECTORS") != "" {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile("../test/vectors/go.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Through JSON, so numbers and maps compare as the files hold them.
	var mine, committed, island any
	json.Unmarshal(canonical(got), &mine)
	json.Unmarshal(canonical(read[vectors](t, "go.json")), &committed)
	json.Unmarshal(canonical(read[vectors](t, "js.json")), &island)
	if !reflect.DeepEqual(mine, committed) {
		t.Error("go.json is not what the Go implementation makes from inputs.json (UPDATE_VECTORS=1 rewrites it)")
	}
	if !reflect.DeepEqual(mine, island) {
		t.Error("the island's js.json differs from what Go makes from the same inputs")
	}
}

func TestGoOpensWhatTheIslandMade(t *testing.T) {
	in := read[inputs](t, "inputs.json")
	v := read[vectors](t, "js.json")
	kek := dec(in.KEK)
	for i, c := range in.Credentials {
		w := v.Wrapped[i]
		got, err := gcm(wrapKey(c)).Open(nil, dec(w.Nonce), dec(w.Cipher), canonical(w.AAD))
		if err != nil || !bytes.Equal(got, kek) {
			t.Errorf("wrapped KEK %d (%s, policy %d) did not open: %v", i, c.CredentialID, c.Policy, err)
		}
	}
	for i, f := range in.Fields {
		e, aad := v.Fields[i], in.fieldAAD(f)
		wdek := dec(e.WDEK)
		dek, err := gcm(kek).Open(nil, wdek[:12], wdek[12:], aad)
		if err != nil {
			t.Fatalf("field %d: the DEK did not open: %v", i, err)
		}
		plain, err := gcm(dek).Open(nil, dec(e.IV), dec(e.CT), aad)
		if err != nil || string(plain) != f.Plaintext {
			t.Errorf("field %d opened to %q (%v), want %q", i, plain, err, f.Plaintext)
		}
		// The same ciphertext under another field's place fails.
		other := f
		other.Field = "elsewhere"
		if _, err := gcm(dek).Open(nil, dec(e.IV), dec(e.CT), in.fieldAAD(other)); err == nil {
			t.Errorf("field %d opened under another field's AAD", i)
		}
	}
	fileAAD := in.fieldAAD(in.File.field)
	for i, chunk := range v.File {
		b := dec(chunk)
		got, err := gcm(dec(in.File.DEK)).Open(nil, b[:12], b[12:], chunkAAD(fileAAD, i, i == len(v.File)-1))
		if err != nil || !bytes.Equal(got, dec(in.File.Chunks[i])) {
			t.Errorf("chunk %d did not open: %v", i, err)
		}
	}
}
