package focus_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/focus"
)

func sessionID(t *testing.T, env *apptest.Env) string {
	t.Helper()
	var id string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM focus_sessions WHERE ended_at IS NULL").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestTheServerEndsSessionsNobodyWatches: the janitor ends a session whose
// time ran out, as of the moment it did, and pays it once though two
// processes run it at once; a paused session is left alone.
func TestTheServerEndsSessionsNobodyWatches(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("away@example.com", "")
	paused := env.SignIn("paused@example.com", "")
	c.Post("/focus/start").Form("kind", "focus").Do().AssertRedirect("/focus")
	paused.Post("/focus/start").Form("kind", "focus").Do()
	paused.Post("/focus/pause").Do()
	elapse(t, env, 40)

	var wg sync.WaitGroup
	ended := make([]int, 2)
	for i := range ended {
		wg.Go(func() {
			n, err := focus.EndExpired(t.Context(), env.Pool, time.Now())
			if err != nil {
				t.Error(err)
			}
			ended[i] = n
		})
	}
	wg.Wait()
	if ended[0]+ended[1] != 1 {
		t.Fatalf("the two janitors ended %v sessions, want 1 in all", ended)
	}
	var late float64
	if err := env.Pool.QueryRow(t.Context(), `SELECT extract(epoch FROM ended_at - started_at) FROM focus_sessions
		WHERE outcome = 'completed'`).Scan(&late); err != nil {
		t.Fatal(err)
	}
	if late < 25*60-1 || late > 25*60+1 {
		t.Errorf("the session ended %.0f s after it started, want its 25 minutes", late)
	}
	var paid, running int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM ledger_entries WHERE key LIKE 'focus:%'").Scan(&paid); err != nil || paid != 1 {
		t.Errorf("paid %d times (%v), want once", paid, err)
	}
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM focus_sessions WHERE ended_at IS NULL").Scan(&running); err != nil || running != 1 {
		t.Errorf("%d sessions still run (%v), want the paused one", running, err)
	}
	// The browser that comes back to the timer lands softly on Today,
	// though the janitor ended the session.
	c.Get("/focus").Do().AssertText("#focus-history", "completed")
	c.Get("/today").Do().AssertText("#landing-title", "Nice work")
}

// TestTheEndStartsTheBreakChimesAndNotifies: with "Start the break" chosen
// the break begins when the focus session ran out; the page that showed
// the session says so, and its indicator carries the chime and the
// notification as the settings allow.
func TestTheEndStartsTheBreakChimesAndNotifies(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("breaks@example.com", "")
	c.Post("/focus/settings").Form("focus_minutes", "25", "short_break_minutes", "5", "long_break_minutes", "15",
		"long_break_every", "4", "end_action", "break", "chime", "on").Do().AssertRedirect("/focus?saved=1")
	c.Get("/focus").Do().AssertStatus(http.StatusOK)
	c.Post("/focus/start").Form("kind", "focus").Do()
	id := sessionID(t, env)
	page := c.Get("/focus").Do()
	trigger, _ := page.Attr("#focus-panel", "hx-trigger")
	var delay int
	if _, err := fmt.Sscanf(trigger, "every 30s, live:focus from:body, load delay:%dms", &delay); err != nil || delay > 1500500 || delay < 1495000 {
		t.Errorf("panel trigger = %q, want a poll and half a second after the time runs out", trigger)
	}
	if get, _ := page.Attr("#focus-indicator", "hx-get"); get != "/focus/indicator?after="+id {
		t.Errorf("indicator asks %q", get)
	}
	elapse(t, env, 27) // two minutes into the break

	ind := c.Get("/focus/indicator?after=" + id).HTMX().Do()
	assertLeft(t, ind, ".focus-indicator", "Short break · ", 3)
	if chime, _ := ind.Attr(".focus-ended", "data-chime"); chime == "" {
		t.Error("no chime at the end")
	}
	if title, _ := ind.Attr(".focus-ended", "data-notify"); title != "Focus complete" {
		t.Errorf("notification = %q", title)
	}
	c.Get("/focus/panel?after="+id).HTMX().Do().AssertText("#focus-ended", "Short break has started.")
	c.Get("/notifications").Do().AssertText("#notification-list", "Focus session complete")
	c.Get("/today").Do().AssertText("#landing-title", "Nice work")

	// Muted, notifications off, nothing to do at the end: the page just
	// says it is over.
	c.Post("/focus/settings").Form("focus_minutes", "25", "short_break_minutes", "5", "long_break_minutes", "15",
		"long_break_every", "4", "end_action", "nothing").Do().AssertRedirect("/focus?saved=1")
	if _, err := env.Pool.Exec(t.Context(), "UPDATE user_settings SET notify_focus_end = false"); err != nil {
		t.Fatal(err)
	}
	c.Post("/focus/abandon").Do()
	c.Post("/focus/start").Form("kind", "focus").Do()
	id = sessionID(t, env)
	elapse(t, env, 26)
	ind = c.Get("/focus/indicator?after=" + id).HTMX().Do()
	if ind.Doc().Find(".focus-ended").Length() != 1 || ind.Doc().Find("[data-chime], [data-notify]").Length() != 0 || ind.Doc().Find(".focus-indicator").Length() != 0 {
		t.Errorf("muted, the end still chimes or a session still runs:\n%s", ind.Body)
	}
	// Another page asking later, or about another session, hears nothing.
	if c.Get("/focus/indicator?after=not-a-session").HTMX().Do().Doc().Find(".focus-ended").Length() != 0 {
		t.Error("an unknown session was reported ended")
	}
	c.Post("/focus/settings").Form("focus_minutes", "25", "short_break_minutes", "5", "long_break_minutes", "15",
		"long_break_every", "4", "end_action", "explode").Do().AssertStatus(http.StatusUnprocessableEntity)
}

func TestProgressShowsFocusStatistics(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("stats@example.com", "")
	c.Get("/progress").Do().AssertText("#focus-stats", "No focus session finished yet")
	// Sessions on the two days before today, and one now.
	_, err := env.Pool.Exec(t.Context(), `INSERT INTO focus_sessions (user_id, kind, planned_seconds, started_at, ended_at, outcome)
		SELECT u.id, 'focus', 1500, now() - make_interval(days => d) - interval '30 minutes', now() - make_interval(days => d) - interval '5 minutes', 'completed'
		FROM users u, generate_series(1, 2) d WHERE u.email = 'stats@example.com'`)
	if err != nil {
		t.Fatal(err)
	}
	page := c.Get("/progress").Do()
	page.AssertText("#focus-stat-streak", "2 days").AssertText("#focus-stat-today", "0 sessions · 0 min")
	c.Post("/focus/start").Form("kind", "focus").Do()
	elapse(t, env, 26)
	c.Get("/focus").Do()
	page = c.Get("/progress").Do()
	page.AssertText("#focus-stat-streak", "3 days").AssertText("#focus-stat-today", "1 session · 25 min").
		AssertText("#focus-by-skill", "Proficiency").AssertText("#focus-by-skill td", "75")
}

// TestBothPartsOfThePageHearOfTheEnd: the panel and the indicator ask at
// the same moment; one ends the session, and both say so.
func TestBothPartsOfThePageHearOfTheEnd(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_POOL_SIZE", "4"))
	c := env.SignIn("both@example.com", "")
	c.Post("/focus/start").Form("kind", "focus").Do()
	id := sessionID(t, env)
	elapse(t, env, 26)
	var wg sync.WaitGroup
	var panel, indicator *apptest.Response
	wg.Go(func() { panel = c.WithT(t).Get("/focus/panel?after=" + id).HTMX().Do() })
	wg.Go(func() { indicator = c.WithT(t).Get("/focus/indicator?after=" + id).HTMX().Do() })
	wg.Wait()
	panel.AssertText("#focus-ended", "Focus complete.")
	if indicator.Doc().Find(".focus-ended").Length() != 1 {
		t.Errorf("the indicator did not hear of the end:\n%s", indicator.Body)
	}
}
