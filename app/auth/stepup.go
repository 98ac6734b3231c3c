package auth

import (
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/session"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// StepUpWindow is how recent a sign-in must be for a sensitive operation.
const StepUpWindow = 5 * time.Minute

// RecentlyAuthenticated reports whether the viewer proved who they are
// (a provider sign-in, or a passkey) within the step-up window.
func (h *Handler) RecentlyAuthenticated(c echo.Context) (bool, error) {
	return h.recently(c, ByProvider, ByPasskey, ByDev)
}

// RecentlyAuthenticatedByProvider reports whether the viewer signed in
// with their identity provider (or the development sign-in standing in for
// one) within the step-up window: a passkey does not count, for what must
// not rest on a device alone (a vault reset).
func (h *Handler) RecentlyAuthenticatedByProvider(c echo.Context) (bool, error) {
	return h.recently(c, ByProvider, ByDev)
}

func (h *Handler) recently(c echo.Context, ways ...string) (bool, error) {
	sess, err := h.session(c)
	if err != nil {
		return false, err
	}
	at, ok := session.AuthenticatedAt(sess)
	return ok && time.Since(at) < StepUpWindow && slices.Contains(ways, session.AuthenticatedBy(sess)), nil
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
	var b store.Batch
	links := h.QueueReauthLinks(&b, web.CurrentViewer(c).ID, next)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return nil, fmt.Errorf("auth: unable to list the ways to sign in again: %w", err)
	}
	return links(), nil
}

// QueueReauthLinks adds the reads ReauthLinks needs to b, for a page that
// reads more in the same round trip; what it returns lists the links once
// b is sent.
func (h *Handler) QueueReauthLinks(b *store.Batch, user uuid.UUID, next string) func() []ReauthLink {
	var identities []db.Identity
	var passkeys []db.Passkey
	store.Many(b, db.ListUserIdentities, &identities, user)
	store.Many(b, db.ListPasskeys, &passkeys, user)
	return func() []ReauthLink {
		var links []ReauthLink
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
		return links
	}
}
