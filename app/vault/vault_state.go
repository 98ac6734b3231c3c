package vault

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/store/db"
	"ignition/app/web"
)

// activeKey is when the session last unlocked the vault or was seen in use
// with it unlocked. The session may write encrypted content while that is
// after the vault's last lock anywhere and within the idle limit.
const activeKey = "vault_active_at"

// Unlocked reports whether the request's session may write encrypted
// content (E2EE.md, Lock): it unlocked the vault after the vault last
// locked anywhere, and has not been idle longer than idle since.
func Unlocked(c echo.Context, q *db.Queries, idle time.Duration) (bool, error) {
	vault, err := load(c.Request().Context(), q, web.CurrentViewer(c).ID)
	if errors.Is(err, ErrNoVault) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	sess, err := web.Session(c)
	if err != nil {
		return false, err
	}
	return activeSince(sess, vault.LockedAt, web.Calendar(c).Now, idle), nil
}

func activeSince(sess *sessions.Session, lockedAt, now time.Time, idle time.Duration) bool {
	s, ok := sess.Values[activeKey].(string)
	if !ok {
		return false
	}
	at, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && at.After(lockedAt) && now.Sub(at) < idle
}

// markActive records that the session holds the unlocked vault at now: on
// unlock, and while the user keeps working.
func markActive(c echo.Context, now time.Time) error {
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	sess.Values[activeKey] = now.UTC().Format(time.RFC3339Nano)
	return sess.Save(c.Request(), c.Response())
}

// Lock locks the user's vault on every device at now; ErrNoVault when the
// user has none.
func Lock(ctx context.Context, q *db.Queries, user uuid.UUID, now time.Time) error {
	n, err := q.LockVault(ctx, db.LockVaultParams{UserID: user, Now: now})
	if err == nil && n == 0 {
		return ErrNoVault
	}
	if err != nil {
		return err
	}
	return live.Announce(ctx, q, user, live.Vault)
}

// lock locks the vault on every device: the user's "Lock now".
func (h *Handler) lock(c echo.Context) error {
	v := web.CurrentViewer(c)
	err := Lock(c.Request().Context(), h.q, v.ID, web.Calendar(c).Now)
	if errors.Is(err, ErrNoVault) && c.Request().Header.Get("Accept") != "application/json" {
		return web.Redirect(c, URL) // a form (the palette's) leads to setting one up
	}
	if errors.Is(err, ErrNoVault) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("vault: unable to lock the vault of %s: %w", v.ID, err)
	}
	if c.Request().Header.Get("Accept") != "application/json" {
		return web.Redirect(c, URL+"?done=locked")
	}
	return c.JSON(http.StatusOK, map[string]bool{"locked": true})
}

type stateRequest struct {
	Active bool `json:"active"` // the user worked in the tab since its last poll
}

// state tells a polling tab whether its session may still hold the key (a
// lock on any device locks every tab within one poll) and keeps an active
// session from going idle.
func (h *Handler) state(c echo.Context) error {
	var r stateRequest
	err := bind(c, &r)
	if done, answer := refuse(c, err); done {
		return answer
	}
	unlocked, err := Unlocked(c, h.q, h.idle)
	if err == nil && unlocked && r.Active {
		err = markActive(c, web.Calendar(c).Now)
	}
	if err != nil {
		return fmt.Errorf("vault: unable to read the lock state: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]bool{"unlocked": unlocked})
}
