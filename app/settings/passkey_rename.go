package settings

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

// passkeyRename names one of the user's passkeys.
func (h *Handler) passkeyRename(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	f := views.RenamePasskeyForm{ID: id.String()}
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderSecurity(c, http.StatusUnprocessableEntity, "", f)
	}
	n, err := h.q.RenamePasskey(c.Request().Context(), db.RenamePasskeyParams{UserID: v.ID, ID: id, Name: f.Name})
	if err != nil {
		return fmt.Errorf("settings: unable to rename passkey %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, SecurityURL+"?done=renamed")
}
