// Package settings serves the user's preferences.
package settings

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

// Handler serves the settings routes.
type Handler struct {
	q *db.Queries
}

// NewHandler returns the settings handler.
func NewHandler(q *db.Queries) *Handler { return &Handler{q: q} }

// Register adds the settings routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/settings", h.show).Name = "settings"
	e.POST("/settings/theme", h.themeUpdate).Name = "settings.theme"
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	saved := c.QueryParam("saved") == "theme"
	return web.Render(c, http.StatusOK, "Settings", views.Page(views.ThemeForm{Theme: v.Theme}, saved, web.CSRFToken(c)))
}

func (h *Handler) themeUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.ThemeForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return web.Render(c, http.StatusUnprocessableEntity, "Settings", views.Page(f, false, web.CSRFToken(c)))
	}
	if err := h.q.SetTheme(c.Request().Context(), db.SetThemeParams{UserID: v.ID, Theme: f.Theme}); err != nil {
		return fmt.Errorf("settings: unable to set theme of %s: %w", v.ID, err)
	}
	return web.Redirect(c, web.LocalPath(f.ReturnTo, "/settings?saved=theme"))
}
