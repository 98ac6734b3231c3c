package settings

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/layout"
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

// themeCommands are the palette's actions that switch the theme.
func themeCommands() []module.Command {
	out := make([]module.Command, len(layout.Themes))
	for i, t := range layout.Themes {
		out[i] = module.Command{Label: "Switch to the " + strings.ToLower(t.Label) + " theme", Keywords: "theme appearance dark light colours",
			Action: URL + "/theme", Fields: [][2]string{{"theme", t.Value}}}
	}
	return out
}
