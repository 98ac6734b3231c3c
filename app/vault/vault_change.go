package vault

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// changeRequest replaces the passphrase's wrapped KEK, or the whole set of
// recovery codes, proving first that the island holds the KEK.
type changeRequest struct {
	Proof      string `json:"proof"`
	Passphrase *key   `json:"passphrase,omitempty"`
	Recovery   []key  `json:"recovery,omitempty"`
}

// ChangePassphrase re-wraps the KEK under a new passphrase; the old blob is
// replaced.
func ChangePassphrase(ctx context.Context, q *db.Queries, user uuid.UUID, r changeRequest) error {
	vault, err := proven(ctx, q, user, r.Proof)
	if err != nil {
		return err
	}
	if r.Passphrase == nil || r.Recovery != nil {
		return errShape
	}
	return putKey(ctx, q, user, vault.ID, int(vault.PolicyVersion), Passphrase, *r.Passphrase)
}

// ReplaceRecovery makes a new set of recovery codes; every old code stops
// working.
func ReplaceRecovery(ctx context.Context, q *db.Queries, user uuid.UUID, r changeRequest) error {
	vault, err := proven(ctx, q, user, r.Proof)
	if err != nil {
		return err
	}
	if r.Passphrase != nil {
		return errShape
	}
	if err := checkRecovery(r.Recovery, user, vault.ID, int(vault.PolicyVersion)); err != nil {
		return err
	}
	if err := q.DeleteRecoveryKeys(ctx, user); err != nil {
		return err
	}
	for _, k := range r.Recovery {
		if err := putKey(ctx, q, user, vault.ID, int(vault.PolicyVersion), Recovery, k); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) changePassphrase(c echo.Context) error {
	return h.change(c, ChangePassphrase, "passphrase")
}

func (h *Handler) replaceRecovery(c echo.Context) error {
	return h.change(c, ReplaceRecovery, "codes")
}

func (h *Handler) change(c echo.Context, op func(context.Context, *db.Queries, uuid.UUID, changeRequest) error, done string) error {
	v := web.CurrentViewer(c)
	var r changeRequest
	err := bind(c, &r)
	if err == nil {
		ctx := c.Request().Context()
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return op(ctx, q, v.ID, r) })
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to change the %s of %s: %w", done, v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": URL + "?done=" + done})
}
