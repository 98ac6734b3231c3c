package today_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"ignition/app/apptest"
)

func decisions(r *apptest.Response) []string {
	var out []string
	for _, n := range r.Doc().Find("button[data-decision]").Nodes {
		for _, a := range n.Attr {
			if a.Key == "data-decision" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}

// seedHabit creates a daily habit with completions on the n days before
// today, as if done then.
func seedHabit(t *testing.T, env *apptest.Env, c *apptest.Client, title string, days int) string {
	t.Helper()
	c.Post("/habits").Form("title", title, "cadence", "daily", "skill", "guts").Do().AssertRedirect("/habits")
	var id string
	err := env.Pool.QueryRow(t.Context(), `UPDATE habits SET created_at = now() - interval '100 days' WHERE title = $1 RETURNING id::text`, title).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.Pool.Exec(t.Context(), `INSERT INTO habit_completions (habit_id, user_id, day)
		SELECT h.id, h.user_id, (current_date - d) FROM habits h, generate_series(1, $2::int) AS d WHERE h.id = $1::uuid`, id, days)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the counters that completing through the app maintains.
	if _, err := env.Pool.Exec(t.Context(), `UPDATE habits h SET completions = c.n, last_completed = c.last FROM (SELECT habit_id, count(*) AS n, max(day) AS last FROM habit_completions GROUP BY habit_id) c WHERE c.habit_id = h.id`); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPicksAreRankedExplainedAndDeterministic(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("today@example.com", "Toby")
	often := seedHabit(t, env, c, "Scales", 30)
	rare := seedHabit(t, env, c, "Sight reading", 2)

	page := c.Get("/today").Do().AssertStatus(http.StatusOK)
	order := decisions(page)
	if len(order) < 3 || order[0] != "habit:"+often || order[1] != "habit:"+rare {
		t.Fatalf("order = %v, want the frequent habit, then the rare one", order)
	}
	page.AssertText("#starter", "Scales")
	page.AssertText("#starter .why", "Something you do often")
	for _, why := range page.Doc().Find(".why").Nodes {
		if text := why.FirstChild.Data; strings.Contains(text, "Scales") || strings.Contains(text, "Sight") {
			t.Errorf("a microline names an item: %q", text)
		}
	}
	// Same state, same page.
	for i := 0; i < 3; i++ {
		if again := decisions(c.Get("/today").Do()); !slices.Equal(again, order) {
			t.Fatalf("request %d ordered %v, first %v", i, again, order)
		}
	}
}

func TestExposureAndOutcomeShareAnID(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("telemetry@example.com", "")
	habit := seedHabit(t, env, c, "Practice", 5)
	page := c.Get("/today").Do()
	exposure, _ := page.Attr(`#starter input[name="exposure"]`, "value")
	if exposure == "" {
		t.Fatal("the picks carry no exposure ID")
	}
	// Acting at once: the record may still be queued, and the pick finds it.
	c.Post("/today/picks").Form("exposure", exposure, "decision", "habit:"+habit).Do().AssertRedirect("/habits/" + habit)
	var candidates []map[string]any
	var raw []byte
	if err := env.Pool.QueryRow(t.Context(), "SELECT candidates FROM decision_exposures WHERE id = $1", exposure).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &candidates); err != nil || candidates[0]["id"] != "habit:"+habit || candidates[0]["position"] != float64(1) {
		t.Fatalf("exposure candidates = %s", raw)
	}
	// The habit, five quests and focus are ranked; the page shows five.
	if shownCount := page.Doc().Find("button[data-decision]").Length(); len(candidates) != shownCount || shownCount != 5 {
		t.Errorf("the exposure records %d candidates, the page shows %d; want the 5 shown", len(candidates), shownCount)
	}
	if strings.Contains(string(raw), "Practice") {
		t.Error("the exposure records a title")
	}
	var context map[string]any
	if err := env.Pool.QueryRow(t.Context(), "SELECT context FROM decision_exposures WHERE id = $1", exposure).Scan(&raw); err != nil || json.Unmarshal(raw, &context) != nil {
		t.Fatal(err)
	}
	if _, ok := context["reduced_mode"]; !ok || context["time_of_day"] == "" {
		t.Errorf("exposure context = %v", context)
	}
	if _, ok := candidates[0]["score_components"].(map[string]any)["freq"]; !ok {
		t.Error("the exposure lacks score components")
	}

	var action, decision string
	if err := env.Pool.QueryRow(t.Context(), "SELECT action, decision_id FROM decision_outcomes WHERE exposure_id = $1", exposure).Scan(&action, &decision); err != nil {
		t.Fatal(err)
	}
	if action != "started" || decision != "habit:"+habit {
		t.Fatalf("outcome = %s %s", action, decision)
	}
	// Completing the habit afterwards counts as engagement for the same exposure.
	c.Post("/habits/" + habit + "/complete").Do().AssertRedirect("/habits")
	var converted, engaged, bounced bool
	if err := env.Pool.QueryRow(t.Context(), "SELECT converted, engaged, bounced FROM decision_attribution WHERE exposure_id = $1", exposure).Scan(&converted, &engaged, &bounced); err != nil || !converted || !engaged || bounced {
		t.Fatalf("attribution: converted %v engaged %v bounced %v (%v)", converted, engaged, bounced, err)
	}

	// A decision that was not shown, or another user's exposure, records nothing.
	c.Post("/today/picks").Form("exposure", exposure, "decision", "focus:nope").Do().AssertStatus(http.StatusNotFound)
	other := env.SignIn("other@example.com", "")
	other.Post("/today/picks").Form("exposure", exposure, "decision", "habit:"+habit).Do().AssertRedirect("/habits/" + habit)
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM decision_outcomes").Scan(&n); err != nil || n != 2 {
		t.Fatalf("outcomes = %d (%v), want the start and the completion", n, err)
	}

	// Opting out stops the recording; the picks still work.
	c.Post("/settings/suggestions").Do().AssertRedirect("/settings?saved=suggestions")
	page = c.Get("/today").Do()
	if _, has := page.Attr(`#starter input[name="exposure"]`, "value"); has {
		t.Error("an opted-out user's picks carry an exposure")
	}
	if err := env.App.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM decision_exposures").Scan(&n); err != nil || n != 1 {
		t.Fatalf("exposures after opting out = %d, want still 1", n)
	}
}

func TestReducedModeAfterAGap(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("gap@example.com", "")
	seedHabit(t, env, c, "Journal", 10)
	if c.Get("/today").Do().Doc().Find("#reduced-title").Length() != 0 {
		t.Fatal("reduced mode without a gap")
	}
	if _, err := env.Pool.Exec(t.Context(), `UPDATE habit_completions SET created_at = now() - interval '4 days'`); err != nil {
		t.Fatal(err)
	}
	page := c.Get("/today").Do()
	page.AssertText("#reduced-title", "Welcome back")
	if page.Doc().Find("details.collapsed").Length() != 1 || page.Doc().Find("#starter").Length() != 0 {
		t.Error("reduced mode does not collapse the page to one way in")
	}
	// Ranking never overrides it, even switched off.
	if _, err := env.Pool.Exec(t.Context(), `INSERT INTO feature_flags (key, enabled) VALUES ('KillSwitch_Ranking', true)`); err != nil {
		t.Fatal(err)
	}
	c.Get("/today").Do().AssertText("#reduced-title", "Welcome back")
	c.Post("/today/dismiss").Do().AssertRedirect("/today")
	if c.Get("/today").Do().Doc().Find("#reduced-title").Length() != 0 {
		t.Error("reduced mode stays after being dismissed")
	}
}

func TestKillSwitches(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, func(name string) string {
		if name == "IGNITION_ADMIN_EMAILS" {
			return "root@example.com"
		}
		return ""
	})
	admin := env.SignIn("root@example.com", "")
	user := env.SignIn("user@example.com", "")
	seedHabit(t, env, user, "Often", 20)
	seedHabit(t, env, user, "Rarely", 1)
	user.Get("/admin/flags").Do().AssertStatus(http.StatusNotFound)

	admin.Get("/admin/flags").Do().AssertStatus(http.StatusOK).AssertText("#flags-form", "KillSwitch_Ranking")
	admin.Post("/admin/flags").Form("KillSwitch_Ranking", "on").Do().AssertRedirect("/admin/flags?saved=1")
	page := user.Get("/today").Do()
	if page.Doc().Find(".why").Length() != 0 {
		t.Error("with ranking off, picks still explain a score")
	}
	var scores []byte
	if err := env.App.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := env.Pool.QueryRow(t.Context(), "SELECT candidates FROM decision_exposures ORDER BY created_at DESC LIMIT 1").Scan(&scores); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(scores), `"score":0.`) {
		t.Errorf("with ranking off, candidates were scored: %s", scores)
	}
	admin.Post("/admin/flags").Do().AssertRedirect("/admin/flags?saved=1")
	user.Get("/today").Do().AssertText("#starter .why", "Something you do often")
}

func TestClaimedQuestsRankByHistory(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("claims@example.com", "")
	before := decisions(c.Get("/today").Do())
	// No history: adding a habit, then quests by ID, before focus.
	if len(before) < 2 || before[0] != "habit:new" || before[1] != "quest:daily-intention" {
		t.Fatalf("order with no history = %v", before)
	}
	// Claimed the weekly share quest last week: it now has a history.
	_, err := env.Pool.Exec(t.Context(), `INSERT INTO ledger_entries (user_id, key, reason, xp, coins, created_at)
		SELECT id, 'quest:weekly-share:2026-01-05', 'Quest', 40, 10, now() - interval '8 days' FROM users WHERE email = 'claims@example.com'`)
	if err != nil {
		t.Fatal(err)
	}
	if after := decisions(c.Get("/today").Do()); after[0] != "quest:weekly-share" {
		t.Fatalf("order with a past claim = %v, want the claimed quest first", after)
	}
}

func TestAddingAHabitIsSuggestedWhileNoneIsActive(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("newcomer@example.com", "")
	page := c.Get("/today").Do()
	page.AssertText("#starter", "Add a habit")
	if got := decisions(page); len(got) == 0 || got[0] != "habit:new" {
		t.Fatalf("decisions = %v, want habit:new first", got)
	}
	exposure, _ := page.Attr(`#starter input[name="exposure"]`, "value")
	c.Post("/today/picks").Form("exposure", exposure, "decision", "habit:new").Do().AssertRedirect("/habits?add=1#habit-form-card")
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM decision_outcomes WHERE exposure_id = $1 AND decision_id = 'habit:new'", exposure).Scan(&n); err != nil || n != 1 {
		t.Fatalf("outcomes for habit:new = %d (%v), want 1", n, err)
	}

	c.Post("/habits").Form("title", "Stretch", "cadence", "daily", "skill", "guts").Do().AssertRedirect("/habits")
	page = c.Get("/today").Do()
	if slices.Contains(decisions(page), "habit:new") {
		t.Errorf("with a habit, Today still suggests adding one: %v", decisions(page))
	}
	page.AssertText("#starter", "Stretch")

	var id string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM habits WHERE title = 'Stretch'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	c.Post("/habits/" + id + "/archive").Do()
	if got := decisions(c.Get("/today").Do()); len(got) == 0 || got[0] != "habit:new" {
		t.Errorf("with the only habit archived, decisions = %v, want habit:new first", got)
	}
}
