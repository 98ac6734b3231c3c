package store_test

import (
	"bytes"
	"strings"
	"testing"

	"ignition/app/store"
	"ignition/app/testdb"
)

// TestMigrateFromEmptyToHeadAndBack applies every migration to an empty
// database, rolls the latest back, and applies it again.
func TestMigrateFromEmptyToHeadAndBack(t *testing.T) {
	ctx := t.Context()
	pool, err := store.Open(ctx, testdb.NewEmptyURL(t))
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
