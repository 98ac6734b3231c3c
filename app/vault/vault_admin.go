package vault

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/vault"
)

// adminList shows administrators who has a vault and when it last locked:
// never anything of its content, which the server cannot read.
func (h *Handler) adminList(c echo.Context) error {
	rows, err := h.q.ListVaultOwners(c.Request().Context())
	if err != nil {
		return fmt.Errorf("vault: unable to list vaults: %w", err)
	}
	owners := make([]views.Owner, len(rows))
	for i, r := range rows {
		owners[i] = views.Owner{ID: r.ID.String(), Email: r.Email, CreatedAt: web.LocalTime(c, r.CreatedAt), LockedAt: web.LocalTime(c, r.LockedAt)}
	}
	return web.Render(c, http.StatusOK, "Vaults", views.Admin(owners, c.QueryParam("done") == "locked"))
}

// adminLock force-locks a user's vault on every device (a lost phone, a
// worry): each tab drops the key at its next poll.
func (h *Handler) adminLock(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	err = Lock(c.Request().Context(), h.q, id, web.Calendar(c).Now)
	if errors.Is(err, ErrNoVault) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("vault: unable to force-lock the vault of %s: %w", id, err)
	}
	return web.Redirect(c, AdminURL+"?done=locked")
}
