// Package store opens the PostgreSQL pool and applies the schema migrations.
// Queries live in the generated package store/db.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"ignition/app/config"
	"ignition/app/store/db"
	"ignition/migrations"
)

// Open connects a pool to databaseURL within limits and checks that the
// database answers. Every connection carries the statement and lock
// timeouts, so no statement of the app's can wait on Postgres forever.
func Open(ctx context.Context, databaseURL string, limits config.DBLimits) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("store: invalid database URL: %w", err)
	}
	cfg.MaxConns = limits.PoolSize
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.Tracer = roundTrips{}
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = milliseconds(limits.StatementTimeout)
	cfg.ConnConfig.RuntimeParams["lock_timeout"] = milliseconds(limits.LockTimeout)
	// UUIDs travel in Postgres's binary form, not through their text form
	// (database/sql's Scanner and Valuer), which cost a parse each way.
	cfg.AfterConnect = func(_ context.Context, conn *pgx.Conn) error {
		registerUUID(conn.TypeMap())
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: unable to create pool: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: database unreachable: %w", err)
	}
	return pool, nil
}

// milliseconds formats d as a Postgres duration setting.
func milliseconds(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }

// Migrator applies the embedded migrations. It holds a Postgres advisory
// lock while it works, so app processes starting together migrate once.
type Migrator struct {
	db       *sql.DB
	provider *goose.Provider
}

// NewMigrator prepares a migrator over the pool's configuration.
func NewMigrator(pool *pgxpool.Pool) (*Migrator, error) {
	// A migration may lock a busy table or build an index for long: it
	// runs without the app's timeouts.
	conn := pool.Config().ConnConfig.Copy()
	conn.RuntimeParams["statement_timeout"] = "0"
	conn.RuntimeParams["lock_timeout"] = "0"
	db := stdlib.OpenDB(*conn)
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to create migration lock: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to load migrations: %w", err)
	}
	return &Migrator{db: db, provider: provider}, nil
}

// Close releases the migrator's connection.
func (m *Migrator) Close() error { return m.db.Close() }

// Up applies every pending migration and returns how many ran.
func (m *Migrator) Up(ctx context.Context) (int, error) {
	results, err := m.provider.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("store: unable to migrate up: %w", err)
	}
	return len(results), nil
}

// DownOne rolls back the most recent migration and returns its version.
func (m *Migrator) DownOne(ctx context.Context) (int64, error) {
	result, err := m.provider.Down(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: unable to migrate down: %w", err)
	}
	return result.Source.Version, nil
}

// Version returns the schema version the database is at.
func (m *Migrator) Version(ctx context.Context) (int64, error) {
	v, err := m.provider.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read schema version: %w", err)
	}
	return v, nil
}

// PrintStatus writes one line per migration: applied or pending.
func (m *Migrator) PrintStatus(ctx context.Context, w io.Writer) error {
	statuses, err := m.provider.Status(ctx)
	if err != nil {
		return fmt.Errorf("store: unable to read migration status: %w", err)
	}
	for _, s := range statuses {
		when := "pending"
		if s.State == goose.StateApplied {
			when = "applied " + s.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%05d  %-30s  %s\n", s.Source.Version, path.Base(s.Source.Path), when)
	}
	return nil
}

// Tx runs fn in one transaction, committing when it returns nil and rolling
// back otherwise. fn must do all its database work through q: while the
// transaction holds a connection, taking another from the pool can wait on
// requests that wait on this one's locks.
func Tx(ctx context.Context, pool *pgxpool.Pool, fn func(q *db.Queries) error) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return fn(db.New(tx)) })
}
