//go:build !fast

package today_test

import (
	"net/http"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/graphtest"
	"ignition/app/store/db"
)

// TestSequenceSignalFromNeo4j runs Today against a real Neo4j projection:
// the habit that usually follows the last action moves up and says why;
// the kill switch, a stalled server and a gap each fall back as specified.
func TestSequenceSignalFromNeo4j(t *testing.T) {
	t.Parallel()
	neo := graphtest.Start(t)
	// A generous timeout keeps a busy test machine from dropping the signal;
	// the stalled check below stays well under it.
	env := apptest.New(t, func(name string) string {
		switch name {
		case "IGNITION_NEO4J_URL":
			return neo.URL
		case "IGNITION_NEO4J_TIMEOUT":
			return "1s"
		}
		return ""
	})
	c := env.SignIn("seq@example.com", "")
	often := seedHabit(t, env, c, "Often", 10)
	next := seedHabit(t, env, c, "Next", 5)
	var user string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM users WHERE email = 'seq@example.com'").Scan(&user); err != nil {
		t.Fatal(err)
	}
	// History: after a focus session, the user always does "Next".
	for i := 0; i < 3; i++ {
		for _, action := range []string{"focus:start", "habit:" + next} {
			if _, err := env.Pool.Exec(t.Context(), "INSERT INTO activity_events (user_id, action) VALUES ($1, $2)", user, action); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := env.Pool.Exec(t.Context(), "INSERT INTO activity_events (user_id, action) VALUES ($1, 'focus:start')", user); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Graph.Sync(t.Context(), db.New(env.Pool), time.Now()); err != nil {
		t.Fatal(err)
	}

	page := c.Get("/today").Do()
	if got := decisions(page); got[0] != "habit:"+next {
		t.Fatalf("with the sequence signal, the starter is %s, want habit:%s", got[0], next)
	}
	page.AssertText("#starter .why", "Frequently follows a recent action")

	// Kill switch: back to frequency and recency, where "Often" wins.
	if _, err := env.Pool.Exec(t.Context(), "INSERT INTO feature_flags (key, enabled) VALUES ('KillSwitch_Neo4j', true)"); err != nil {
		t.Fatal(err)
	}
	page = c.Get("/today").Do()
	if got := decisions(page); got[0] != "habit:"+often {
		t.Fatalf("with Neo4j switched off, the starter is %s, want habit:%s", got[0], often)
	}
	if page.Text("#starter .why") == "Frequently follows a recent action" {
		t.Error("a switched-off signal is cited")
	}
	if _, err := env.Pool.Exec(t.Context(), "DELETE FROM feature_flags"); err != nil {
		t.Fatal(err)
	}

	// A stalled server: the page still renders, without the signal. (A new
	// sync position first, so the page cannot use an answer it already has.)
	if _, err := env.Pool.Exec(t.Context(), "INSERT INTO activity_events (user_id, action) VALUES ($1, 'focus:start')", user); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Graph.Sync(t.Context(), db.New(env.Pool), time.Now()); err != nil {
		t.Fatal(err)
	}
	neo.Pause(t)
	start := time.Now()
	page = c.Get("/today").Do().AssertStatus(http.StatusOK)
	elapsed := time.Since(start)
	neo.Resume(t)
	if got := decisions(page); got[0] != "habit:"+often {
		t.Errorf("with Neo4j stalled, the starter is %s, want the fallback habit:%s", got[0], often)
	}
	if elapsed > 3*time.Second {
		t.Errorf("a stalled Neo4j held the page for %s", elapsed)
	}

	// Ranking never overrides reduced mode.
	if _, err := env.Pool.Exec(t.Context(), `UPDATE habit_completions SET created_at = now() - interval '5 days';
		UPDATE activity_events SET occurred_at = now() - interval '5 days'`); err != nil {
		t.Fatal(err)
	}
	c.Get("/today").Do().AssertText("#reduced-title", "Welcome back")
}
