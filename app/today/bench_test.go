package today_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"ignition/app/apptest"
)

// BenchmarkToday renders Today for a user with ten habits and two years of
// history, in-process against the real database (no Neo4j).
func BenchmarkToday(b *testing.B) {
	env := apptest.New(b)
	c := env.SignIn("bench@example.com", "")
	for i := 0; i < 10; i++ {
		c.Post("/habits").Form("title", "Habit "+string(rune('A'+i)), "cadence", "daily", "skill", "guts").Do()
	}
	_, err := env.Pool.Exec(b.Context(), `UPDATE habits SET created_at = now() - interval '730 days';
		INSERT INTO habit_completions (habit_id, user_id, day)
		SELECT h.id, h.user_id, current_date - d FROM habits h, generate_series(1, 730) AS d;
		UPDATE habits h SET completions = 730, last_completed = current_date - 1`)
	if err != nil {
		b.Fatal(err)
	}
	cookie := c.CookieHeader()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest(http.MethodGet, "/today", nil)
		req.Header.Set("Cookie", cookie)
		rec := httptest.NewRecorder()
		env.App.Handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
