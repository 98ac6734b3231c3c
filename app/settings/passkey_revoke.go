package settings

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// passkeyRevoke removes one of the user's passkeys: it can no longer sign in.
func (h *Handler) passkeyRevoke(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	n, err := h.q.DeletePasskey(c.Request().Context(), db.DeletePasskeyParams{UserID: web.CurrentViewer(c).ID, ID: id})
	if err != nil {
		return fmt.Errorf("settings: unable to remove passkey %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, SecurityURL+"?done=removed")
}
