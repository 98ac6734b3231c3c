package vault

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

var kidPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// errProof refuses an unlock proof that is not the vault's.
var errProof = errors.New("vault: wrong unlock proof")

// keyAnswer is a wrapped KEK as the island needs it to unwrap.
type keyAnswer struct {
	UserID       string          `json:"user_id"`
	VaultID      string          `json:"vault_id"`
	KID          string          `json:"kid"`
	CredentialID string          `json:"credential_id"`
	Policy       int16           `json:"policy_version"`
	Iterations   int32           `json:"iterations"`
	Salt         string          `json:"salt"`
	Blob         json.RawMessage `json:"blob"`
	// Rotation is a KEK rotation under way: the island unwraps the new KEK
	// too, to read what is re-wrapped already and seal what is new.
	Rotation *rotationAnswer `json:"rotation,omitempty"`
}

func answerOf(vault db.GetVaultRow, credential string, policy int16, iterations int32, salt, blob []byte) keyAnswer {
	return keyAnswer{UserID: vault.UserID.String(), VaultID: vault.ID.String(), KID: vault.Kid, CredentialID: credential, Policy: policy, Iterations: iterations,
		Salt: b64.EncodeToString(salt), Blob: blob, Rotation: rotationOf(vault)}
}

// passphraseKey gives the island the passphrase-wrapped KEK to unwrap.
func (h *Handler) passphraseKey(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	vault, ok, err := h.viewerVault(c)
	if !ok {
		return err
	}
	k, err := h.q.GetVaultKey(ctx, db.GetVaultKeyParams{UserID: v.ID, CredentialID: Passphrase})
	if err != nil {
		return fmt.Errorf("vault: unable to load the passphrase key of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, answerOf(vault, Passphrase, k.PolicyVersion, k.Iterations, k.Salt, k.Blob))
}

// checkProof compares the SHA-256 of proof with the vault's, in constant
// time.
func checkProof(vault db.GetVaultRow, proof string) error {
	b, err := bytesOf(proof, 32)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	if subtle.ConstantTimeCompare(sum[:], vault.ProofHash) != 1 {
		return errProof
	}
	return nil
}

// proven loads the user's vault once proof shows the KEK was opened.
func proven(ctx context.Context, q *db.Queries, user uuid.UUID, proof string) (db.GetVaultRow, error) {
	vault, err := load(ctx, q, user)
	if err == nil {
		err = checkProof(vault, proof)
	}
	return vault, err
}

type proofRequest struct {
	Proof string `json:"proof"`
}

// unlock marks the session unlocked once the island proves it opened the
// KEK.
func (h *Handler) unlock(c echo.Context) error {
	v := web.CurrentViewer(c)
	var r proofRequest
	err := bind(c, &r)
	if err == nil {
		_, err = proven(c.Request().Context(), h.q, v.ID, r.Proof)
	}
	if err == nil {
		err = markActive(c, web.Calendar(c).Now)
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to unlock the vault of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]bool{"unlocked": true})
}

type findRequest struct {
	Lookup string `json:"lookup"`
}

// findRecovery gives the island the KEK wrapped under the recovery code
// whose SHA-256 it sends (the code itself never leaves the browser).
func (h *Handler) findRecovery(c echo.Context) error {
	v := web.CurrentViewer(c)
	var r findRequest
	err := bind(c, &r)
	var vault db.GetVaultRow
	var lookup []byte
	if err == nil {
		lookup, err = bytesOf(r.Lookup, 32)
	}
	if err == nil {
		vault, err = load(c.Request().Context(), h.q, v.ID)
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to find a recovery code of %s: %w", v.ID, err)
	}
	k, err := h.q.FindRecoveryKey(c.Request().Context(), db.FindRecoveryKeyParams{UserID: v.ID, Lookup: lookup})
	if errors.Is(err, pgx.ErrNoRows) {
		return web.Problem(c, http.StatusNotFound, "That is not one of your recovery codes, or it was used already.")
	}
	if err != nil {
		return fmt.Errorf("vault: unable to find a recovery code of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, answerOf(vault, k.CredentialID, k.PolicyVersion, k.Iterations, k.Salt, k.Blob))
}

// recoverRequest burns a recovery code: the proof that it opened the KEK,
// and the KEK wrapped under the new passphrase.
type recoverRequest struct {
	CredentialID string `json:"credential_id"`
	Proof        string `json:"proof"`
	Passphrase   key    `json:"passphrase"`
}

// Recover replaces the passphrase after a recovery code opened the KEK; the
// code is used up.
func Recover(ctx context.Context, q *db.Queries, user uuid.UUID, r recoverRequest) error {
	vault, err := proven(ctx, q, user, r.Proof)
	if err != nil {
		return err
	}
	if _, ok := recoveryNumber(r.CredentialID); !credentialPattern.MatchString(r.CredentialID) || r.CredentialID == Passphrase || !ok {
		return errShape
	}
	n, err := q.DeleteVaultKey(ctx, db.DeleteVaultKeyParams{UserID: user, CredentialID: r.CredentialID})
	if err != nil {
		return err
	}
	if n == 0 {
		return errProof // used already
	}
	return putKey(ctx, q, user, vault.ID, int(vault.PolicyVersion), Passphrase, r.Passphrase)
}

func (h *Handler) recover(c echo.Context) error {
	v := web.CurrentViewer(c)
	var r recoverRequest
	err := bind(c, &r)
	if err == nil {
		ctx := c.Request().Context()
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return Recover(ctx, q, v.ID, r) })
	}
	if err == nil {
		err = markActive(c, web.Calendar(c).Now)
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to recover the vault of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": URL + "?done=recovered"})
}
