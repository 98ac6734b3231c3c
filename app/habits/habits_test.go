package habits_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"ignition/app/apptest"
)

// createHabit creates a habit through the form and returns its ID.
func createHabit(t *testing.T, c *apptest.Client, pairs ...string) string {
	t.Helper()
	c.Post("/habits").Form(pairs...).Do().AssertRedirect("/habits")
	page := c.Get("/habits").Do()
	id := strings.TrimPrefix(page.Doc().Find("#habit-list li").Last().AttrOr("id", ""), "habit-")
	if id == "" {
		t.Fatal("the new habit is not listed")
	}
	return id
}

func balances(t *testing.T, env *apptest.Env, email string) (xp, coins, ledgerXP, ledgerCoins int64) {
	t.Helper()
	err := env.Pool.QueryRow(t.Context(), `SELECT coalesce(p.xp, 0), coalesce(p.coins, 0),
		(SELECT coalesce(sum(xp), 0) FROM ledger_entries l WHERE l.user_id = u.id),
		(SELECT coalesce(sum(coins), 0) FROM ledger_entries l WHERE l.user_id = u.id)
		FROM users u LEFT JOIN user_progress p ON p.user_id = u.id WHERE u.email = $1`, email).Scan(&xp, &coins, &ledgerXP, &ledgerCoins)
	if err != nil {
		t.Fatal(err)
	}
	if xp != ledgerXP || coins != ledgerCoins {
		t.Fatalf("balances %d XP %d coins disagree with the ledger's %d XP %d coins", xp, coins, ledgerXP, ledgerCoins)
	}
	var skillsDisagree int
	err = env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM (
		SELECT skill, sum(xp) AS xp FROM ledger_entries l JOIN users u ON u.id = l.user_id WHERE u.email = $1 AND skill IS NOT NULL GROUP BY skill
		EXCEPT SELECT s.skill, s.xp FROM user_skills s JOIN users u ON u.id = s.user_id WHERE u.email = $1) AS d`, email).Scan(&skillsDisagree)
	if err != nil || skillsDisagree != 0 {
		t.Fatalf("skill totals disagree with the ledger (%d, %v)", skillsDisagree, err)
	}
	return xp, coins, ledgerXP, ledgerCoins
}

func TestCreateRejectsBadInputAndKeepsIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("habits@example.com", "")
	c.Get("/habits").Do().AssertStatus(http.StatusOK).AssertText(".empty h2", "No habits yet")

	bad := c.Post("/habits").Form("title", "", "cadence", "weekdays", "skill", "guts", "reminder", "25:99", "description", "why").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#habit-title-error", "Title is required.")
	bad.AssertText("#habit-weekday-error", "Choose at least one day.")
	bad.AssertText("#habit-reminder-error", "Enter a time like 07:30.")
	if _, ok := bad.Attr(`input[name="cadence"][value="weekdays"]`, "checked"); !ok {
		t.Error("the chosen cadence was lost")
	}
	if bad.Text("#habit-description") != "why" {
		t.Error("the description was lost")
	}
	c.Post("/habits").Form("title", "Stretch", "cadence", "weekly", "times_per_week", "9", "skill", "guts").Do().
		AssertStatus(http.StatusUnprocessableEntity).AssertText("#habit-times-error", "from 1 to 7")
	c.Post("/habits").Form("title", "Stretch", "cadence", "hourly", "skill", "luck").Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post("/habits").Form("title", strings.Repeat("x", 81), "cadence", "daily", "skill", "guts").Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Get("/habits").Do().AssertText(".empty h2", "No habits yet")
}

func TestCompleteUndoAndTheLedger(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("ledger@example.com", "")
	id := createHabit(t, c, "title", "Read 10 pages", "cadence", "daily", "skill", "knowledge", "reminder", "07:30")
	page := c.Get("/habits").Do()
	page.AssertText("#habit-"+id, "Every day · Knowledge · reminder 07:30")
	page.AssertText("#habit-"+id+" .streak", "No streak yet")

	row := c.Post("/habits/" + id + "/complete").HTMX().Do().AssertStatus(http.StatusOK)
	row.AssertText("#habit-"+id+" .streak", "1-day streak")
	row.AssertText("#habit-"+id+" .badge", "Done today")
	// Completing twice pays once.
	c.Post("/habits/" + id + "/complete").HTMX().Do().AssertStatus(http.StatusOK)
	if xp, coins, _, _ := balances(t, env, "ledger@example.com"); xp != 10 || coins != 2 {
		t.Fatalf("after completing: %d XP %d coins, want 10 and 2", xp, coins)
	}
	c.Get("/progress").Do().AssertText("#coins", "2").AssertText("#activity", "Completed “Read 10 pages”").AssertText("#skill-totals", "10")

	c.Post("/habits/"+id+"/undo").HTMX().Do().AssertStatus(http.StatusOK).AssertText("#habit-"+id+" .streak", "No streak yet")
	c.Post("/habits/" + id + "/undo").Do().AssertRedirect("/habits")
	if xp, coins, _, _ := balances(t, env, "ledger@example.com"); xp != 0 || coins != 0 {
		t.Fatalf("after undoing: %d XP %d coins, want 0", xp, coins)
	}
	c.Post("/habits/" + id + "/complete").Do().AssertRedirect("/habits")
	if xp, _, _, _ := balances(t, env, "ledger@example.com"); xp != 10 {
		t.Fatalf("completing again after an undo: %d XP, want 10", xp)
	}
	c.Get("/progress").Do().AssertText("#activity", "Undid “Read 10 pages”")
}

func TestNotDueAndArchivedHabitsCannotBeCompleted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("due@example.com", "")
	today := int(time.Now().UTC().Weekday()) // the user's time zone is UTC
	form := []string{"title", "Gym", "cadence", "weekdays", "skill", "guts"}
	for d := 0; d < 7; d++ {
		if d != today {
			form = append(form, "weekday", strconv.Itoa(d))
		}
	}
	id := createHabit(t, c, form...)
	c.Get("/habits").Do().AssertText("#habit-"+id, "Not due today")
	c.Post("/habits/" + id + "/complete").Do().AssertStatus(http.StatusConflict)

	daily := createHabit(t, c, "title", "Walk", "cadence", "daily", "skill", "guts")
	c.Post("/habits/" + daily + "/archive").Do().AssertRedirect("/habits")
	c.Post("/habits/" + daily + "/complete").Do().AssertStatus(http.StatusConflict)
	c.Get("/habits/archived").Do().AssertText("#archived-list", "Walk")
	c.Get("/habits/"+daily).Do().AssertText(".alert-warn", "archived")
	c.Post("/habits/" + daily + "/archive").Do().AssertStatus(http.StatusNotFound)
	c.Post("/habits/" + daily + "/restore").Do().AssertRedirect("/habits/" + daily)
	c.Post("/habits/" + daily + "/complete").Do().AssertRedirect("/habits")
	if xp, _, _, _ := balances(t, env, "due@example.com"); xp != 10 {
		t.Fatalf("XP = %d, want 10", xp)
	}
}

func TestEditAndDetail(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("edit@example.com", "")
	id := createHabit(t, c, "title", "Practice scales", "cadence", "weekly", "times_per_week", "3", "skill", "proficiency")
	c.Post("/habits/" + id + "/complete").Do()
	page := c.Get("/habits/" + id).Do().AssertStatus(http.StatusOK)
	page.AssertText("h1", "Practice scales")
	page.AssertText("#stat-current", "No streak yet") // 1 of 3 this week: the week is still open
	if n := page.Doc().Find(".heatmap rect.hm-done").Length(); n != 1 {
		t.Errorf("heatmap shows %d done days, want 1", n)
	}
	if n := page.Doc().Find(".heatmap rect").Length(); n != 26*7 {
		t.Errorf("heatmap has %d days, want %d", n, 26*7)
	}
	c.Get("/habits").Do().AssertText("#habit-"+id+" .streak", "1 of 3 this week")

	bad := c.Post("/habits/"+id).Form("title", "", "cadence", "weekly", "times_per_week", "3", "skill", "proficiency").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity).AssertText("#habit-title-error", "Title is required.")
	c.Post("/habits/"+id).Form("title", "Scales", "cadence", "daily", "skill", "charm").Do().AssertRedirect("/habits/" + id)
	c.Get("/habits/"+id).Do().AssertText("h1", "Scales").AssertText("#stat-current", "1-day streak")
}

// TestAnotherUsersHabitsAreNotFound tries every habit route on a habit
// that belongs to someone else.
func TestAnotherUsersHabitsAreNotFound(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	owner := env.SignIn("owner@example.com", "")
	id := createHabit(t, owner, "title", "Private habit", "cadence", "daily", "skill", "guts")
	other := env.SignIn("other@example.com", "")
	other.Get("/habits/" + id).Do().AssertStatus(http.StatusNotFound)
	other.Get("/habits/not-a-uuid").Do().AssertStatus(http.StatusNotFound)
	for _, action := range []string{"", "/archive", "/restore", "/complete", "/undo"} {
		other.Post("/habits/"+id+action).Form("title", "Mine now", "cadence", "daily", "skill", "guts").Do().AssertStatus(http.StatusNotFound)
	}
	if strings.Contains(string(other.Get("/habits").Do().Body), "Private habit") {
		t.Error("another user's habit is listed")
	}
	owner.Get("/habits/"+id).Do().AssertText("h1", "Private habit")
	if _, _, xp, _ := balances(t, env, "other@example.com"); xp != 0 {
		t.Error("another user's habit paid out")
	}
}

// TestUndoAfterTheCoinsAreSpent: a completion whose coins were spent stays
// done; the user is told why, nothing changes, and nothing fails.
func TestUndoAfterTheCoinsAreSpent(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("spent@example.com", "")
	id := createHabit(t, c, "title", "Practice scales", "cadence", "daily", "skill", "proficiency")
	c.Post("/habits/" + id + "/complete").Do().AssertRedirect("/habits")
	// Spend the two coins it earned, as the market would.
	if _, err := env.Pool.Exec(t.Context(), `WITH spend AS (
		INSERT INTO ledger_entries (user_id, key, reason, coins) SELECT id, 'market:test', 'Bought a test', -2 FROM users WHERE email = 'spent@example.com')
		UPDATE user_progress SET coins = coins - 2 WHERE user_id = (SELECT id FROM users WHERE email = 'spent@example.com')`); err != nil {
		t.Fatal(err)
	}
	row := c.Post("/habits/" + id + "/undo").HTMX().Do().AssertStatus(http.StatusConflict)
	row.AssertText("#habit-"+id+" .badge", "Done today")
	row.AssertText("#habit-"+id+" [role=alert]", "already spent")
	page := c.Post("/habits/" + id + "/undo").Do().AssertStatus(http.StatusConflict)
	page.AssertText("#habit-"+id+" [role=alert]", "already spent")
	if page.Doc().Find("[role=alert]").Length() != 1 {
		t.Error("the notice shows on more than the habit undone")
	}
	if xp, coins, _, _ := balances(t, env, "spent@example.com"); xp != 10 || coins != 0 {
		t.Errorf("after the refused undo: %d XP %d coins, want 10 and 0", xp, coins)
	}
	c.Get("/habits").Do().AssertText("#habit-"+id+" .badge", "Done today")
}

// TestFieldErrorsAreLinkedToTheirFields: every message beside a field is
// named by the field's aria-describedby, so a screen reader reads it with
// the field (inputs, text areas, radio and check box groups alike).
func TestFieldErrorsAreLinkedToTheirFields(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("a11y@example.com", "")
	bad := c.Post("/habits").Form("title", "", "cadence", "weekdays", "skill", "guts", "description", strings.Repeat("x", 501)).Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	for _, id := range []string{"habit-title", "habit-weekday", "habit-description"} {
		by, _ := bad.Attr("#"+id, "aria-describedby")
		if !strings.Contains(by, id+"-error") || bad.Doc().Find("#"+id+"-error").Length() != 1 {
			t.Errorf("#%s: aria-describedby %q does not name its error", id, by)
		}
		if inv, _ := bad.Attr("#"+id, "aria-invalid"); inv != "true" {
			t.Errorf("#%s is not marked invalid", id)
		}
	}
}
