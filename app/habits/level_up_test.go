package habits_test

import (
	"net/http"
	"testing"

	"ignition/app/apptest"
)

// TestCrossingALevelIsCelebrated: the reward that crosses a level answers
// with the new level out of band; after a redirect the next page shows it,
// once; a reward that crosses nothing shows nothing.
func TestCrossingALevelIsCelebrated(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("levels@example.com", "")
	first := createHabit(t, c, "title", "Scales", "cadence", "daily", "skill", "guts")
	second := createHabit(t, c, "title", "Stretch", "cadence", "daily", "skill", "guts")
	// 90 XP earned before: level 2 starts at 100.
	_, err := env.Pool.Exec(t.Context(), `WITH u AS (SELECT id FROM users WHERE email = 'levels@example.com'),
		l AS (INSERT INTO ledger_entries (user_id, key, reason, xp) SELECT id, 'test:grant', 'Test grant', 90 FROM u)
		INSERT INTO user_progress (user_id, xp) SELECT id, 90 FROM u`)
	if err != nil {
		t.Fatal(err)
	}
	done := c.Post("/habits/" + first + "/complete").HTMX().Do().AssertStatus(http.StatusOK)
	done.AssertText(`#celebration[hx-swap-oob="true"]`, "Level 2!")

	if c.Post("/habits/"+second+"/complete").HTMX().Do().Doc().Find("#celebration").Length() != 0 {
		t.Error("a reward that crossed no level is celebrated")
	}

	// 190 more XP: the next habit reaches level 3, through a plain form.
	_, err = env.Pool.Exec(t.Context(), `WITH u AS (SELECT id FROM users WHERE email = 'levels@example.com'),
		l AS (INSERT INTO ledger_entries (user_id, key, reason, xp) SELECT id, 'test:grant2', 'Test grant', 180 FROM u)
		UPDATE user_progress p SET xp = xp + 180 FROM u WHERE p.user_id = u.id`)
	if err != nil {
		t.Fatal(err)
	}
	third := createHabit(t, c, "title", "Sing", "cadence", "daily", "skill", "guts")
	c.Post("/habits/" + third + "/complete").Do().AssertRedirect("/habits")
	c.Get("/habits").Do().AssertText("#celebration", "Level 3!")
	if c.Get("/habits").Do().Doc().Find("#celebration .celebration-card").Length() != 0 {
		t.Error("the level is celebrated twice")
	}
}
