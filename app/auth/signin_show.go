package auth

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/auth"
)

func (h *Handler) showSignIn(c echo.Context) error {
	next := web.LocalPath(c.QueryParam("next"), "")
	v := web.CurrentViewer(c)
	if v != nil && (next == "" || stageOf(v) != StageActive) {
		return c.Redirect(http.StatusSeeOther, stageOf(v).Path())
	}
	// A signed-in user arrives here with next to confirm who they are.
	return web.RenderBare(c, http.StatusOK, "Sign in", views.SignIn(views.SignInData{Providers: h.providerButtons(next), Passkeys: h.cfg.PasskeysEnabled(), Dev: h.cfg.DevSignIn(), Form: views.DevSignInForm{Next: next}, Notice: notice(c)}))
}

// providerButtons lists the configured providers in configuration order.
func (h *Handler) providerButtons(next string) []views.Provider {
	var out []views.Provider
	for _, p := range h.cfg.Providers {
		href := "/signin/" + p.ID
		if next != "" {
			href += "?next=" + url.QueryEscape(next)
		}
		out = append(out, views.Provider{Name: p.Name, Href: href})
	}
	return out
}

// notice is the message a redirect to the sign-in page asked for.
func notice(c echo.Context) string {
	switch {
	case c.QueryParam("deleted") == "1":
		return "Your account and everything in it have been deleted."
	}
	return ""
}
