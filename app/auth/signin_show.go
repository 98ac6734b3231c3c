package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/auth"
)

func (h *Handler) showSignIn(c echo.Context) error {
	if web.CurrentViewer(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/today")
	}
	return web.RenderBare(c, http.StatusOK, "Sign in", views.SignIn(h.devSignIn, views.DevSignInForm{}, web.CSRFToken(c)))
}
