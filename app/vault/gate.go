package vault

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Current is the vault a gated request writes to.
type Current struct {
	ID  uuid.UUID
	KID string
}

const currentKey = "vault.current"

// Of returns the vault the Gate let the request through to.
func Of(c echo.Context) Current {
	v, _ := c.Get(currentKey).(Current)
	return v
}

// Gate guards the routes that write encrypted content: only a session
// that unlocked the vault (since its last lock anywhere, and not idle
// since) may write, anyone else gets 423 and the page keeps what was typed.
type Gate struct {
	q    *db.Queries
	idle time.Duration
}

// NewGate returns the gate of the app's vault policy.
func NewGate(d module.Deps) Gate { return Gate{q: d.Q, idle: d.Config.VaultIdle} }

// LockedMessage is what a locked write answers.
const LockedMessage = "Your vault is locked. Unlock it to save: what you typed is still here."

// Require is middleware for an encrypted write. It keeps the session
// active, so working in the app keeps it unlocked.
func (g Gate) Require(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := web.CurrentViewer(c)
		vault, err := load(c.Request().Context(), g.q, v.ID)
		if err != nil && !errors.Is(err, ErrNoVault) {
			return fmt.Errorf("vault: unable to load the vault of %s: %w", v.ID, err)
		}
		sess, serr := web.Session(c)
		if serr != nil {
			return serr
		}
		now := web.Calendar(c).Now
		if err != nil || !activeSince(sess, vault.LockedAt, now, g.idle) {
			c.Response().Header().Set("HX-Reswap", "none") // the form stays as typed
			return c.String(http.StatusLocked, LockedMessage)
		}
		if err := markActive(c, now); err != nil {
			return fmt.Errorf("vault: unable to keep the session of %s active: %w", v.ID, err)
		}
		c.Set(currentKey, Current{ID: vault.ID, KID: sealingKID(vault)})
		return next(c)
	}
}
