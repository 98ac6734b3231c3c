package vault

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/vault"
)

var notices = map[string]string{
	"created":     "Your vault is set up and unlocked.",
	"locked":      "Locked on every device.",
	"passphrase":  "Passphrase changed. The old one no longer unlocks the vault.",
	"codes":       "New recovery codes made. The old ones no longer work.",
	"recovered":   "Unlocked with a recovery code, and your new passphrase is set. That code is used up.",
	"passkey-on":  "That passkey now unlocks your vault.",
	"passkey-off": "That passkey no longer unlocks your vault; it still signs you in.",
	"rotated":     "Your vault has a new key: the old one, your old recovery codes and passkey unlocks no longer open it. Turn passkeys on again below.",
	"reset":       "Your vault was reset: everything it encrypted is deleted, on every device. Set up a new vault below.",
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	page := views.PageData{UserID: v.ID.String(), Notice: notices[c.QueryParam("done")], MinLength: MinPassphrase,
		IdleSeconds: int(h.idle.Seconds()), Codes: RecoveryCodes, LowCodes: LowCodes}
	var b store.Batch
	var vault db.GetVaultRow
	var exists bool
	var left int32
	var passkeys []db.ListVaultPasskeysRow
	store.Maybe(&b, db.GetVault, &vault, &exists, v.ID)
	store.One(&b, db.CountRecoveryKeys, &left, v.ID)
	store.Many(&b, db.ListVaultPasskeys, &passkeys, v.ID)
	if err := b.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("vault: unable to load the vault of %s: %w", v.ID, err)
	}
	if !exists {
		return web.Render(c, http.StatusOK, "Vault", views.Page(page))
	}
	for _, p := range passkeys {
		page.Passkeys = append(page.Passkeys, views.Passkey{ID: p.ID.String(), Name: p.Name, Credential: b64.EncodeToString(p.CredentialID), PRF: p.PrfEnabled, Unlocks: p.Unlocks})
	}
	page.Exists, page.VaultID, page.KID, page.Policy = true, vault.ID.String(), vault.Kid, int(vault.PolicyVersion)
	page.CodesLeft, page.LockedAt = int(left), web.LocalTime(c, vault.LockedAt)
	return web.Render(c, http.StatusOK, "Vault", views.Page(page))
}

// MinPassphrase is the shortest passphrase the island accepts.
const MinPassphrase = 12
