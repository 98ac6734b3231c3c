// Package auth signs users in and out, walks new accounts through age
// verification, terms and approval, and tells every request who is asking.
package auth

import (
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/config"
	"ignition/app/ratelimit"
	"ignition/app/session"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Handler serves the sign-in, onboarding and sign-out routes.
type Handler struct {
	cfg        *config.Config
	logger     *slog.Logger
	pool       *pgxpool.Pool
	q          *db.Queries
	sessions   *session.Store
	signInRate *ratelimit.Limiter
	providers  map[string]*provider
}

// NewHandler returns the auth handler.
func NewHandler(cfg *config.Config, logger *slog.Logger, pool *pgxpool.Pool, sessions *session.Store, signInRate *ratelimit.Limiter) *Handler {
	return &Handler{cfg: cfg, logger: logger, pool: pool, q: db.New(pool), sessions: sessions, signInRate: signInRate, providers: newProviders(cfg)}
}

// PublicRoutes are the auth routes a visitor may reach.
var PublicRoutes = []string{"/", "/signin", "/signin/dev", "/signin/:provider", "/auth/callback/:provider"}

// Register adds the auth routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/", h.home).Name = "home"
	e.GET("/signin", h.showSignIn).Name = "signin"
	if h.cfg.DevSignIn() {
		e.POST("/signin/dev", h.devSignInSubmit, h.limitSignIn).Name = "signin.dev"
	}
	e.GET("/signin/:provider", h.oidcStart, h.limitSignIn).Name = "signin.provider"
	e.GET("/auth/callback/:provider", h.oidcCallback).Name = "signin.callback"
	e.GET("/onboarding/age", h.ageShow).Name = "onboarding.age"
	e.POST("/onboarding/age", h.ageSubmit).Name = "onboarding.age.submit"
	e.GET("/onboarding/terms", h.termsShow).Name = "onboarding.terms"
	e.POST("/onboarding/terms", h.termsSubmit).Name = "onboarding.terms.submit"
	e.GET("/pending", h.pendingShow).Name = "pending"
	e.POST("/signout", h.signOut).Name = "signout"
	e.POST("/signout/everywhere", h.signOutEverywhere).Name = "signout.everywhere"
}

// LoadViewer is middleware that reads the session and, for a signed-in
// user, records the viewer for pages and logs.
func (h *Handler) LoadViewer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if slices.Contains(web.PublicRoutes, c.Path()) {
			// Assets, health and metrics serve everyone alike: a browser
			// sends its cookie with each, and none needs a session lookup.
			return next(c)
		}
		sess, err := h.sessions.Get(c.Request(), session.CookieName)
		if err != nil {
			return err
		}
		owner, ok := session.OwnerOf(sess)
		if !ok {
			return next(c) // anonymous, or the account is gone
		}
		web.SetViewer(c, &web.Viewer{
			ID: owner.ID, Email: owner.Email, Name: owner.Name, Theme: owner.Theme, Zone: zoneOf(owner), WeekStart: time.Weekday(owner.WeekStart),
			Status: owner.Status, AgeVerified: owner.AgeVerified, TermsAccepted: owner.TermsAccepted,
			IsAdmin: owner.EmailVerified && h.cfg.IsAdmin(owner.Email),
			Skin:    owner.Skin, Accent: owner.Accent, Badge: owner.Badge, Title: owner.Title,
			Focusing: owner.Focusing,
		})
		c.Set(web.UserIDKey, owner.ID.String())
		return next(c)
	}
}

// Gate is middleware that keeps everyone where they belong. Visitors reach
// only the public routes (keyed by route path) and are sent to sign in from
// anywhere else; every route is private unless listed, so none is public by
// accident. A signed-in user who has not finished onboarding, or waits for
// approval, reaches only their stage's page and sign-out. A path that
// matches no route falls through to the 404 page.
func Gate(public []string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			path := c.Path()
			if path == "" {
				return next(c)
			}
			v := web.CurrentViewer(c)
			if v == nil {
				if slices.Contains(public, path) {
					return next(c)
				}
				return web.Redirect(c, "/signin")
			}
			stage := stageOf(v)
			if stage == StageActive || path == stage.Path() || path == "/signout" || slices.Contains(public, path) {
				return next(c)
			}
			return web.Redirect(c, stage.Path())
		}
	}
}

func stageOf(v *web.Viewer) Stage { return StageOf(v.AgeVerified, v.TermsAccepted, v.Status) }

func (h *Handler) home(c echo.Context) error {
	if v := web.CurrentViewer(c); v != nil {
		return c.Redirect(http.StatusSeeOther, stageOf(v).Path())
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

// Session returns the request's session.
func (h *Handler) Session(c echo.Context) (*sessions.Session, error) { return h.session(c) }

// LimitSignIn is middleware that refuses sign-in attempts past the
// per-address rate, for sign-in routes other packages register.
func (h *Handler) LimitSignIn(next echo.HandlerFunc) echo.HandlerFunc { return h.limitSignIn(next) }

// SignIn turns the session into a session of userID with a fresh session
// token and CSRF token, so tokens planted or seen before sign-in are
// worthless after it.
func (h *Handler) SignIn(c echo.Context, sess *sessions.Session, userID uuid.UUID) error {
	session.SetUserID(sess, userID)
	session.SetAuthenticatedAt(sess, time.Now())
	if err := h.sessions.Rotate(c.Request(), c.Response(), sess); err != nil {
		return err
	}
	web.RotateCSRF(c)
	return nil
}

// zoneOf returns the owner's time zone with the change to it still taking
// effect.
func zoneOf(o session.Owner) calendar.Zone {
	z := calendar.Fixed(calendar.Location(o.TimeZone))
	if o.PreviousTimeZone != "" && !o.TimeZoneSwitch.IsZero() {
		z.Previous, z.Switch = calendar.Location(o.PreviousTimeZone), o.TimeZoneSwitch
	}
	return z
}
