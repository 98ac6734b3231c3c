package vault

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/vault"
)

var notices = map[string]string{
	"created":    "Your vault is set up and unlocked.",
	"locked":     "Locked on every device.",
	"passphrase": "Passphrase changed. The old one no longer unlocks the vault.",
	"codes":      "New recovery codes made. The old ones no longer work.",
	"recovered":  "Unlocked with a recovery code, and your new passphrase is set. That code is used up.",
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	page := views.PageData{UserID: v.ID.String(), Notice: notices[c.QueryParam("done")], MinLength: MinPassphrase,
		IdleSeconds: int(h.idle.Seconds()), Codes: RecoveryCodes, LowCodes: LowCodes}
	vault, err := load(ctx, h.q, v.ID)
	switch {
	case errors.Is(err, ErrNoVault):
		return web.Render(c, http.StatusOK, "Vault", views.Page(page))
	case err != nil:
		return fmt.Errorf("vault: unable to load the vault of %s: %w", v.ID, err)
	}
	left, err := h.q.CountRecoveryKeys(ctx, v.ID)
	if err != nil {
		return fmt.Errorf("vault: unable to count the recovery codes of %s: %w", v.ID, err)
	}
	page.Exists, page.VaultID, page.KID, page.Policy = true, vault.ID.String(), vault.Kid, int(vault.PolicyVersion)
	page.CodesLeft, page.LockedAt = int(left), web.LocalTime(c, vault.LockedAt)
	return web.Render(c, http.StatusOK, "Vault", views.Page(page))
}

// MinPassphrase is the shortest passphrase the island accepts.
const MinPassphrase = 12
