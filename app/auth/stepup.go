package auth

import (
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/session"
	"ignition/app/web"
)

// StepUpWindow is how recent a sign-in must be for a sensitive operation.
const StepUpWindow = 5 * time.Minute

// RecentlyAuthenticated reports whether the viewer proved who they are
// (a provider sign-in, or a passkey) within the step-up window.
func (h *Handler) RecentlyAuthenticated(c echo.Context) (bool, error) {
	sess, err := h.session(c)
	if err != nil {
		return false, err
	}
	at, ok := session.AuthenticatedAt(sess)
	return ok && time.Since(at) < StepUpWindow, nil
}

// ReauthLink is a way to prove identity again: a link, or with Passkey a
// passkey ceremony whose answer goes to Href.
type ReauthLink struct {
	Label   string
	Href    string
	Passkey bool
}

// ReauthLinks lists the ways the viewer can sign in again and come back to
// next: a passkey if they have one, each configured provider they have
// signed in with, and the development sign-in where it is enabled.
func (h *Handler) ReauthLinks(c echo.Context, next string) ([]ReauthLink, error) {
	identities, err := h.q.ListUserIdentities(c.Request().Context(), web.CurrentViewer(c).ID)
	if err != nil {
		return nil, err
	}
	var links []ReauthLink
	passkeys, err := h.q.ListPasskeys(c.Request().Context(), web.CurrentViewer(c).ID)
	if err != nil {
		return nil, err
	}
	if len(passkeys) > 0 {
		links = append(links, ReauthLink{Label: "Confirm with a passkey", Href: "/signin/passkey/finish?next=" + url.QueryEscape(next), Passkey: true})
	}
	for _, p := range h.cfg.Providers {
		for _, id := range identities {
			if id.Provider == p.ID {
				links = append(links, ReauthLink{Label: "Confirm with " + p.Name, Href: "/signin/" + p.ID + "?next=" + url.QueryEscape(next)})
				break
			}
		}
	}
	if h.cfg.DevSignIn() {
		links = append(links, ReauthLink{Label: "Confirm with the development sign-in", Href: "/signin?next=" + url.QueryEscape(next)})
	}
	return links, nil
}
