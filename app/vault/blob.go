package vault

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

// The server checks the shape of what the island sends (the JSON fields,
// base64, lengths, a known version, AAD naming this user, this vault and
// this credential) and nothing else: it cannot open any of it.

var b64 = base64.RawURLEncoding

// maxBody bounds one vault request: a setup carries eleven wrapped keys.
const maxBody = 64 << 10

// errShape refuses a request whose shape is wrong.
var errShape = errors.New("vault: malformed request")

// wrapped is a wrapped KEK (E2EE.md): the KEK sealed under a wrap key,
// bound to its AAD.
type wrapped struct {
	WrapVersion string `json:"wrap_version"`
	WrapType    string `json:"wrap_type"`
	Nonce       string `json:"nonce"`
	Cipher      string `json:"cipher"`
	AAD         struct {
		UserID        string `json:"user_id"`
		VaultID       string `json:"vault_id"`
		CredentialID  string `json:"credential_id"`
		PolicyVersion int    `json:"policy_version"`
	} `json:"aad"`
}

// key is one wrapped KEK as the island sends it: its blob, the salt its
// wrap key was derived with, and for a recovery code the code's SHA-256.
type key struct {
	CredentialID string  `json:"credential_id"`
	Salt         string  `json:"salt"`
	Blob         wrapped `json:"blob"`
	Lookup       string  `json:"lookup,omitempty"`
}

var (
	credentialPattern = regexp.MustCompile(`^(passphrase|recovery:[0-9]{1,2})$`)
	passkeyPattern    = regexp.MustCompile(`^[A-Za-z0-9_-]+$`) // a WebAuthn credential ID, base64url
)

// kindOf is the kind of key a credential ID names, "" for none.
func kindOf(credential string) string {
	switch {
	case credential == Passphrase:
		return Passphrase
	case credential == Rotation:
		return Rotation
	case credentialPattern.MatchString(credential):
		return Recovery
	case len(credential) >= 16 && len(credential) <= 1400 && passkeyPattern.MatchString(credential):
		return Passkey
	}
	return ""
}

// bytesOf decodes s, which must be n bytes.
func bytesOf(s string, n int) ([]byte, error) {
	b, err := b64.DecodeString(s)
	if err != nil || len(b) != n {
		return nil, errShape
	}
	return b, nil
}

// check validates k for the user's vault under policy and returns its
// salt, lookup (nil for a passphrase) and blob as stored.
func (k key) check(user, vaultID uuid.UUID, policy int, kind string) (salt, lookup, blob []byte, err error) {
	w := k.Blob
	if kindOf(k.CredentialID) != kind {
		return nil, nil, nil, errShape
	}
	if w.WrapVersion != "v1" || w.WrapType != "AEAD" || w.AAD.UserID != user.String() || w.AAD.VaultID != vaultID.String() ||
		w.AAD.CredentialID != k.CredentialID || w.AAD.PolicyVersion != policy {
		return nil, nil, nil, errShape
	}
	if _, err := bytesOf(w.Nonce, 12); err != nil {
		return nil, nil, nil, err
	}
	if _, err := bytesOf(w.Cipher, 32+16); err != nil { // the KEK and its tag
		return nil, nil, nil, err
	}
	if salt, err = bytesOf(k.Salt, 16); err != nil {
		return nil, nil, nil, err
	}
	if kind == Recovery {
		if lookup, err = bytesOf(k.Lookup, 32); err != nil {
			return nil, nil, nil, err
		}
	} else if k.Lookup != "" {
		return nil, nil, nil, errShape
	}
	blob, err = json.Marshal(w)
	return salt, lookup, blob, err
}

// recoveryNumber is n of "recovery:<n>", 1 to RecoveryCodes.
func recoveryNumber(credential string) (int, bool) {
	n, err := strconv.Atoi(credential[len("recovery:"):])
	return n, err == nil && n >= 1 && n <= RecoveryCodes
}

// checkRecovery validates a full set of recovery codes' keys.
func checkRecovery(keys []key, user, vaultID uuid.UUID, policy int) error {
	if len(keys) != RecoveryCodes {
		return errShape
	}
	seen := map[int]bool{}
	lookups := map[string]bool{}
	for _, k := range keys {
		if _, _, _, err := k.check(user, vaultID, policy, Recovery); err != nil {
			return err
		}
		n, ok := recoveryNumber(k.CredentialID)
		if !ok || seen[n] || lookups[k.Lookup] {
			return errShape
		}
		seen[n], lookups[k.Lookup] = true, true
	}
	return nil
}

// bind reads the request's JSON body into dst (see web.BindJSON).
func bind(c echo.Context, dst any) error {
	err := web.BindJSON(c, dst, maxBody)
	if errors.Is(err, web.ErrJSON) {
		return errShape
	}
	return err
}

// refuse answers what the vault's routes refuse: a malformed request (400),
// a wrong proof (403), no vault (404), an oversized body (413); anything
// else is the caller's to wrap.
func refuse(c echo.Context, err error) (bool, error) {
	switch {
	case errors.Is(err, errShape):
		return true, web.Problem(c, http.StatusBadRequest, "The vault could not accept this request.")
	case errors.Is(err, errProof):
		return true, web.Problem(c, http.StatusForbidden, "That did not unlock the vault.")
	case errors.Is(err, ErrNoVault):
		return true, web.Problem(c, http.StatusNotFound, "There is no vault yet.")
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge):
		return true, err
	}
	return false, nil
}
