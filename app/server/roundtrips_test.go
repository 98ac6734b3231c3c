package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"ignition/app/apptest"
	"ignition/app/web"
)

// pageRoundTrips is the budget of every signed-in GET page: the session,
// viewer and shell in one round trip, the page's data in at most two.
const pageRoundTrips = 3

// pageScriptBytes is the budget of JavaScript one page loads, compressed as
// the server sends it to a browser (brotli).
const pageScriptBytes = 24 << 10

// TestEveryPageCostsAtMostThreeRoundTrips walks every GET route as a heavy
// user (10 habits with two years of completions, goals with milestones,
// quests claimed, market items bought and worn, a focus session running)
// and reads each request's Postgres round trips from the access log, as
// counted by the pool's tracer. Statements are cached after a first
// request, as in a running app. It prints the table and fails above the
// budget. It also weighs the scripts each page loads, compressed as served.
func TestEveryPageCostsAtMostThreeRoundTrips(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_ADMIN_EMAILS", "heavy@example.com"))
	c := env.SignIn("heavy@example.com", "Heavy")
	ids := seedEverything(t, env, c)
	seedHeavyHistory(t, env, "heavy@example.com")
	seedPlanner(t, env, "heavy@example.com")
	c.Post("/quests/daily-intention/advance").Do()
	c.Post("/quests/daily-intention/claim").Do()
	c.Post("/market/" + ids.item + "/buy").Do().AssertStatus(http.StatusSeeOther)
	c.Post("/market/" + ids.item + "/equip").Do().AssertStatus(http.StatusSeeOther)

	var table []string
	for _, r := range env.App.Echo.Routes() {
		if r.Method != http.MethodGet || slices.Contains([]string{"/healthz", "/readyz", "/metrics", "/assets/*", "/signin/:provider", "/auth/callback/:provider", web.LiveURL}, r.Path) {
			continue
		}
		path := ids.fill(r.Path)
		c.Get(path).Do() // warm the connection's statement cache
		resp := c.Get(path).Do()
		n := roundTripsOf(t, env, resp.Header.Get("X-Request-Id"))
		js := scriptBytes(t, c, resp)
		table = append(table, fmt.Sprintf("%-32s %3d  %d  %5d", r.Path, resp.StatusCode, n, js))
		if n > pageRoundTrips {
			t.Errorf("GET %s: %d round trips, budget %d", r.Path, n, pageRoundTrips)
		}
		if js > pageScriptBytes {
			t.Errorf("GET %s: %d bytes of compressed JavaScript, budget %d", r.Path, js, pageScriptBytes)
		}
	}
	slices.Sort(table)
	t.Logf("route, status, round trips, compressed script bytes:\n%s", strings.Join(table, "\n"))
}

// scriptBytes is the compressed size of every script a page loads.
func scriptBytes(t *testing.T, c *apptest.Client, page *apptest.Response) int {
	t.Helper()
	if !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		return 0
	}
	total := 0
	page.Doc().Find("script[src]").Each(func(_ int, s *goquery.Selection) {
		resp := c.Get(s.AttrOr("src", "")).Header("Accept-Encoding", "gzip, deflate, br, zstd").Do().AssertStatus(http.StatusOK)
		if resp.Header.Get("Content-Encoding") != "br" {
			t.Errorf("%s is served uncompressed", s.AttrOr("src", ""))
		}
		total += len(resp.Body)
	})
	return total
}

// roundTripsOf reads a request's round trips from the access log.
func roundTripsOf(t *testing.T, env *apptest.Env, requestID string) int {
	t.Helper()
	for line := range strings.Lines(env.Logs()) {
		if !strings.Contains(line, requestID) || !strings.Contains(line, `"msg":"request"`) {
			continue
		}
		var entry struct {
			RoundTrips int `json:"db_round_trips"`
		}
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatal(err)
		}
		return entry.RoundTrips
	}
	t.Fatalf("no access log line for request %s", requestID)
	return 0
}

// seedHeavyHistory gives the user two years of daily completions of ten
// habits, paid through the ledger and recorded as activity, as the app
// would have written them.
func seedHeavyHistory(t *testing.T, env *apptest.Env, email string) {
	t.Helper()
	for _, sql := range []string{
		`INSERT INTO habits (user_id, title, cadence, skill, created_at)
		 SELECT id, 'Habit ' || i, 'daily', 'proficiency', now() - interval '730 days' FROM users, generate_series(1, 10) AS i WHERE email = $1`,
		`INSERT INTO habit_completions (habit_id, user_id, day)
		 SELECT h.id, h.user_id, d::date FROM habits h JOIN users u ON u.id = h.user_id,
		        generate_series(now() - interval '730 days', now() - interval '1 day', interval '1 day') AS d
		 WHERE u.email = $1 AND h.title LIKE 'Habit %' ON CONFLICT DO NOTHING`,
		`INSERT INTO ledger_entries (user_id, key, reason, skill, xp, coins, created_at)
		 SELECT c.user_id, 'habit:' || c.id, 'Completed', 'proficiency', 10, 2, c.day
		 FROM habit_completions c JOIN users u ON u.id = c.user_id WHERE u.email = $1 ON CONFLICT DO NOTHING`,
		`INSERT INTO activity_events (user_id, action, occurred_at)
		 SELECT c.user_id, 'habit:' || c.habit_id, c.day FROM habit_completions c JOIN users u ON u.id = c.user_id WHERE u.email = $1`,
		`INSERT INTO user_progress (user_id, xp, coins)
		 SELECT l.user_id, sum(l.xp), sum(l.coins) FROM ledger_entries l JOIN users u ON u.id = l.user_id WHERE u.email = $1 GROUP BY l.user_id
		 ON CONFLICT (user_id) DO UPDATE SET xp = excluded.xp, coins = excluded.coins`,
	} {
		if _, err := env.Pool.Exec(t.Context(), sql, email); err != nil {
			t.Fatal(err)
		}
	}
}

// seedPlanner gives the user 500 repeating events begun a year ago
// (weekly, daily, monthly) and 200 single ones.
func seedPlanner(t *testing.T, env *apptest.Env, email string) {
	t.Helper()
	for _, sql := range []string{
		`INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone, rrule)
		 SELECT u.id, 'Series ' || i, 'meeting', false, now() - interval '1 year' + make_interval(hours => i % 10), now() - interval '1 year' + make_interval(hours => 1 + i % 10),
		        'Europe/Berlin', (ARRAY['FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=DAILY', 'FREQ=MONTHLY;BYMONTHDAY=15', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'])[1 + i % 4]
		 FROM users u, generate_series(1, 500) AS i WHERE u.email = $1`,
		`INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone)
		 SELECT u.id, 'Event ' || i, 'other', false, now() - interval '100 days' + make_interval(days => i), now() - interval '100 days' + make_interval(days => i, hours => 1), 'UTC'
		 FROM users u, generate_series(1, 200) AS i WHERE u.email = $1`,
	} {
		if _, err := env.Pool.Exec(t.Context(), sql, email); err != nil {
			t.Fatal(err)
		}
	}
}
