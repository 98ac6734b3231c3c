package settings

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

func (h *Handler) themeUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.ThemeForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderWithErrors(c, f, nil)
	}
	if err := h.q.SetTheme(c.Request().Context(), db.SetThemeParams{UserID: v.ID, Theme: f.Theme}); err != nil {
		return fmt.Errorf("settings: unable to set theme of %s: %w", v.ID, err)
	}
	return web.Redirect(c, web.LocalPath(f.ReturnTo, URL+"?saved=theme"))
}
