//go:build !fast

package e2e

import "testing"

func TestTodayPicksAreExplainedAndActedOn(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("picks@example.com", "Pip")
	tab.AddHabit("Scales")
	tab.AddHabit("Ear training")
	// History: scales done daily for three weeks, ear training twice.
	app.Exec(t, `UPDATE habits SET created_at = now() - interval '30 days' WHERE user_id = (SELECT id FROM users WHERE email = 'picks@example.com')`)
	app.Exec(t, `INSERT INTO habit_completions (habit_id, user_id, day)
		SELECT h.id, h.user_id, current_date - d FROM habits h, generate_series(1, CASE WHEN h.title = 'Scales' THEN 21 ELSE 2 END) AS d
		WHERE h.user_id = (SELECT id FROM users WHERE email = 'picks@example.com')`)
	app.Exec(t, `UPDATE habits h SET completions = c.n, last_completed = c.last FROM (SELECT habit_id, count(*) AS n, max(day) AS last FROM habit_completions GROUP BY habit_id) c
		WHERE c.habit_id = h.id AND h.user_id = (SELECT id FROM users WHERE email = 'picks@example.com')`)

	tab.Click(`.sidebar a:has-text("Today")`)
	tab.WaitForPath("/today")
	tab.ExpectText("#starter button[data-decision]", "Scales")
	tab.ExpectText("#starter .why", "Something you do often")
	tab.ExpectText("#quick-picks", "Ear training")
	first, _ := tab.Page.Locator("button[data-decision]").AllTextContents()

	// Another browser sees the same order.
	other := app.NewTab(t)
	other.SignIn("picks@example.com", "")
	again, _ := other.Page.Locator("button[data-decision]").AllTextContents()
	if len(first) == 0 || len(again) != len(first) || first[0] != again[0] || first[len(first)-1] != again[len(again)-1] {
		t.Fatalf("orders differ: %v and %v", first, again)
	}

	exposure, err := tab.Page.Locator(`#starter input[name="exposure"]`).First().GetAttribute("value")
	if err != nil || exposure == "" {
		t.Fatalf("no exposure on the starter block (%v)", err)
	}
	tab.Click(`#starter button[data-decision]`)
	tab.WaitForPath("/habits/**")
	tab.ExpectText("h1", "Scales")
	app.Exec(t, `DO $$ BEGIN
		IF NOT EXISTS (SELECT 1 FROM decision_outcomes WHERE exposure_id = '`+exposure+`' AND action = 'started') THEN
			RAISE EXCEPTION 'no outcome for the exposure';
		END IF; END $$`)

	// Today changes when the user asks: Scales done in the other browser
	// leaves the starter block on Refresh.
	tab.Visit("/today")
	tab.ExpectText("#starter button[data-decision]", "Scales")
	other.Visit("/habits")
	other.Click(`button[aria-label="Mark Scales done"]`)
	other.ExpectText("#habit-list", "Done today")
	tab.ExpectText("#starter button[data-decision]", "Scales")
	tab.Click("#today-refresh")
	tab.ExpectText("#starter button[data-decision]", "Ear training")
}

func TestReducedModeAfterFourDays(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("away@example.com", "Ava")
	tab.AddHabit("Stretch")
	tab.Click(`button[aria-label="Mark Stretch done"]`)
	tab.ExpectText("#habit-list .badge", "Done today")
	app.Exec(t, `UPDATE habit_completions SET created_at = now() - interval '4 days' WHERE user_id = (SELECT id FROM users WHERE email = 'away@example.com')`)
	app.Exec(t, `UPDATE ledger_entries SET created_at = now() - interval '4 days' WHERE user_id = (SELECT id FROM users WHERE email = 'away@example.com')`)

	tab.Visit("/today")
	tab.ExpectText("#reduced-title", "Welcome back")
	if open, _ := tab.Page.Locator("details.collapsed").GetAttribute("open"); open != "" {
		t.Error("the rest of the page is not collapsed")
	}
	tab.Click(`button:has-text("Show everything")`)
	tab.WaitForPath("/today")
	tab.ExpectText("#starter-title", "Next up")
}

func TestNewcomerIsLedToAddAHabit(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("newcomer@example.com", "Nia")
	tab.ExpectText("#starter button[data-decision]", "Add a habit")
	tab.Click(`#starter button[data-decision]`)
	tab.WaitForPath("/habits?add=1#habit-form-card")
	tab.Fill("#habit-title", "Stretch")
	tab.Click(`#habit-form button[type=submit]`)
	tab.WaitForPath("/habits")
	tab.ExpectText("#habit-list", "Stretch")
	tab.Visit("/today")
	tab.ExpectText("#starter button[data-decision]", "Stretch")
}

// TestPicksAreDoneWhereTheyAre acts on Today's picks without leaving it:
// a habit is marked done (and undone), another put off for the day, a
// quest kept by hand marked and claimed, and on a phone the focus pick
// starts the session.
func TestPicksAreDoneWhereTheyAre(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("inplace@example.com", "Ida")
	tab.AddHabit("Scales")
	tab.AddHabit("Stretch")
	// 95 XP earned before: this habit reaches level 2, and the page says so.
	app.Exec(t, `WITH u AS (SELECT id FROM users WHERE email = 'inplace@example.com'),
		l AS (INSERT INTO ledger_entries (user_id, key, reason, xp) SELECT id, 'test:grant', 'Test grant', 95 FROM u)
		INSERT INTO user_progress (user_id, xp) SELECT id, 95 FROM u`)
	tab.Visit("/today")
	tab.ExpectText("#today-coins", "0")

	tab.Click(`button[aria-label="Mark done: Scales"]`)
	tab.ExpectText("#today-notice", "“Scales” is done for today.")
	tab.ExpectText("#today-coins", "2")
	tab.ExpectText("#celebration", "Level 2!")
	if n, _ := tab.Page.Locator(`#today button[data-decision]:has-text("Scales")`).Count(); n != 0 {
		t.Error("Scales is still offered after it was done")
	}
	tab.Audit()
	tab.Click(`#today-notice button:has-text("Undo")`)
	tab.ExpectText("#today-notice", "Undone.")
	tab.ExpectText("#today", "Scales")
	tab.ExpectText("#today-coins", "0")

	tab.Click(`button[aria-label="Not now: Stretch"]`)
	tab.ExpectText("#today-notice", "Put off until tomorrow.")
	if n, _ := tab.Page.Locator(`#today button[data-decision]:has-text("Stretch")`).Count(); n != 0 {
		t.Error("Stretch is still offered after Not now")
	}

	tab.Click(`button[aria-label="Mark done: Set an intention"]`)
	tab.ExpectText("#today-notice", "Complete: claim the reward")
	tab.Click(`button[aria-label="Claim: Set an intention"]`)
	tab.ExpectText("#today-notice", "Claimed “Set an intention”")
	tab.ExpectText("#today-coins", "2")

	// The habit's own page marks it done too.
	tab.Click(`#today button[data-decision]:has-text("Scales")`)
	tab.WaitForPath("/habits/**")
	tab.Click(`#habit-today button[aria-label="Mark Scales done"]`)
	tab.ExpectText("#habit-today", "Done today")
	tab.Click(`#habit-today button[aria-label="Undo Scales"]`)
	tab.ExpectText("#habit-today", "Mark done")

	phone := app.NewPhoneTab(t)
	phone.SignIn("inplace@example.com", "")
	phone.Visit("/today")
	phone.Audit()
	// Five picks show: putting one off brings the focus pick in.
	phone.Click(`button[aria-label="Not now: Share your progress"]`)
	phone.ExpectText("#today-notice", "Put off until tomorrow.")
	phone.Click(`button[aria-label="Start: Start a focus session"]`)
	phone.WaitForPath("/focus")
	phone.ExpectText("main", "Pause")
}
