// Command ignition runs the Ignition OS server and its maintenance tasks.
//
//	ignition serve            migrate (unless disabled) and serve HTTP
//	ignition migrate up       apply pending migrations
//	ignition migrate down     roll back the latest migration
//	ignition migrate status   list migrations and whether they are applied
//	ignition seed             load the built-in content (idempotent)
//	ignition graph-sync       project new activity into Neo4j once
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the runtime image has no tz database

	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/config"
	"ignition/app/graph"
	"ignition/app/seed"
	"ignition/app/server"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

const usage = `usage: ignition <command>

commands:
  serve            apply pending migrations (unless IGNITION_MIGRATE_ON_START=false) and serve HTTP
  migrate up       apply pending migrations
  migrate down     roll back the latest migration
  migrate status   list migrations and whether they are applied
  seed             load the built-in content (safe to repeat)
  graph-sync       project new activity into Neo4j (IGNITION_NEO4J_URL) once
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ignition:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("no command given")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	logger := newLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set (make run sets up a local database)")
	}
	pool, err := store.Open(ctx, cfg.DatabaseURL, cfg.DB)
	if err != nil {
		return err
	}
	defer pool.Close()

	switch args[0] {
	case "serve":
		app, err := server.New(cfg, pool, logger)
		if err != nil {
			return err
		}
		defer app.Close() // after the server has drained, before the pool closes
		if cfg.MigrateOnStart {
			if err := migrate(ctx, pool, "up", logger); err != nil {
				return err
			}
			n, err := seed.Run(ctx, pool, app.Seeds()...)
			if err != nil {
				return err
			}
			logger.Info("seeded", "sets", n)
		}
		if app.Objects != nil { // before serving, so uploads work from the first request
			if err := app.Objects.Ensure(ctx, cfg.BaseURL.Scheme+"://"+cfg.BaseURL.Host); err != nil {
				logger.Error("the object store is not ready; voice memos fail until it answers", "err", err)
			}
		}
		go app.RunJobs(ctx)
		logger.Info("starting", "env", cfg.Env, "dev_signin", cfg.DevSignIn(), "neo4j", cfg.Neo4jURL != "", "object_store", cfg.S3.Enabled())
		return web.Serve(ctx, cfg.Addr, app.Handler, cfg.ShutdownTimeout, logger, func(addr net.Addr) {
			logger.Info("listening", "addr", addr.String(), "url", cfg.BaseURL.String())
			fmt.Fprintf(os.Stderr, "Ignition OS is running at %s\n", cfg.BaseURL)
		})
	case "migrate":
		if len(args) != 2 {
			return errors.New("migrate needs one of: up, down, status")
		}
		return migrate(ctx, pool, args[1], logger)
	case "graph-sync":
		if cfg.Neo4jURL == "" {
			return errors.New("IGNITION_NEO4J_URL is not set")
		}
		g, err := graph.Open(cfg.Neo4jURL, cfg.Neo4jTimeout, logger)
		if err != nil {
			return err
		}
		defer g.Close(context.Background())
		n, err := g.Sync(ctx, db.New(pool), time.Now())
		if err != nil {
			return err
		}
		logger.Info("graph synced", "events", n)
		return nil
	case "seed":
		app, err := server.New(cfg, pool, logger)
		if err != nil {
			return err
		}
		defer app.Close()
		n, err := seed.Run(ctx, pool, app.Seeds()...)
		if err != nil {
			return err
		}
		logger.Info("seeded", "sets", n)
		return nil
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
}

func migrate(ctx context.Context, pool *pgxpool.Pool, direction string, logger *slog.Logger) error {
	m, err := store.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	switch direction {
	case "up":
		n, err := m.Up(ctx)
		if err != nil {
			return err
		}
		v, err := m.Version(ctx)
		if err != nil {
			return err
		}
		logger.Info("migrated", "applied", n, "version", v)
	case "down":
		v, err := m.DownOne(ctx)
		if err != nil {
			return err
		}
		logger.Info("rolled back", "version", v)
	case "status":
		return m.PrintStatus(ctx, os.Stdout)
	default:
		return fmt.Errorf("unknown migrate direction %q: use up, down or status", direction)
	}
	return nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: l}))
}
