package testdb

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestBuildingATemplateDropsStaleOnes(t *testing.T) {
	t.Parallel()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	current, err := ensureTemplate(ctx, admin, base)
	if err != nil {
		t.Fatal(err)
	}
	stale := "ignition_tpl_stale" + randomHex(4)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+stale); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
		t.Fatal(err)
	}
	dropOtherTemplates(ctx, admin, current)
	admin.Exec(ctx, "SELECT pg_advisory_unlock($1)", templateLock)

	for name, want := range map[string]bool{stale: false, current: true} {
		var exists bool
		if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
			t.Fatal(err)
		}
		if exists != want {
			t.Errorf("%s exists = %v, want %v", name, exists, want)
		}
	}
}

// TestTheLocalClusterIsDurable: the cluster scripts/postgres.sh starts is
// the one `make run` serves the app from, so it keeps Postgres's durable
// defaults (a crash must not lose acknowledged writes); only test
// databases' connections turn synchronous commit off.
func TestTheLocalClusterIsDurable(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	admin, err := pgx.Connect(ctx, os.Getenv("TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	for _, name := range []string{"fsync", "synchronous_commit", "full_page_writes"} {
		var v string
		if err := admin.QueryRow(ctx, "SELECT reset_val FROM pg_settings WHERE name = $1", name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "on" {
			t.Errorf("the cluster runs with %s = %s, want on", name, v)
		}
	}
	conn, err := pgx.Connect(ctx, NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v string
	if err := conn.QueryRow(ctx, "SHOW synchronous_commit").Scan(&v); err != nil || v != "off" {
		t.Errorf("a test database's synchronous_commit = %q (%v), want off", v, err)
	}
}
