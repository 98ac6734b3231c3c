// Package auth signs users in and out and tells every request who is asking.
package auth

import (
	"net/http"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"ignition/app/ratelimit"
	"ignition/app/session"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Handler serves the sign-in and sign-out routes.
type Handler struct {
	q          *db.Queries
	sessions   *session.Store
	signInRate *ratelimit.Limiter
	devSignIn  bool
}

// NewHandler returns the auth handler. devSignIn enables the development
// sign-in form.
func NewHandler(q *db.Queries, sessions *session.Store, signInRate *ratelimit.Limiter, devSignIn bool) *Handler {
	return &Handler{q: q, sessions: sessions, signInRate: signInRate, devSignIn: devSignIn}
}

// PublicRoutes are the auth routes a visitor may reach.
var PublicRoutes = []string{"/", "/signin", "/signin/dev"}

// Register adds the auth routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/", h.home).Name = "home"
	e.GET("/signin", h.showSignIn).Name = "signin"
	if h.devSignIn {
		e.POST("/signin/dev", h.devSignInSubmit, h.limitSignIn).Name = "signin.dev"
	}
	e.POST("/signout", h.signOut).Name = "signout"
	e.POST("/signout/everywhere", h.signOutEverywhere).Name = "signout.everywhere"
}

// LoadViewer is middleware that reads the session and, for a signed-in
// user, records the viewer for pages and logs.
func (h *Handler) LoadViewer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, err := h.sessions.Get(c.Request(), session.CookieName)
		if err != nil {
			return err
		}
		owner, ok := session.OwnerOf(sess)
		if !ok {
			return next(c) // anonymous, or the account is gone
		}
		web.SetViewer(c, &web.Viewer{ID: owner.ID, Email: owner.Email, Name: owner.Name, Theme: owner.Theme})
		c.Set(web.UserIDKey, owner.ID.String())
		return next(c)
	}
}

// RequireUser is middleware that sends visitors without a session to the
// sign-in page, except on the public routes (keyed by route path). Every
// route is private unless listed: a new route cannot be public by accident.
// A path that matches no route falls through to the 404 page.
func RequireUser(public map[string]bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if web.CurrentViewer(c) != nil || public[c.Path()] || c.Path() == "" {
				return next(c)
			}
			return web.Redirect(c, "/signin")
		}
	}
}

func (h *Handler) home(c echo.Context) error {
	if web.CurrentViewer(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/today")
	}
	return c.Redirect(http.StatusSeeOther, "/signin")
}

// limitSignIn is middleware that refuses sign-in attempts past the
// per-address rate.
func (h *Handler) limitSignIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ok, wait, err := h.signInRate.Allow(c.Request().Context(), "signin:"+c.RealIP())
		if err != nil {
			return err
		}
		if !ok {
			return echo.NewHTTPError(http.StatusTooManyRequests, int(wait.Seconds())+1)
		}
		return next(c)
	}
}

func (h *Handler) session(c echo.Context) (*sessions.Session, error) {
	return h.sessions.Get(c.Request(), session.CookieName)
}
