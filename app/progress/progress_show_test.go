package progress_test

import (
	"net/http"
	"testing"

	"ignition/app/apptest"
)

// TestTheWheelReadsWithOneSkill: five axes, grid rings, a dot where the
// one trained skill reaches, and each skill's own level.
func TestTheWheelReadsWithOneSkill(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("wheel@example.com", "")
	_, err := env.Pool.Exec(t.Context(), `WITH u AS (SELECT id FROM users WHERE email = 'wheel@example.com'),
		l AS (INSERT INTO ledger_entries (user_id, key, reason, xp, skill) SELECT id, 'test:grant', 'Test grant', 120, 'guts' FROM u),
		s AS (INSERT INTO user_skills (user_id, skill, xp) SELECT id, 'guts', 120 FROM u)
		INSERT INTO user_progress (user_id, xp) SELECT id, 120 FROM u`)
	if err != nil {
		t.Fatal(err)
	}
	page := c.Get("/progress").Do().AssertStatus(http.StatusOK)
	doc := page.Doc()
	if n := doc.Find(".wheel .wheel-spoke").Length(); n != 5 {
		t.Errorf("%d axes, want 5", n)
	}
	if n := doc.Find(".wheel .wheel-ring").Length(); n != 3 {
		t.Errorf("%d grid rings, want 3", n)
	}
	if n := doc.Find(".wheel .wheel-dot").Length(); n != 1 {
		t.Errorf("%d dots, want the one trained skill's", n)
	}
	row := doc.Find("#skill-totals tr:has(th:contains('Guts'))")
	if got := row.Find("td").First().Text(); got != "2" {
		t.Errorf("Guts level = %q, want 2 (120 XP)", got)
	}
}
