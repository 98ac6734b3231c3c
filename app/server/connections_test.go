package server_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"ignition/app/apptest"
	"ignition/app/vaulttest"
	"ignition/app/web"
)

// routeForms are plausible submissions for the signed-in POST routes, so
// the walk below reaches each handler's transaction, not just its
// validation.
var routeForms = map[string][]string{
	"/habits":                                  {"title", "Stretch", "cadence", "daily", "skill", "proficiency"},
	"/habits/:id":                              {"title", "Read more", "cadence", "daily", "skill", "knowledge"},
	"/goals":                                   {"title", "Finish the EP", "category", "creative"},
	"/goals/:id":                               {"title", "Finish the album", "category", "creative"},
	"/goals/:id/milestones":                    {"title", "Mix the first track"},
	"/focus/start":                             {"kind", "focus"},
	"/focus/settings":                          {"focus_minutes", "25", "short_break_minutes", "5", "long_break_minutes", "15", "long_break_every", "4"},
	"/settings/theme":                          {"theme", "dark"},
	"/settings/preferences":                    {"time_zone", "Europe/Berlin", "week_start", "1"},
	"/settings/suggestions":                    {"record", "on"},
	"/today/picks":                             {"decision", "focus:start"},
	"/settings/account/delete":                 {"confirm", "someone-else@example.com"},
	"/ideas":                                   {"record_id", "00000000-0000-4000-8000-0000000000a1", "title", vaulttest.Envelope(10), "bpm", "90"},
	"/ideas/:id":                               {"record_id", "@idea", "title", vaulttest.Envelope(12), "moods", "dark"},
	"/planner/events":                          {"title", "Studio session", "kind", "meeting", "start_date", "2026-03-08", "start_time", "10:00", "end_time", "12:00"},
	"/planner/events/:id":                      {"title", "Long studio session", "kind", "meeting", "start_date", "2026-03-08", "start_time", "10:00", "end_time", "13:00"},
	"/exercise/unit":                           {"unit", "lb"},
	"/exercise/library":                        {"name", "Landmine Press", "kind", "strength", "muscles", "shoulders"},
	"/exercise/templates":                      {"name", "Pull day"},
	"/exercise/templates/:id":                  {"name", "Push day"},
	"/exercise/templates/:id/items":            {"exercise_id", "@exercise", "target_sets", "3", "target_reps", "5"},
	"/exercise/templates/:id/items/:item":      {"target_sets", "4", "target_reps", "6"},
	"/exercise/templates/:id/items/:item/move": {"dir", "down"},
	"/exercise/sessions/:id/exercises":         {"exercise_id", "@exercise"},
	"/exercise/sessions/:id/sets":              {"exercise_id", "@exercise", "weight", "60", "reps", "5"},
	"/exercise/sets/:id":                       {"weight", "62.5", "reps", "5"},
}

// formFor is the route's plausible submission for the user's objects.
func formFor(route string, x ids) []string {
	out := slices.Clone(routeForms[route])
	for i, v := range out {
		switch v {
		case "@idea":
			out[i] = x.idea
		case "@exercise":
			out[i] = x.exercise
		}
	}
	return out
}

// lastRoutes end the session, so the walk takes them last.
var lastRoutes = []string{"/signout/everywhere", "/signout"}

// TestEveryRouteRunsOnOneConnection walks every route as a signed-in user
// with real data, then runs the actions that take locks many at a time, all
// on a pool of one connection (apptest's default). A request that takes a
// second connection while it holds one (a transaction, rows still open)
// waits for itself until its deadline and answers 503: in production it
// stalls every user once as many requests do it as the pool has
// connections.
func TestEveryRouteRunsOnOneConnection(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithObjects(t, apptest.With("IGNITION_REQUEST_TIMEOUT", "3s"))
	if got := env.Pool.Config().MaxConns; got != 1 {
		t.Fatalf("the app's pool holds %d connections, want 1", got)
	}
	c := env.SignIn("one@example.com", "One")
	ids := seedEverything(t, env, c)

	routes := env.App.Echo.Routes()
	slices.SortStableFunc(routes, func(a, b *echo.Route) int {
		return boolInt(slices.Contains(lastRoutes, a.Path)) - boolInt(slices.Contains(lastRoutes, b.Path))
	})
	walked := 0
	for _, r := range routes {
		if r.Method != http.MethodGet && r.Method != http.MethodPost || r.Path == web.LiveURL { // a stream does not end (app/live tests it)
			continue
		}
		path := ids.fill(r.Path)
		if r.Path == "/focus/complete" {
			expireFocus(t, env) // so that it completes and pays
		}
		for _, htmx := range []bool{false, true} { // a full page and a fragment
			req := c.Get(path)
			if r.Method == http.MethodPost {
				req = c.Post(path).Form(formFor(r.Path, ids)...)
			}
			if htmx {
				req = req.HTMX()
			}
			if resp := req.Do(); resp.StatusCode >= 500 {
				t.Errorf("%s %s (%s, htmx %v): status %d", r.Method, r.Path, path, htmx, resp.StatusCode)
			}
		}
		walked++
		if r.Path == "/focus/abandon" || r.Path == "/focus/complete" {
			c.Post("/focus/start").Form("kind", "focus").Do() // keep one running for the next step
		}
	}
	if walked < 60 {
		t.Fatalf("walked only %d routes", walked)
	}
}

// TestLockingActionsInParallelOnOneConnection runs each action that locks a
// row or takes a transaction twenty times at once on one connection.
func TestLockingActionsInParallelOnOneConnection(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_REQUEST_TIMEOUT", "15s")) // twenty queued on one connection, under the race detector beside the other tests
	c := env.SignIn("many@example.com", "Many")
	ids := seedEverything(t, env, c)
	expireFocus(t, env)
	for _, route := range []string{"/focus/complete", "/habits/:id/complete", "/habits/:id/undo", "/quests/:id/advance",
		"/quests/:id/claim", "/goals/:id/milestones", "/goals/:id/milestones/:mid/down", "/goals/:id/complete",
		"/market/:id/buy", "/settings/preferences", "/today/picks", "/exercise/sessions/:id/sets", "/exercise/sessions/:id/finish"} {
		var wg sync.WaitGroup
		statuses := make([]int, 20)
		for i := range statuses {
			wg.Go(func() {
				statuses[i] = c.WithT(t).Post(ids.fill(route)).Form(formFor(route, ids)...).Do().StatusCode
			})
		}
		wg.Wait()
		for _, s := range statuses {
			if s >= 500 {
				t.Errorf("POST %s twenty at once: statuses %v", route, statuses)
				break
			}
		}
	}
}

// ids are the user's objects the routes' parameters name.
type ids struct {
	habit, goal, milestone, item, idea, event      string
	exercise, template, templateItem, session, set string
}

// fill puts the user's objects into a route's parameters; objects of no
// one (another user's, say) get a fresh ID.
func (x ids) fill(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		switch {
		case p == ":mid":
			parts[i] = x.milestone
		case p == ":item":
			parts[i] = x.templateItem
		case strings.HasPrefix(p, ":") && parts[1] == "exercise":
			parts[i] = map[string]string{"library": x.exercise, "templates": x.template, "sessions": x.session, "sets": x.set}[parts[2]]
		case p == ":provider":
			parts[i] = "dex"
		case p == ":year":
			parts[i] = "2026"
		case p == ":month":
			parts[i] = "03"
		case p == ":day":
			parts[i] = "2026-03-08"
		case p == "*":
			parts[i] = "css/app.css"
		case strings.HasPrefix(p, ":"):
			parts[i] = map[string]string{"habits": x.habit, "goals": x.goal, "quests": "daily-intention", "market": x.item, "ideas": x.idea, "planner": x.event}[parts[1]]
			if parts[i] == "" {
				parts[i] = "00000000-0000-4000-8000-000000000001"
			}
		}
	}
	return strings.Join(parts, "/")
}

// seedEverything gives the user a habit, a goal with a milestone, a
// running focus session and a vault with an idea, and returns the IDs
// routes need.
func seedEverything(t *testing.T, env *apptest.Env, c *apptest.Client) ids {
	t.Helper()
	c.Post("/habits").Form(routeForms["/habits"]...).Do().AssertStatus(http.StatusSeeOther)
	c.Post("/goals").Form(routeForms["/goals"]...).Do().AssertStatus(http.StatusSeeOther)
	var x ids
	row := env.Pool.QueryRow(t.Context(), `SELECT (SELECT id::text FROM habits), (SELECT id::text FROM goals),
		(SELECT id FROM market_items ORDER BY price LIMIT 1)`)
	if err := row.Scan(&x.habit, &x.goal, &x.item); err != nil {
		t.Fatal(err)
	}
	c.Post("/goals/"+x.goal+"/milestones").Form("title", "First").Do().AssertStatus(http.StatusSeeOther)
	c.Post("/goals/"+x.goal+"/milestones").Form("title", "Second").Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM goal_milestones ORDER BY position LIMIT 1").Scan(&x.milestone); err != nil {
		t.Fatal(err)
	}
	c.Post("/focus/start").Form("kind", "focus").Do().AssertStatus(http.StatusSeeOther)
	vaulttest.SetUp(t, c)
	x.idea = "00000000-0000-4000-8000-0000000000b2"
	c.Post("/ideas").Form("record_id", x.idea, "title", vaulttest.Envelope(8), "key", "2-minor").Do().AssertStatus(http.StatusSeeOther)
	c.Post("/planner/events").Form(routeForms["/planner/events"]...).Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM planner_events").Scan(&x.event); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM exercises WHERE slug = 'bench-press'").Scan(&x.exercise); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/templates").Form(routeForms["/exercise/templates"]...).Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM workout_templates").Scan(&x.template); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/templates/" + x.template + "/items").Form(formFor("/exercise/templates/:id/items", x)...).Do().AssertStatus(http.StatusSeeOther)
	var squat string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM exercises WHERE slug = 'back-squat'").Scan(&squat); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/templates/"+x.template+"/items").Form("exercise_id", squat, "target_sets", "5", "target_reps", "3").Do().AssertStatus(http.StatusSeeOther)
	c.Post("/exercise/sessions").Form("template_id", x.template).Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT (SELECT id::text FROM workout_template_items ORDER BY position LIMIT 1), (SELECT id::text FROM workout_sessions)").
		Scan(&x.templateItem, &x.session); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/sessions/" + x.session + "/sets").Form(formFor("/exercise/sessions/:id/sets", x)...).Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM workout_sets").Scan(&x.set); err != nil {
		t.Fatal(err)
	}
	return x
}

// expireFocus moves the running focus session past its end.
func expireFocus(t *testing.T, env *apptest.Env) {
	t.Helper()
	if _, err := env.Pool.Exec(t.Context(), "UPDATE focus_sessions SET started_at = started_at - interval '3 hours' WHERE ended_at IS NULL"); err != nil {
		t.Fatal(err)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
