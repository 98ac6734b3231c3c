package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/config"
	"ignition/app/testdb"
)

// bufferBudget is how many shared buffers (8 KB pages) one query of a light
// user may touch. Their own rows fit in a few pages; a plan that walks
// other users' rows touches hundreds.
const bufferBudget = 60

// TestNoQueryCostGrowsWithOtherUsersData runs every generated query that
// names a user, on the plan Postgres uses once a prepared statement goes
// generic (plan_cache_mode = force_generic_plan), for a user with a month
// of history in a database where other users hold almost every row, and
// counts the buffers it touches. A plan whose cost depends on the others
// (an index scanned past their newer rows, a table scanned and filtered)
// goes over the budget. Writes run in a transaction that is rolled back.
func TestNoQueryCostGrowsWithOtherUsersData(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t, config.DBLimits{PoolSize: 2}) // no timeouts: the seeding is bulk
	ctx := t.Context()
	light, hash := seedCrowd(t, pool)
	queries := generatedQueries(t)
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	checked := 0
	var table []string
	for _, q := range queries {
		if !strings.Contains(q.sql, "user_id") && !strings.Contains(q.sql, "id_hash") {
			continue
		}
		buffers, plan, err := explain(ctx, conn.Conn(), q.sql, light, hash)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (strings.HasPrefix(pgErr.Code, "23") || strings.HasPrefix(pgErr.Code, "22")) {
			// A write the sample values do not fit (a foreign key, a
			// check): single-row writes by key, not what this test is for.
			table = append(table, fmt.Sprintf("%-32s     - (%s)", q.name, pgErr.Code))
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", q.name, err)
			continue
		}
		checked++
		table = append(table, fmt.Sprintf("%-32s %5d", q.name, buffers))
		if buffers > bufferBudget {
			t.Errorf("%s touches %d buffers for a light user (budget %d): its plan walks other users' rows\n%s", q.name, buffers, bufferBudget, plan)
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d queries", checked)
	}
	t.Logf("query, buffers:\n%s", strings.Join(table, "\n"))
}

// explain prepares sql, runs it for the light user with sample values for
// its other parameters (in a transaction it rolls back), and returns the
// shared buffers its plan touched.
func explain(ctx context.Context, conn *pgx.Conn, sql string, user uuid.UUID, hash []byte) (int, string, error) {
	if _, err := conn.Exec(ctx, "PREPARE q AS "+sql); err != nil {
		return 0, "", err
	}
	defer conn.Exec(context.Background(), "DEALLOCATE q")
	var types []string
	if err := conn.QueryRow(ctx, "SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = 'q'").Scan(&types); err != nil {
		return 0, "", err
	}
	args := make([]string, len(types))
	for i, typ := range types {
		args[i] = sample(typ, user, hash)
	}
	call := "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE q"
	if len(args) > 0 {
		call += "(" + strings.Join(args, ", ") + ")"
	}
	var plan strings.Builder
	text := strings.Replace(call, "FORMAT JSON", "FORMAT TEXT, COSTS OFF, TIMING OFF", 1)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, "", err
	}
	defer tx.Rollback(context.Background())
	var raw []byte
	if err := tx.QueryRow(ctx, call).Scan(&raw); err != nil {
		return 0, "", err
	}
	var out []struct {
		Plan map[string]any `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		return 0, "", fmt.Errorf("unreadable plan: %v", err)
	}
	hit, _ := out[0].Plan["Shared Hit Blocks"].(float64)
	read, _ := out[0].Plan["Shared Read Blocks"].(float64)
	rows, err := tx.Query(ctx, text)
	if err != nil {
		return 0, "", err
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	for _, l := range lines {
		plan.WriteString(l + "\n")
	}
	return int(hit + read), plan.String(), err
}

// sample is a literal of typ for a parameter: the light user for a uuid,
// their session's hash for bytea, now and today for times.
func sample(typ string, user uuid.UUID, hash []byte) string {
	switch typ {
	case "uuid[]":
		return "ARRAY['" + user.String() + "']::uuid[]"
	case "uuid":
		return "'" + user.String() + "'::uuid"
	case "time without time zone":
		return "'07:30'::time"
	case "bytea":
		return fmt.Sprintf("'\\x%x'::bytea", hash)
	case "timestamp with time zone":
		return "now()"
	case "date":
		return "current_date"
	case "interval":
		return "'1 day'::interval"
	case "smallint", "integer", "bigint", "numeric":
		return "10"
	case "boolean":
		return "false"
	case "jsonb", "json":
		return "'{}'::jsonb"
	}
	if strings.HasSuffix(typ, "[]") {
		return "'{}'::" + typ
	}
	return "'x'::" + typ
}

type query struct{ name, sql string }

// generatedQueries reads every query sqlc generated, in its $n form.
func generatedQueries(t *testing.T) []query {
	t.Helper()
	files, err := filepath.Glob("db/*.sql.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated queries (%v)", err)
	}
	var out []query
	for _, f := range files {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.CONST {
				continue
			}
			for _, spec := range gen.Specs {
				v := spec.(*ast.ValueSpec)
				lit, ok := v.Values[0].(*ast.BasicLit)
				if !ok {
					continue
				}
				sql, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, query{name: v.Names[0].Name, sql: sql})
			}
		}
	}
	slices.SortFunc(out, func(a, b query) int { return strings.Compare(a.name, b.name) })
	return out
}

// seedCrowd fills the database with three heavy users who hold almost
// every row (the worst case for a generic plan, which then expects any
// user to hold a third of them): four years each of completions, activity, ledger entries, focus
// sessions, telemetry), then the light user with a month of the same, a
// session and the statistics Postgres plans with. It returns the light
// user and their session's hash.
func seedCrowd(t *testing.T, pool *pgxpool.Pool) (uuid.UUID, []byte) {
	t.Helper()
	ctx := t.Context()
	light := uuid.New()
	hash := []byte("light-session-hash-0123456789abc")
	steps := []string{
		`INSERT INTO users (id, email, name, status) SELECT gen_random_uuid(), 'crowd' || i || '@example.com', 'Crowd', 'approved' FROM generate_series(1, 3) AS i`,
		`INSERT INTO users (id, email, name, status) VALUES ('` + light.String() + `', 'light@example.com', 'Light', 'approved')`,
		`INSERT INTO habits (user_id, title, cadence, skill, created_at)
		 SELECT u.id, 'Habit ' || i, 'daily', 'proficiency', now() - interval '1 year' FROM users u, generate_series(1, 5) AS i`,
	}
	days := func(user string) string {
		if user == "light" {
			return "30"
		}
		return "1500"
	}
	for _, who := range []string{"light", "crowd"} { // the light user acted first: the others hold the newer rows
		filter := "u.email LIKE 'crowd%'"
		if who == "light" {
			filter = "u.email = 'light@example.com'"
		}
		n := days(who)
		steps = append(steps,
			`INSERT INTO habit_completions (habit_id, user_id, day, created_at)
			 SELECT h.id, h.user_id, current_date - d, now() - make_interval(days => d)
			 FROM habits h JOIN users u ON u.id = h.user_id, generate_series(1, `+n+`) AS d WHERE `+filter,
			`INSERT INTO ledger_entries (user_id, key, reason, skill, xp, coins, created_at)
			 SELECT c.user_id, 'habit:' || c.id, 'Completed', 'proficiency', 10, 2, c.created_at
			 FROM habit_completions c JOIN users u ON u.id = c.user_id WHERE `+filter,
			`INSERT INTO activity_events (user_id, action, occurred_at)
			 SELECT c.user_id, 'habit:' || c.habit_id, c.created_at FROM habit_completions c JOIN users u ON u.id = c.user_id WHERE `+filter+` ORDER BY c.created_at`,
			`INSERT INTO focus_sessions (user_id, kind, planned_seconds, started_at, ended_at, outcome)
			 SELECT u.id, 'focus', 1500, now() - make_interval(days => d), now() - make_interval(days => d) + interval '25 minutes', 'completed'
			 FROM users u, generate_series(1, `+n+`) AS d WHERE `+filter,
			`INSERT INTO decision_exposures (id, user_id, context, candidates, created_at)
			 SELECT gen_random_uuid(), u.id, '{}', '[]', now() - make_interval(days => d) FROM users u, generate_series(1, `+n+`) AS d WHERE `+filter,
			`INSERT INTO sessions (id_hash, user_id, data, created_at, last_seen_at, idle_expires_at, expires_at)
			 SELECT sha256(convert_to(u.email, 'UTF8')), u.id, '{}', now(), now(), now() + interval '1 day', now() + interval '30 days' FROM users u WHERE `+filter,
		)
	}
	steps = append(steps, `UPDATE sessions SET id_hash = '\x`+fmt.Sprintf("%x", hash)+`' WHERE user_id = '`+light.String()+`'`, "ANALYZE")
	start := time.Now()
	for _, sql := range steps {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatalf("seeding: %v\n%s", err, sql)
		}
	}
	t.Logf("seeded the crowd in %s", time.Since(start).Round(time.Millisecond))
	return light, hash
}
