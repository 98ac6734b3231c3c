// Package server wires the domains into one HTTP handler. The binary and the
// tests build the app the same way through New.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/admin"
	"ignition/app/auth"
	"ignition/app/config"
	"ignition/app/focus"
	"ignition/app/goals"
	"ignition/app/graph"
	"ignition/app/habits"
	"ignition/app/market"
	"ignition/app/passkey"
	"ignition/app/progress"
	"ignition/app/quests"
	"ignition/app/ratelimit"
	"ignition/app/seed"
	"ignition/app/session"
	"ignition/app/settings"
	"ignition/app/store/db"
	"ignition/app/today"
	"ignition/app/web"
)

// Seeds are the built-in content sets `ignition seed` loads, in order.
var Seeds = []seed.Set{quests.Seed, market.Seed}

// App is the assembled application.
type App struct {
	Handler  http.Handler
	Echo     *echo.Echo
	Sessions *session.Store
	Graph    *graph.Graph // nil without Neo4j
	// Exposures writes Today's decision_exposed records in the background.
	Exposures *today.Exposures
	// TelemetryKeep is how long decision telemetry is kept (0: forever).
	TelemetryKeep time.Duration
	signIn        *ratelimit.Limiter
	q             *db.Queries
	logger        *slog.Logger
}

// New builds the application over pool.
func New(cfg *config.Config, pool *pgxpool.Pool, logger *slog.Logger) (*App, error) {
	q := db.New(pool)
	sessions := session.NewStore(q, session.Options{
		Idle: cfg.SessionIdle, Max: cfg.SessionMax,
		CookieDomain: cfg.CookieDomain, SecureCookie: cfg.SecureCookies(),
	})
	signIn := ratelimit.New(q, cfg.SignInRate, time.Minute)

	e := web.NewEcho(cfg, logger, pool, web.NewMetrics())
	authHandler := auth.NewHandler(cfg, logger, pool, sessions, signIn)
	public := slices.Concat(web.PublicRoutes, auth.PublicRoutes, passkey.PublicRoutes)
	e.Use(authHandler.LoadViewer, auth.Gate(public))

	authHandler.Register(e)
	questsHandler := quests.NewHandler(pool)
	var g *graph.Graph
	if cfg.Neo4jURL != "" {
		var err error
		if g, err = graph.Open(cfg.Neo4jURL, cfg.Neo4jTimeout, logger); err != nil {
			return nil, err
		}
	}
	exposures := today.NewExposures(q, logger)
	today.NewHandler(pool, authHandler, questsHandler, g, exposures).Register(e)
	focusHandler := focus.NewHandler(pool, authHandler)
	focusHandler.Register(e)
	e.Use(web.BottomBar(focusHandler.Indicator))
	settings.NewHandler(pool, sessions, authHandler, cfg.PasskeysEnabled()).Register(e)
	questsHandler.Register(e)
	habits.NewHandler(pool).Register(e)
	goals.NewHandler(pool).Register(e)
	progress.NewHandler(q).Register(e)
	market.NewHandler(pool).Register(e)
	admin.NewHandler(q).Register(e)
	if cfg.PasskeysEnabled() {
		passkeys, err := passkey.NewHandler(cfg, q, authHandler)
		if err != nil {
			return nil, err
		}
		passkeys.Register(e)
	} else {
		logger.Warn("passkeys disabled: IGNITION_BASE_URL must name a domain, not an IP address")
	}

	return &App{Handler: web.HeadAsGet(e), Echo: e, Sessions: sessions, Graph: g, Exposures: exposures, TelemetryKeep: cfg.TelemetryKeep, signIn: signIn, logger: logger, q: q}, nil
}

// Close writes what the background writers still hold and lets go of
// Neo4j. Call it once the HTTP server has stopped.
func (a *App) Close() {
	a.Exposures.Close()
	if a.Graph != nil {
		a.Graph.Close(context.Background())
	}
}

// RunGraphSync projects new activity into Neo4j every interval until ctx
// ends. Any number of app processes may run it: each pass continues from
// the position recorded in Postgres.
func (a *App) RunGraphSync(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := a.Graph.Sync(ctx, a.q, time.Now()); err != nil {
			a.logger.Warn("graph sync", "error", err.Error())
		} else if n > 0 {
			a.logger.Info("graph sync", "events", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunJanitor sweeps every interval until ctx ends. Every app process may
// run it: the deletes are idempotent.
func (a *App) RunJanitor(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		a.Sweep(ctx, time.Now())
	}
}

// Sweep deletes expired sessions, finished rate-limit windows and decision
// telemetry past its retention.
func (a *App) Sweep(ctx context.Context, now time.Time) {
	if n, err := a.Sessions.DeleteExpired(ctx); err != nil {
		a.logger.Warn("janitor", "error", err.Error())
	} else if n > 0 {
		a.logger.Info("janitor", "expired_sessions", n)
	}
	if err := a.signIn.DeleteOld(ctx); err != nil {
		a.logger.Warn("janitor", "error", err.Error())
	}
	if a.TelemetryKeep > 0 {
		if n, err := today.DeleteOldExposures(ctx, a.q, now.Add(-a.TelemetryKeep)); err != nil {
			a.logger.Warn("janitor", "error", err.Error())
		} else if n > 0 {
			a.logger.Info("janitor", "expired_exposures", n)
		}
	}
}
