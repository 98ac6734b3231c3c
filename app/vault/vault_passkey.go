package vault

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// passkeyKey gives the island the KEK wrapped for the passkey whose
// credential ID it names, once the passkey gave it its PRF output.
func (h *Handler) passkeyKey(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	credential := c.Param("credential")
	if kindOf(credential) != Passkey {
		return web.Problem(c, http.StatusNotFound, "This passkey does not unlock your vault.")
	}
	vault, ok, err := h.viewerVault(c)
	if !ok {
		return err
	}
	k, err := h.q.GetVaultKey(ctx, db.GetVaultKeyParams{UserID: v.ID, CredentialID: credential})
	if errors.Is(err, pgx.ErrNoRows) {
		return web.Problem(c, http.StatusNotFound, "This passkey does not unlock your vault (it may have been turned off). Use your passphrase.")
	}
	if err != nil {
		return fmt.Errorf("vault: unable to load a passkey key of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, answerOf(vault, credential, k.PolicyVersion, k.Iterations, k.Salt, k.Blob))
}

// passkeyRequest turns on unlocking with a passkey: which passkey, the
// proof that the KEK is open in this tab, and the KEK wrapped under the
// passkey's PRF output.
type passkeyRequest struct {
	PasskeyID string `json:"passkey_id"`
	Proof     string `json:"proof"`
	Key       key    `json:"key"`
}

// passkeyOn stores the KEK wrapped for one of the user's PRF passkeys; the
// key must name that passkey's credential.
func (h *Handler) passkeyOn(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var r passkeyRequest
	err := bind(c, &r)
	var vault db.GetVaultRow
	if err == nil {
		vault, err = proven(ctx, h.q, v.ID, r.Proof)
	}
	var salt, blob []byte
	if err == nil {
		salt, _, blob, err = r.Key.check(v.ID, vault.ID, int(vault.PolicyVersion), Passkey)
	}
	if done, answer := refuse(c, err); done {
		return answer
	}
	if err != nil {
		return fmt.Errorf("vault: unable to add a passkey key for %s: %w", v.ID, err)
	}
	id, err := uuid.Parse(r.PasskeyID)
	if err != nil {
		return web.Problem(c, http.StatusBadRequest, "The vault could not accept this request.")
	}
	keys, err := h.q.ListVaultPasskeys(ctx, v.ID)
	if err != nil {
		return fmt.Errorf("vault: unable to list the passkeys of %s: %w", v.ID, err)
	}
	var found *db.ListVaultPasskeysRow
	for i := range keys {
		if keys[i].ID == id {
			found = &keys[i]
		}
	}
	switch {
	case found == nil:
		return web.Problem(c, http.StatusNotFound, "That passkey is not one of yours (it may have been removed).")
	case !found.PrfEnabled:
		return web.Problem(c, http.StatusBadRequest, "That passkey cannot unlock the vault: it does not support the PRF extension.")
	case b64.EncodeToString(found.CredentialID) != r.Key.CredentialID:
		return web.Problem(c, http.StatusBadRequest, "The vault could not accept this request.")
	}
	if err := h.q.PutPasskeyVaultKey(ctx, db.PutPasskeyVaultKeyParams{UserID: v.ID, CredentialID: r.Key.CredentialID,
		PolicyVersion: vault.PolicyVersion, Salt: salt, Blob: blob, PasskeyID: id}); err != nil {
		return fmt.Errorf("vault: unable to add a passkey key for %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": URL + "?done=passkey-on"})
}

// passkeyOff stops a passkey unlocking the vault (it still signs in); the
// passphrase and codes are unchanged.
func (h *Handler) passkeyOff(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	n, err := h.q.DeletePasskeyVaultKey(c.Request().Context(), db.DeletePasskeyVaultKeyParams{UserID: v.ID, PasskeyID: uuid.NullUUID{UUID: id, Valid: true}})
	if err != nil {
		return fmt.Errorf("vault: unable to remove the passkey key %s of %s: %w", id, v.ID, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, URL+"?done=passkey-off")
}
