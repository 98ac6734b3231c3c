package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/auth"
)

func (h *Handler) showSignIn(c echo.Context) error {
	if v := web.CurrentViewer(c); v != nil {
		return c.Redirect(http.StatusSeeOther, stageOf(v).Path())
	}
	return web.RenderBare(c, http.StatusOK, "Sign in", views.SignIn(h.providerButtons(), h.cfg.DevSignIn(), views.DevSignInForm{}, web.CSRFToken(c)))
}

// providerButtons lists the configured providers in configuration order.
func (h *Handler) providerButtons() []views.Provider {
	var out []views.Provider
	for _, p := range h.cfg.Providers {
		out = append(out, views.Provider{ID: p.ID, Name: p.Name})
	}
	return out
}
