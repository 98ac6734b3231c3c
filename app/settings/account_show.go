package settings

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/settings"
)

func (h *Handler) accountShow(c echo.Context) error {
	return h.renderAccount(c, http.StatusOK, views.DeleteAccountForm{})
}

func (h *Handler) renderAccount(c echo.Context, status int, f views.DeleteAccountForm) error {
	fresh, err := h.auth.RecentlyAuthenticated(c)
	if err != nil {
		return err
	}
	links, err := h.auth.ReauthLinks(c, AccountURL)
	if err != nil {
		return err
	}
	reauth := make([]views.Reauth, len(links))
	for i, l := range links {
		reauth[i] = views.Reauth{Label: l.Label, Href: l.Href, Passkey: l.Passkey}
	}
	return web.Render(c, status, "Account", views.Account(views.AccountData{Form: f, Email: web.CurrentViewer(c).Email, Fresh: fresh, Reauth: reauth}))
}
