// Package passkey registers WebAuthn passkeys and signs in with them. The
// browser only carries the server's options to the WebAuthn API and the
// answers back; every check happens here.
package passkey

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/web"
)

// ceremonyKey keeps the pending ceremony in the session; ceremonyTTL bounds it.
const (
	ceremonyKey = "webauthn_ceremony"
	ceremonyTTL = 5 * time.Minute
)

// Handler serves the passkey routes.
type Handler struct {
	q    *db.Queries
	w    *webauthn.WebAuthn
	auth *auth.Handler
}

// Module is passkeys: registering them, and signing in with one. An app
// served at an IP address has none: WebAuthn binds passkeys to a domain.
func Module(d module.Deps) module.Module {
	m := module.Module{Name: "passkey", Privacy: []module.Privacy{{Kind: "Passkeys",
		Readable: []string{"Each passkey's public key, name, and when it was added and last used (its private key never leaves your device)"}}}}
	if !d.Config.PasskeysEnabled() {
		d.Logger.Warn("passkeys disabled: IGNITION_BASE_URL must name a domain, not an IP address")
		return m
	}
	w, err := webauthn.New(&webauthn.Config{
		RPDisplayName: "Ignition OS",
		RPID:          d.Config.BaseURL.Hostname(),
		RPOrigins:     []string{d.Config.BaseURL.Scheme + "://" + d.Config.BaseURL.Host},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: ceremonyTTL},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: ceremonyTTL},
		},
	})
	if err != nil {
		d.Logger.Error("passkeys disabled: invalid relying party", "error", err.Error())
		return m
	}
	h := &Handler{q: d.Q, w: w, auth: auth.NewHandler(d)}
	m.Routes = func(r module.Router) {
		r.Private.POST("/passkeys/register/begin", h.registerBegin)
		r.Private.POST("/passkeys/register/finish", h.registerFinish)
		r.Public.POST("/signin/passkey/begin", h.signInBegin, h.auth.LimitSignIn)
		r.Public.POST("/signin/passkey/finish", h.signInFinish, h.auth.LimitSignIn)
	}
	return m
}

// user adapts a user and their passkeys to what go-webauthn needs. The
// user handle is the user's ID: opaque, stable and not personal.
type user struct {
	id          uuid.UUID
	email, name string
	credentials []webauthn.Credential
}

func (u *user) WebAuthnID() []byte                         { return u.id[:] }
func (u *user) WebAuthnName() string                       { return u.email }
func (u *user) WebAuthnCredentials() []webauthn.Credential { return u.credentials }
func (u *user) WebAuthnDisplayName() string {
	if u.name != "" {
		return u.name
	}
	return u.email
}

// loadUser reads the user and their credentials.
func (h *Handler) loadUser(c echo.Context, id uuid.UUID) (*user, []db.Passkey, error) {
	ctx := c.Request().Context()
	u, err := h.q.GetUser(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	keys, err := h.q.ListPasskeys(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	out := &user{id: u.ID, email: u.Email, name: u.Name}
	for _, k := range keys {
		var cred webauthn.Credential
		if err := json.Unmarshal(k.Credential, &cred); err != nil {
			return nil, nil, fmt.Errorf("passkey: unreadable credential %s: %w", k.ID, err)
		}
		out.credentials = append(out.credentials, cred)
	}
	return out, keys, nil
}

// saveCeremony keeps the ceremony's challenge in the session.
func (h *Handler) saveCeremony(c echo.Context, data *webauthn.SessionData) error {
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	sess.Values[ceremonyKey] = string(b)
	return sess.Save(c.Request(), c.Response())
}

// takeCeremony removes the pending ceremony from the session: a challenge
// answers once.
func (h *Handler) takeCeremony(c echo.Context) (*webauthn.SessionData, error) {
	sess, err := web.Session(c)
	if err != nil {
		return nil, err
	}
	raw, _ := sess.Values[ceremonyKey].(string)
	delete(sess.Values, ceremonyKey)
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return nil, err
	}
	var data webauthn.SessionData
	if raw == "" || json.Unmarshal([]byte(raw), &data) != nil {
		return nil, errNoCeremony
	}
	return &data, nil
}

var errNoCeremony = errors.New("no passkey request is pending")

// problem answers a failed ceremony with a message the page shows.
func problem(c echo.Context, status int, message string) error {
	return c.JSON(status, map[string]string{"error": message})
}
