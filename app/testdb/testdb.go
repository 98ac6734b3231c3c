// Package testdb gives each test a fresh PostgreSQL database cloned from a
// template migrated to head. The template is named after a hash of the
// migrations, so a changed migration gets a new template.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/config"
	"ignition/app/store"
	"ignition/migrations"
)

// New returns a pool on a fresh, migrated database that is dropped when the
// test ends, with the app's default limits.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	defaults, err := config.Parse(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	return NewPool(t, defaults.DB)
}

// NewPool is New within limits.
func NewPool(t testing.TB, limits config.DBLimits) *pgxpool.Pool {
	t.Helper()
	pool, err := store.Open(context.Background(), NewURL(t), limits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// NewURL creates a fresh, migrated database and returns its URL.
func NewURL(t testing.TB) string { return create(t, true) }

// NewEmptyURL creates a fresh database with no schema, for migration tests.
func NewEmptyURL(t testing.TB) string { return create(t, false) }

func create(t testing.TB, migrated bool) string {
	t.Helper()
	url, drop, err := Create(migrated)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return url
}

// Create makes a fresh database (migrated, or empty) outside any one test,
// for what a whole test package shares, and returns its URL and what drops
// it.
func Create(migrated bool) (url string, drop func() error, err error) {
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		return "", nil, errors.New("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts PostgreSQL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("testdb: unable to connect to %s: %w", redact(base), err)
	}
	defer admin.Close(ctx)

	template := "template0"
	if migrated {
		if template, err = ensureTemplate(ctx, admin, base); err != nil {
			return "", nil, err
		}
	}
	name := "test_" + randomHex(8)
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		return "", nil, fmt.Errorf("testdb: unable to create %s: %w", name, err)
	}
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("testdb: unable to drop %s: %w", name, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			return fmt.Errorf("testdb: unable to drop %s: %w", name, err)
		}
		return nil
	}
	return withDatabase(base, name), drop, nil
}

// templateLock is the advisory lock held while a template is looked up or
// built.
const templateLock = 774411

// ensureTemplate creates the migrated template once; concurrent test
// packages wait on an advisory lock instead of racing.
func ensureTemplate(ctx context.Context, admin *pgx.Conn, base string) (string, error) {
	name := "ignition_tpl_" + migrationsHash()
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
		return "", fmt.Errorf("testdb: unable to lock: %w", err)
	}
	defer admin.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", templateLock)
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("testdb: unable to look up template: %w", err)
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := admin.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", building)); err != nil {
		return "", fmt.Errorf("testdb: unable to clear %s: %w", building, err)
	}
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0", building)); err != nil {
		return "", fmt.Errorf("testdb: unable to create %s: %w", building, err)
	}
	if err := migrate(ctx, withDatabase(base, building)); err != nil {
		return "", err
	}
	if _, err := admin.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", fmt.Errorf("testdb: unable to publish template: %w", err)
	}
	dropOtherTemplates(ctx, admin, name)
	return name, nil
}

// dropOtherTemplates removes the templates of earlier migrations, which
// would otherwise pile up on a developer's cluster (each one is another
// database for autovacuum to visit). One still in use stays. The caller
// holds the template lock, so no template is being built meanwhile.
func dropOtherTemplates(ctx context.Context, admin *pgx.Conn, keep string) {
	rows, err := admin.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'ignition\_tpl\_%' AND datname <> $1`, keep)
	if err != nil {
		return
	}
	old, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, name := range old {
		_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize())
	}
}

func migrate(ctx context.Context, databaseURL string) error {
	pool, err := store.Open(ctx, databaseURL, config.DBLimits{PoolSize: 1})
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := store.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	_, err = m.Up(ctx)
	return err
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// withDatabase returns the URL of database name on the cluster of base.
// Its connections do not wait for the disk at commit: a test database is
// thrown away, so tests trade the durability the cluster keeps for the
// app (`make run`) for speed.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic("testdb: TEST_DATABASE_URL must be a URL: " + err.Error())
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
