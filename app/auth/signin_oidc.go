package auth

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"golang.org/x/oauth2"

	"ignition/app/web"
	views "ignition/views/auth"
)

// flowTTL is how long a started provider sign-in may take.
const flowTTL = 10 * time.Minute

// The session keys of a provider sign-in in progress.
const (
	flowProvider = "oidc_provider"
	flowState    = "oidc_state"
	flowNonce    = "oidc_nonce"
	flowVerifier = "oidc_verifier"
	flowStarted  = "oidc_started"
	flowNext     = "oidc_next"
)

// oidcStart sends the browser to the provider with a fresh state, nonce and
// PKCE verifier, kept in the session for the callback.
func (h *Handler) oidcStart(c echo.Context) error {
	p, ok := h.providers[c.Param("provider")]
	if !ok {
		return echo.ErrNotFound
	}
	oauthCfg, _, err := p.discover(c.Request().Context())
	if err != nil {
		h.logger.Warn("provider discovery failed", "provider", p.ID, "request_id", web.RequestID(c), "error", err.Error())
		return h.signInProblem(c, http.StatusServiceUnavailable, "Sign-in unavailable",
			"We could not reach "+p.Name+". Try again in a moment.")
	}
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	state, nonce, verifier := randomToken(32), randomToken(32), oauth2.GenerateVerifier()
	sess.Values[flowProvider] = p.ID
	sess.Values[flowState] = state
	sess.Values[flowNonce] = nonce
	sess.Values[flowVerifier] = verifier
	sess.Values[flowStarted] = strconv.FormatInt(time.Now().Unix(), 10)
	sess.Values[flowNext] = web.LocalPath(c.QueryParam("next"), "/")
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, oauthCfg.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)))
}

// oidcCallback finishes a provider sign-in: the state must match the one
// this browser started with, the code is exchanged with the PKCE verifier,
// and the ID token must verify and carry the nonce. The flow is consumed
// whatever happens, so a callback URL works once.
func (h *Handler) oidcCallback(c echo.Context) error {
	p, ok := h.providers[c.Param("provider")]
	if !ok {
		return echo.ErrNotFound
	}
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	flow := takeFlow(sess)
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if c.QueryParam("error") != "" {
		return h.signInProblem(c, http.StatusBadRequest, "Sign-in cancelled",
			p.Name+" did not sign you in. You can try again.")
	}
	if flow[flowProvider] != p.ID || flow[flowState] == "" || !flow.fresh() ||
		subtle.ConstantTimeCompare([]byte(c.QueryParam("state")), []byte(flow[flowState])) != 1 {
		return h.signInProblem(c, http.StatusBadRequest, "Sign-in link expired",
			"This sign-in did not start in this browser, took too long, or was already used. Start again.")
	}
	oauthCfg, _, err := p.discover(ctx)
	if err != nil {
		return h.signInProblem(c, http.StatusServiceUnavailable, "Sign-in unavailable", "We could not reach "+p.Name+". Try again in a moment.")
	}
	tok, err := oauthCfg.Exchange(ctx, c.QueryParam("code"), oauth2.VerifierOption(flow[flowVerifier]))
	if err != nil {
		return h.signInProblem(c, http.StatusBadRequest, "Sign-in not confirmed",
			p.Name+" did not confirm this sign-in: the code was invalid or already used. Start again.")
	}
	rawIDToken, _ := tok.Extra("id_token").(string)
	claims, err := p.verify(ctx, rawIDToken, flow[flowNonce])
	if err != nil {
		return h.signInProblem(c, http.StatusBadRequest, "Sign-in not verified",
			"The answer from "+p.Name+" could not be verified, so you were not signed in. Start again.")
	}
	userID, err := h.resolveAccount(ctx, p.ID, claims)
	switch {
	case errors.Is(err, errSignupBlocked):
		return h.signInProblem(c, http.StatusForbidden, "Sign-in blocked",
			"This account was refused because its holder is under "+strconv.Itoa(MinimumAge)+". Ignition OS keeps no other details about it.")
	case errors.Is(err, errNoEmail):
		return h.signInProblem(c, http.StatusBadRequest, "Email needed",
			p.Name+" did not share an email address. Allow access to your email address and try again.")
	case errors.Is(err, errEmailTaken):
		return h.signInProblem(c, http.StatusConflict, "Account exists",
			"An account with this email already exists. Sign in the way you did before.")
	case err != nil:
		return err
	}
	if err := h.SignIn(c, sess, userID, ByProvider); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, web.LocalPath(flow[flowNext], "/"))
}

// flowValues is a provider sign-in taken out of the session.
type flowValues map[string]string

func takeFlow(sess *sessions.Session) flowValues {
	f := flowValues{}
	for _, k := range []string{flowProvider, flowState, flowNonce, flowVerifier, flowStarted, flowNext} {
		if v, ok := sess.Values[k].(string); ok {
			f[k] = v
		}
		delete(sess.Values, k)
	}
	return f
}

func (f flowValues) fresh() bool {
	started, err := strconv.ParseInt(f[flowStarted], 10, 64)
	return err == nil && time.Since(time.Unix(started, 0)) < flowTTL
}

func (h *Handler) signInProblem(c echo.Context, status int, title, message string) error {
	return web.RenderBare(c, status, title, views.SignInProblem(title, message))
}
