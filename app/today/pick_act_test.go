package today_test

import (
	"net/http"
	"slices"
	"testing"

	"ignition/app/apptest"
)

// act posts one of Today's in-place actions as htmx does.
func act(c *apptest.Client, path, decision, act, exposure string) *apptest.Response {
	return c.Post(path).HTMX().Form("decision", decision, "act", act, "exposure", exposure).Do()
}

func count(t *testing.T, env *apptest.Env, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAHabitPickIsMarkedDoneAndUndoneOnToday(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("inplace@example.com", "")
	habit := seedHabit(t, env, c, "Practice", 6)
	page := c.Get("/today").Do()
	if got := decisions(page); len(got) == 0 || got[0] != "habit:"+habit {
		t.Fatalf("decisions = %v, want the habit first", got)
	}
	page.AssertText(`#starter button[aria-label="Mark done: Practice"]`, "Mark done")
	exposure, _ := page.Attr(`#starter input[name="exposure"]`, "value")
	coins := page.Text("#today-coins")

	done := act(c, "/today/picks/act", "habit:"+habit, "done", exposure).AssertStatus(http.StatusOK)
	done.AssertText("#today-notice", "“Practice” is done for today.")
	if slices.Contains(decisions(done), "habit:"+habit) {
		t.Error("the habit done is still offered")
	}
	if done.Text("#today-coins") == coins {
		t.Errorf("coins still %s after the reward", coins)
	}
	if n := count(t, env, "SELECT count(*) FROM habit_completions WHERE habit_id = $1 AND day = current_date", habit); n != 1 {
		t.Fatalf("completions today = %d, want 1", n)
	}
	if n := count(t, env, "SELECT count(*) FROM decision_outcomes WHERE exposure_id = $1 AND decision_id = $2 AND action IN ('started', 'completed')", exposure, "habit:"+habit); n != 2 {
		t.Errorf("outcomes = %d, want started and completed", n)
	}
	// Twice (a double tap): no second reward.
	act(c, "/today/picks/act", "habit:"+habit, "done", exposure).AssertStatus(http.StatusOK)
	if n := count(t, env, "SELECT count(*) FROM ledger_entries l JOIN users u ON u.id = l.user_id WHERE u.email = 'inplace@example.com'"); n != 1 {
		t.Errorf("ledger entries = %d, want 1", n)
	}

	undo, _ := done.Attr(`#today-notice input[name="act"]`, "value")
	undone := act(c, "/today/picks/undo", "habit:"+habit, undo, "").AssertStatus(http.StatusOK)
	undone.AssertText("#today-notice", "Undone.")
	if n := count(t, env, "SELECT count(*) FROM habit_completions WHERE habit_id = $1 AND day = current_date", habit); n != 0 {
		t.Fatalf("completions after undo = %d, want 0", n)
	}
	if got := decisions(undone); len(got) == 0 || got[0] != "habit:"+habit {
		t.Errorf("after undo, decisions = %v, want the habit back first", got)
	}

	// Without htmx the form still works and lands on Today.
	c.Post("/today/picks/act").Form("decision", "habit:"+habit, "act", "done").Do().AssertRedirect("/today")

	// Undo after the coins are spent is refused with the reason, nothing changed.
	if _, err := env.Pool.Exec(t.Context(), "UPDATE user_progress SET coins = 0"); err != nil {
		t.Fatal(err)
	}
	act(c, "/today/picks/undo", "habit:"+habit, "done", "").AssertStatus(http.StatusConflict).
		AssertText("#today-notice .alert-error", "already spent")
	if n := count(t, env, "SELECT count(*) FROM habit_completions WHERE habit_id = $1", habit); n != 7 {
		t.Errorf("completions = %d, want 7", n)
	}
}

func TestPickActionsRefuseWhatIsNotTheUsers(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	owner := env.SignIn("owner@example.com", "")
	habit := seedHabit(t, env, owner, "Mine", 1)
	other := env.SignIn("intruder@example.com", "")
	act(other, "/today/picks/act", "habit:"+habit, "done", "").AssertStatus(http.StatusNotFound).
		AssertText("#today-notice", "no longer on your list")
	act(other, "/today/picks/undo", "habit:"+habit, "done", "").AssertStatus(http.StatusNotFound)
	for _, bad := range [][2]string{{"habit:" + habit, "explode"}, {"habit:not-a-uuid", "done"}, {"nothing", "done"}, {"focus:start", "claim"}, {"quest:daily-intention", ""}} {
		act(other, "/today/picks/act", bad[0], bad[1], "").AssertStatus(http.StatusNotFound)
	}
	// A claim before the quest is complete changes nothing.
	act(other, "/today/picks/act", "quest:daily-intention", "claim", "").AssertStatus(http.StatusConflict)
	if n := count(t, env, "SELECT count(*) FROM habit_completions"); n != 1 {
		t.Errorf("completions = %d, want the owner's one", n)
	}
	// A habit not due today is refused.
	_, err := env.Pool.Exec(t.Context(), `UPDATE habits SET cadence = 'weekdays',
		weekdays = 1 << ((extract(dow FROM now() AT TIME ZONE 'UTC')::int + 1) % 7) WHERE id = $1`, habit)
	if err != nil {
		t.Fatal(err)
	}
	act(owner, "/today/picks/act", "habit:"+habit, "done", "").AssertStatus(http.StatusConflict).AssertText("#today-notice", "not due today")
}

func TestQuestAndFocusPicksActInPlace(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("quester@example.com", "")
	page := c.Get("/today").Do()
	page.AssertText(`button[aria-label="Mark done: Set an intention"]`, "Mark done")
	page.AssertText("#quick-picks", "0 of 3 today · 3 habits to go")

	act(c, "/today/picks/act", "quest:daily-intention", "advance", "").AssertStatus(http.StatusOK).
		AssertText("#today-notice", "“Set an intention”: Complete: claim the reward.").
		AssertText(`button[aria-label="Claim: Set an intention"]`, "Claim")
	act(c, "/today/picks/act", "quest:daily-intention", "claim", "").AssertStatus(http.StatusOK).
		AssertText("#today-notice", "Claimed “Set an intention”: +10 XP, +2 coins.")
	if got := decisions(c.Get("/today").Do()); slices.Contains(got, "quest:daily-intention") {
		t.Errorf("a claimed quest is still offered: %v", got)
	}
	// A quest counted from habits leads to the habits.
	c.Post("/today/picks").Form("decision", "quest:daily-three-habits").Do().AssertRedirect("/habits")

	r := act(c, "/today/picks/act", "focus:start", "start", "").AssertStatus(http.StatusNoContent)
	if got := r.Header.Get("HX-Redirect"); got != "/focus" {
		t.Errorf("HX-Redirect = %q, want /focus", got)
	}
	if n := count(t, env, "SELECT count(*) FROM focus_sessions WHERE ended_at IS NULL"); n != 1 {
		t.Errorf("running sessions = %d, want 1", n)
	}
}

func TestNotNowPutsAPickOffForTheDay(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("later@example.com", "")
	habit := seedHabit(t, env, c, "Scales", 9)
	page := c.Get("/today").Do()
	before := decisions(page)
	exposure, _ := page.Attr(`#starter input[name="exposure"]`, "value")

	after := act(c, "/today/picks/dismiss", "habit:"+habit, "", exposure).AssertStatus(http.StatusOK)
	after.AssertText("#today-notice", "Put off until tomorrow.")
	got := decisions(after)
	if slices.Contains(got, "habit:"+habit) || len(got) == 0 || got[0] != before[1] {
		t.Fatalf("after Not now, decisions = %v (before %v), want the next pick first", got, before)
	}
	if n := count(t, env, "SELECT count(*) FROM decision_outcomes WHERE exposure_id = $1 AND action = 'dismissed' AND decision_id = $2", exposure, "habit:"+habit); n != 1 {
		t.Errorf("dismissed outcomes = %d, want 1", n)
	}
	// Another device sees it put off too; the habit page can still do it.
	if got := decisions(env.SignIn("later@example.com", "").Get("/today").Do()); slices.Contains(got, "habit:"+habit) {
		t.Errorf("another device still offers it: %v", got)
	}
	// Tomorrow it is back.
	if _, err := env.Pool.Exec(t.Context(), "UPDATE today_dismissals SET day = day - 1"); err != nil {
		t.Fatal(err)
	}
	if got := decisions(c.Get("/today").Do()); len(got) == 0 || got[0] != "habit:"+habit {
		t.Errorf("the next day, decisions = %v, want the habit back first", got)
	}
	act(c, "/today/picks/dismiss", "habit:not-a-uuid", "", "").AssertStatus(http.StatusNotFound)
	act(c, "/today/picks/dismiss", "bogus:1", "", "").AssertStatus(http.StatusNotFound)
}

func TestWhyTellsTheTruthWithLittleHistory(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("fresh@example.com", "")
	seedHabit(t, env, c, "Once", 1)
	page := c.Get("/today").Do()
	page.AssertText("#starter", "Once")
	if why := page.Text("#starter .why"); why != "Due today" {
		t.Errorf("a habit done once says %q, want its reason", why)
	}
	for _, why := range page.Doc().Find(".why").Nodes {
		if text := why.FirstChild.Data; text == "Something you do often" || text == "A good place to start" {
			t.Errorf("with one completion, a pick says %q", text)
		}
	}
}
