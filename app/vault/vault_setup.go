package vault

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Policy is the crypto policy new vaults use.
const Policy = 1

// setupRequest is a new vault as the island made it: its ID and key ID, the
// unlock proof, the KEK wrapped under the passphrase and under each
// recovery code.
type setupRequest struct {
	VaultID    uuid.UUID `json:"vault_id"`
	KID        string    `json:"kid"`
	Policy     int       `json:"policy_version"`
	Proof      string    `json:"proof"`
	Passphrase key       `json:"passphrase"`
	Recovery   []key     `json:"recovery"`
}

// ErrExists refuses to set up a second vault.
var ErrExists = errors.New("vault: already set up")

// Setup stores a new vault for user, unlocked as of now.
func Setup(ctx context.Context, q *db.Queries, user uuid.UUID, r setupRequest, now time.Time) error {
	if r.Policy != Policy || r.VaultID == uuid.Nil || !kidPattern.MatchString(r.KID) {
		return errShape
	}
	proof, err := bytesOf(r.Proof, 32)
	if err != nil {
		return err
	}
	if err := checkRecovery(r.Recovery, user, r.VaultID, r.Policy); err != nil {
		return err
	}
	hash := sha256.Sum256(proof)
	n, err := q.CreateVault(ctx, db.CreateVaultParams{UserID: user, ID: r.VaultID, PolicyVersion: int16(r.Policy), Kid: r.KID, ProofHash: hash[:], LockedAt: now.Add(-time.Second)})
	if err != nil {
		return err
	}
	if n == 0 {
		if _, err := load(ctx, q, user); errors.Is(err, ErrNoVault) {
			return errShape // the vault ID is another user's
		}
		return ErrExists
	}
	if err := putKey(ctx, q, user, r.VaultID, r.Policy, Passphrase, r.Passphrase); err != nil {
		return err
	}
	for _, k := range r.Recovery {
		if err := putKey(ctx, q, user, r.VaultID, r.Policy, Recovery, k); err != nil {
			return err
		}
	}
	return nil
}

// putKey stores one wrapped KEK of the user's vault.
func putKey(ctx context.Context, q *db.Queries, user, vaultID uuid.UUID, policy int, kind string, k key) error {
	salt, lookup, blob, err := k.check(user, vaultID, policy, kind)
	if err != nil {
		return err
	}
	return q.PutVaultKey(ctx, db.PutVaultKeyParams{UserID: user, CredentialID: k.CredentialID, Kind: kind,
		PolicyVersion: int16(policy), Salt: salt, Blob: blob, Lookup: lookup})
}

func (h *Handler) setup(c echo.Context) error {
	v := web.CurrentViewer(c)
	var r setupRequest
	err := bind(c, &r)
	if err == nil {
		ctx := c.Request().Context()
		now := web.Calendar(c).Now
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return Setup(ctx, q, v.ID, r, now) })
		if err == nil {
			err = markActive(c, now)
		}
	}
	if errors.Is(err, ErrExists) {
		return web.Problem(c, http.StatusConflict, "This account already has a vault.")
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to set up the vault of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": URL + "?done=created"})
}

// load reads the user's vault, or ErrNoVault.
// viewerVault loads the viewer's vault; when ok is false it answered
// instead (no vault: 404) or failed, and err is what to return.
func (h *Handler) viewerVault(c echo.Context) (vault db.GetVaultRow, ok bool, err error) {
	v := web.CurrentViewer(c)
	vault, err = load(c.Request().Context(), h.q, v.ID)
	if done, answer := refuse(c, err); done {
		return vault, false, answer
	}
	if err != nil {
		return vault, false, fmt.Errorf("vault: unable to load the vault of %s: %w", v.ID, err)
	}
	return vault, true, nil
}

func load(ctx context.Context, q *db.Queries, user uuid.UUID) (db.GetVaultRow, error) {
	vault, err := q.GetVault(ctx, user)
	if errors.Is(err, pgx.ErrNoRows) {
		return vault, ErrNoVault
	}
	return vault, err
}
