package store_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"ignition/app/config"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/testdb"
)

// TestMigrateFromEmptyToHeadAndBack applies every migration to an empty
// database, rolls the latest back, and applies it again.
func TestMigrateFromEmptyToHeadAndBack(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool, err := store.Open(ctx, testdb.NewEmptyURL(t), config.DBLimits{PoolSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := store.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	list := func(sql string) []string {
		rows, err := pool.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}

	n, err := m.Up(ctx)
	if err != nil || n == 0 {
		t.Fatalf("Up = %d, %v", n, err)
	}
	head, err := m.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(list("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"), ","); !strings.Contains(got, "sessions") || !strings.Contains(got, "users") {
		t.Fatalf("tables after up: %s", got)
	}
	if n, err := m.Up(ctx); err != nil || n != 0 {
		t.Fatalf("second Up applied %d, %v; want nothing", n, err)
	}

	down, err := m.DownOne(ctx)
	if err != nil || down != head {
		t.Fatalf("DownOne = %d, %v; want %d", down, err, head)
	}
	if v, _ := m.Version(ctx); v != head-1 {
		t.Fatalf("version after down = %d, want %d", v, head-1)
	}
	if n, err := m.Up(ctx); err != nil || n != 1 {
		t.Fatalf("re-Up applied %d, %v; want 1", n, err)
	}
	var status bytes.Buffer
	if err := m.PrintStatus(ctx, &status); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(status.String(), "pending") || !strings.Contains(status.String(), "00001_platform.sql") {
		t.Errorf("status:\n%s", status.String())
	}
}

// TestConnectionsCarryTheLimits: every connection of the pool has the
// statement and lock timeouts, and the pool holds at most its size.
func TestConnectionsCarryTheLimits(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	pool, err := store.Open(ctx, testdb.NewEmptyURL(t), config.DBLimits{PoolSize: 3, StatementTimeout: 1500 * time.Millisecond, LockTimeout: 250 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if got := pool.Config().MaxConns; got != 3 {
		t.Errorf("pool size = %d, want 3", got)
	}
	var statement, lock string
	if err := pool.QueryRow(ctx, "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')").Scan(&statement, &lock); err != nil {
		t.Fatal(err)
	}
	if statement != "1500ms" || lock != "250ms" {
		t.Errorf("statement_timeout = %s, lock_timeout = %s; want 1500ms and 250ms", statement, lock)
	}
	// A statement past the timeout is cancelled by Postgres itself.
	start := time.Now()
	_, err = pool.Exec(ctx, "SELECT pg_sleep(5)")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		t.Fatalf("a 5 s statement ended with %v, want query_canceled (57014)", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("the statement ran %s", d)
	}

	// The migrator runs without them: a migration may take long.
	m, err := store.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Up(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestTxCommitsOrRollsBack: Tx commits what fn did when it returns nil and
// nothing when it fails.
func TestTxCommitsOrRollsBack(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ctx := t.Context()
	count := func() int {
		var n int
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	create := func(q *db.Queries, email string) error {
		_, err := q.CreateUser(ctx, db.CreateUserParams{Email: email, Name: "T", Status: "approved"})
		return err
	}
	failure := errors.New("planned")
	err := store.Tx(ctx, pool, func(q *db.Queries) error {
		if err := create(q, "rolled@example.com"); err != nil {
			return err
		}
		return failure
	})
	if !errors.Is(err, failure) || count() != 0 {
		t.Fatalf("failed Tx: %v, %d users; want the error and none", err, count())
	}
	if err := store.Tx(ctx, pool, func(q *db.Queries) error { return create(q, "kept@example.com") }); err != nil || count() != 1 {
		t.Fatalf("Tx: %v, %d users; want 1", err, count())
	}
}
