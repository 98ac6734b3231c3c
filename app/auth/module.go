// Package auth signs users in and out, walks new accounts through age
// verification, terms and approval, and tells every request who is asking.
package auth

import (
	"context"
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
	"ignition/app/module"
	"ignition/app/ratelimit"
	"ignition/app/session"
	"ignition/app/store"
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
	registry   *module.Registry
}

// NewHandler returns the auth handler over the app's shared parts.
func NewHandler(d module.Deps) *Handler {
	return &Handler{cfg: d.Config, logger: d.Logger, pool: d.Pool, q: d.Q, sessions: d.Sessions,
		signInRate: ratelimit.New(d.Q, d.Config.SignInRate, time.Minute), providers: newProviders(d.Config), registry: d.Registry}
}

// Module is accounts: sign-in, onboarding, approval and sign-out, and the
// sweep of expired sessions and finished rate-limit windows.
func Module(d module.Deps) module.Module {
	h := NewHandler(d)
	return module.Module{
		Name: "auth",
		Privacy: []module.Privacy{{Kind: "Your account", Readable: []string{
			"Email address and name, as your sign-in provider gives them, and which provider account you sign in with",
			"Sessions: the browser and system of each, when it began and when it was last used",
			"Age confirmation, terms accepted and whether an administrator approved the account"}}},
		Routes: func(r module.Router) {
			r.Public.GET("/", h.home)
			r.Public.GET("/signin", h.showSignIn)
			if h.cfg.DevSignIn() {
				r.Public.POST("/signin/dev", h.devSignInSubmit, h.limitSignIn)
			}
			r.Public.GET("/signin/:provider", h.oidcStart, h.limitSignIn)
			r.Public.GET("/auth/callback/:provider", h.oidcCallback)
			r.Private.GET("/onboarding/age", h.ageShow)
			r.Private.POST("/onboarding/age", h.ageSubmit)
			r.Private.GET("/onboarding/terms", h.termsShow)
			r.Private.POST("/onboarding/terms", h.termsSubmit)
			r.Private.GET("/pending", h.pendingShow)
			r.Private.POST("/signout", h.signOut)
			r.Private.POST("/signout/everywhere", h.signOutEverywhere)
		},
		Commands: []module.Command{{Label: "Sign out", Keywords: "log out leave", Action: "/signout"}},
		Jobs:     []module.Job{{Name: "sessions", Every: 10 * time.Minute, Run: h.sweep}},
	}
}

// sweep deletes expired sessions and finished rate-limit windows.
func (h *Handler) sweep(ctx context.Context, _ time.Time) error {
	n, err := h.sessions.DeleteExpired(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		h.logger.Info("janitor", "expired_sessions", n)
	}
	return h.signInRate.DeleteOld(ctx)
}

// LoadViewer is middleware that reads the session and, for a signed-in
// user, records the viewer for pages and logs. The modules' shell sources
// read what full pages show around them in the same round trip.
func LoadViewer(sessions *session.Store, cfg *config.Config, shell func() []web.ShellSource) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if slices.Contains(web.Plumbing, c.Path()) {
				// Assets, health and metrics serve everyone alike: a browser
				// sends its cookie with each, and none needs a session lookup.
				return next(c)
			}
			var fills []web.ShellFill
			var extra session.Extra
			if !web.IsFragmentRequest(c) {
				extra = func(b *store.Batch, hash []byte) {
					for _, source := range shell() {
						fills = append(fills, source(b, hash))
					}
				}
			}
			sess, err := sessions.Load(c.Request(), session.CookieName, extra)
			if err != nil {
				return err
			}
			web.SetSession(c, sess)
			owner, ok := session.OwnerOf(sess)
			if !ok {
				return next(c) // anonymous, or the account is gone
			}
			web.SetViewer(c, &web.Viewer{
				ID: owner.ID, Email: owner.Email, Name: owner.Name, Theme: owner.Theme, Zone: zoneOf(owner), WeekStart: time.Weekday(owner.WeekStart),
				Status: owner.Status, AgeVerified: owner.AgeVerified, TermsAccepted: owner.TermsAccepted,
				IsAdmin: owner.EmailVerified && cfg.IsAdmin(owner.Email),
			})
			web.SetShell(c, fills)
			c.Set(web.UserIDKey, owner.ID.String())
			return next(c)
		}
	}
}

// Gate is middleware that keeps everyone where they belong. Visitors reach
// only the public routes (keyed by route path, as the modules registered
// them) and are sent to sign in from anywhere else; every route is private
// unless registered public, so none is public by accident. A signed-in user
// who has not finished onboarding, or waits for approval, reaches only
// their stage's page and sign-out. A path that matches no route falls
// through to the 404 page.
func Gate(publicRoutes func() []string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			path := c.Path()
			if path == "" {
				return next(c)
			}
			public := publicRoutes()
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

func (h *Handler) session(c echo.Context) (*sessions.Session, error) { return web.Session(c) }

// LimitSignIn is middleware that refuses sign-in attempts past the
// per-address rate, for sign-in routes other packages register.
func (h *Handler) LimitSignIn(next echo.HandlerFunc) echo.HandlerFunc { return h.limitSignIn(next) }

// Ways a user proves who they are, as a session records its last one.
const (
	ByProvider = "provider" // an OpenID Connect provider's sign-in
	ByPasskey  = "passkey"
	ByDev      = "development" // the development sign-in, a provider's stand-in
)

// SignIn turns the session into a session of userID, proven by the way
// named, with a fresh session token and CSRF token, so tokens planted or
// seen before sign-in are worthless after it.
func (h *Handler) SignIn(c echo.Context, sess *sessions.Session, userID uuid.UUID, by string) error {
	session.SetUserID(sess, userID)
	session.SetAuthenticated(sess, time.Now(), by)
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
