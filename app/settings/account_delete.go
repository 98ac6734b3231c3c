package settings

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/web"
	views "ignition/views/settings"
)

// accountDelete deletes the account and everything in it. It needs a
// sign-in within the step-up window and the account's email typed out.
func (h *Handler) accountDelete(c echo.Context) error {
	v := web.CurrentViewer(c)
	fresh, err := h.auth.RecentlyAuthenticated(c)
	if err != nil {
		return err
	}
	var f views.DeleteAccountForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if !fresh {
		return h.renderAccount(c, http.StatusForbidden, f)
	}
	f.Errors = form.Validate(f)
	if !f.Errors.Any() && !strings.EqualFold(f.Confirm, v.Email) {
		f.Errors["confirm"] = "That is not your account's email. Nothing was deleted."
	}
	if f.Errors.Any() {
		return h.renderAccount(c, http.StatusUnprocessableEntity, f)
	}
	if err := h.q.DeleteUser(c.Request().Context(), v.ID); err != nil {
		return fmt.Errorf("settings: unable to delete user %s: %w", v.ID, err)
	}
	if err := h.auth.EndSession(c); err != nil {
		return err
	}
	return web.Redirect(c, "/signin?deleted=1")
}
