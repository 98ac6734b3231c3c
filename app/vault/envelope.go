package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ErrEnvelope is an encrypted field that is not an envelope of this vault.
var ErrEnvelope = errors.New("vault: malformed envelope")

// ErrTooLarge is an encrypted field longer than its limit allows.
var ErrTooLarge = errors.New("vault: encrypted field too large")

// envelope is a record field's ciphertext (E2EE.md): the DEK wrapped by the
// KEK (nonce ‖ ciphertext), the field's nonce and its ciphertext.
type envelope struct {
	V    int    `json:"v"`
	KID  string `json:"kid"`
	WDEK string `json:"wdek"`
	IV   string `json:"iv"`
	CT   string `json:"ct"`
}

// Field checks raw, one encrypted form field, against the vault: version 1,
// the vault's key ID, a wrapped DEK and nonce of the right length, and a
// ciphertext whose plaintext is at most maxChars characters (4 bytes each
// at most). It returns the envelope as stored, and whether it holds the
// empty text (a bare tag: sizes are visible to the server by design). The
// server cannot open it.
func Field(v Current, raw string, maxChars int) (stored []byte, empty bool, err error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	var e envelope
	if err := dec.Decode(&e); err != nil || dec.More() {
		return nil, false, ErrEnvelope
	}
	if e.V != 1 || e.KID != v.KID {
		return nil, false, ErrEnvelope
	}
	if _, err := bytesOf(e.WDEK, 12+32+16); err != nil {
		return nil, false, ErrEnvelope
	}
	if _, err := bytesOf(e.IV, 12); err != nil {
		return nil, false, ErrEnvelope
	}
	if b64.DecodedLen(len(e.CT)) > 4*maxChars+16 {
		return nil, false, ErrTooLarge
	}
	ct, err := b64.DecodeString(e.CT)
	if err != nil || len(ct) < 16 {
		return nil, false, ErrEnvelope
	}
	stored, err = json.Marshal(e)
	return stored, len(ct) == 16, err
}

// FormField checks one encrypted field of a submitted form as Field does,
// answering what the island never sends with the HTTP error to return:
// 413 for an oversized field, 400 for anything else that is not an
// envelope of this vault. A field left empty ("") is nil and empty.
func FormField(v Current, raw string, maxChars int) (stored []byte, empty bool, err error) {
	if raw == "" {
		return nil, true, nil
	}
	stored, empty, err = Field(v, raw, maxChars)
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, false, echo.NewHTTPError(http.StatusRequestEntityTooLarge, "An encrypted field is longer than this form allows.")
	case err != nil:
		return nil, false, echo.NewHTTPError(http.StatusBadRequest, "The encrypted fields of this form are malformed.")
	case empty:
		return nil, true, nil
	}
	return stored, false, nil
}
