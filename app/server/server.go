// Package server assembles the app from its modules. The binary and the
// tests build it the same way through New.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/admin"
	"ignition/app/auth"
	"ignition/app/config"
	"ignition/app/exercise"
	"ignition/app/focus"
	"ignition/app/goals"
	"ignition/app/graph"
	"ignition/app/habits"
	"ignition/app/ideas"
	"ignition/app/infobase"
	"ignition/app/journal"
	"ignition/app/live"
	"ignition/app/market"
	"ignition/app/module"
	"ignition/app/notifications"
	"ignition/app/objects"
	"ignition/app/palette"
	"ignition/app/passkey"
	"ignition/app/planner"
	"ignition/app/progress"
	"ignition/app/quests"
	"ignition/app/search"
	"ignition/app/seed"
	"ignition/app/session"
	"ignition/app/settings"
	"ignition/app/store/db"
	"ignition/app/today"
	"ignition/app/vault"
	"ignition/app/web"
	"ignition/views/layout"
)

// Modules are the app's domains, in the order their navigation, Today
// sources and built-in content come. A new domain is one more line here.
var Modules = []func(module.Deps) module.Module{
	auth.Module,
	passkey.Module,
	today.Module,
	focus.Module,
	quests.Module,
	habits.Module,
	goals.Module,
	ideas.Module,
	infobase.Module,
	journal.Module,
	planner.Module,
	exercise.Module,
	search.Module,
	progress.Module,
	market.Module,
	live.Module,
	notifications.Module,
	palette.Module,
	settings.Module,
	vault.Module,
	admin.Module,
}

// App is the assembled application.
type App struct {
	Handler  http.Handler
	Echo     *echo.Echo
	Sessions *session.Store
	Registry *module.Registry
	Graph    *graph.Graph   // nil without Neo4j
	Objects  *objects.Store // nil without an object store
	logger   *slog.Logger
	closed   sync.Once
}

// New builds the application over pool.
func New(cfg *config.Config, pool *pgxpool.Pool, logger *slog.Logger) (*App, error) {
	sessions := session.NewStore(pool, session.Options{
		Idle: cfg.SessionIdle, Max: cfg.SessionMax,
		CookieDomain: cfg.CookieDomain, SecureCookie: cfg.SecureCookies(),
	})
	var g *graph.Graph
	if cfg.Neo4jURL != "" {
		var err error
		if g, err = graph.Open(cfg.Neo4jURL, cfg.Neo4jTimeout, logger); err != nil {
			return nil, err
		}
	}
	store, err := objects.Open(cfg.S3)
	if err != nil {
		return nil, err
	}
	e := web.NewEcho(cfg, logger, pool, web.NewMetrics())
	reg := module.NewRegistry(web.Plumbing...)
	deps := module.Deps{Config: cfg, Logger: logger, Pool: pool, Q: db.New(pool), Sessions: sessions, Graph: g, Objects: store, Registry: reg}
	e.Use(auth.LoadViewer(sessions, cfg, reg.Shell), auth.Gate(reg.PublicRoutes))
	for _, m := range Modules {
		reg.Add(e, m(deps))
	}
	reg.Seal()
	e.Use(web.WithNavigation(navigation(reg)))
	return &App{Handler: web.HeadAsGet(e), Echo: e, Sessions: sessions, Registry: reg, logger: logger, Graph: g, Objects: store}, nil
}

// navigation is the sidebar the modules declared.
func navigation(reg *module.Registry) web.Navigation {
	var nav web.Navigation
	for _, n := range reg.Nav() {
		item := layout.NavItem{Label: n.Label, Href: n.Href}
		if n.Admin {
			nav.Admin = append(nav.Admin, item)
		} else {
			nav.Items = append(nav.Items, item)
		}
		if n.Tab && !n.Admin {
			nav.Tabs = append(nav.Tabs, item)
		}
	}
	return nav
}

// Seeds are the built-in content of every module, in module order.
func (a *App) Seeds() []seed.Set { return a.Registry.Seeds() }

// Flush returns once what the background writers hold is written.
func (a *App) Flush(ctx context.Context) error { return a.Registry.Flush(ctx) }

// Close writes what the background writers still hold and lets go of
// Neo4j. Call it once the HTTP server has stopped.
func (a *App) Close() {
	a.closed.Do(func() {
		a.Registry.Close()
		if a.Graph != nil {
			a.Graph.Close(context.Background())
		}
	})
}

// RunJobs runs every module's background jobs, at once and then each on
// its own interval, until ctx ends. Any number of app processes may run
// them.
func (a *App) RunJobs(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range a.Registry.Jobs() {
		wg.Go(func() {
			t := time.NewTicker(j.Every)
			defer t.Stop()
			for a.run(ctx, j, time.Now()); ; {
				select {
				case <-ctx.Done():
					return
				case now := <-t.C:
					a.run(ctx, j, now)
				}
			}
		})
	}
	wg.Wait()
}

// Sweep runs every job once, as of now.
func (a *App) Sweep(ctx context.Context, now time.Time) {
	for _, j := range a.Registry.Jobs() {
		a.run(ctx, j, now)
	}
}

func (a *App) run(ctx context.Context, j module.Job, now time.Time) {
	if err := j.Run(ctx, now); err != nil && ctx.Err() == nil {
		a.logger.Warn("job failed", "job", j.Name, "error", err.Error())
	}
}
