package focus_test

import (
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"ignition/app/apptest"
)

// elapse moves the user's running session back in time by minutes, as if
// they had passed.
func elapse(t *testing.T, env *apptest.Env, minutes int) {
	t.Helper()
	_, err := env.Pool.Exec(t.Context(), `UPDATE focus_sessions SET started_at = started_at - make_interval(mins => $1),
		paused_at = paused_at - make_interval(mins => $1) WHERE ended_at IS NULL`, minutes)
	if err != nil {
		t.Fatal(err)
	}
}

// assertLeft checks that the selector shows minutes:00 left, or up to five
// seconds less: the server's clock runs while the test does.
func assertLeft(t *testing.T, r *apptest.Response, selector, prefix string, minutes int) {
	t.Helper()
	text := r.Text(selector)
	m := regexp.MustCompile(regexp.QuoteMeta(prefix) + `(\d+):(\d\d) left`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("%s shows %q, want %s%d:00 left", selector, text, prefix, minutes)
	}
	mm, _ := strconv.Atoi(m[1])
	ss, _ := strconv.Atoi(m[2])
	if left, want := mm*60+ss, minutes*60; left > want || left < want-5 {
		t.Errorf("%s shows %q, want %s%d:00 left (give or take the test's own seconds)", selector, text, prefix, minutes)
	}
}

func TestFocusSessionLifecycle(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	laptop := env.SignIn("focus@example.com", "")
	phone := env.SignIn("focus@example.com", "")
	desk := env.SignIn("focus@example.com", "") // never looks at the timer

	page := laptop.Get("/focus").Do().AssertStatus(http.StatusOK)
	page.AssertText("#focus-panel .btn-primary", "Focus · 25 min") // the suggested start
	laptop.Get("/focus/indicator").HTMX().Do().AssertStatus(http.StatusOK)
	if laptop.Get("/focus/indicator").HTMX().Do().Doc().Find(".focus-indicator").Length() != 0 {
		t.Error("the indicator shows a session that is not running")
	}

	// The bottom bar polls every 30 s; once a session runs (started on
	// another device too) every page comes with its indicator.
	today := phone.Get("/today").Do()
	if trigger, _ := today.Attr("#bottombar #focus-indicator", "hx-trigger"); trigger != "every 30s, live:focus from:body" {
		t.Errorf("bottom bar trigger = %q", trigger)
	}
	if today.Doc().Find("#bottombar .focus-indicator").Length() != 0 {
		t.Error("the bottom bar shows a session that is not running")
	}
	laptop.Post("/focus/start").Form("kind", "focus").Do().AssertRedirect("/focus")
	assertLeft(t, phone.Get("/today").Do(), "#bottombar .focus-indicator", "Focus · ", 25)
	assertLeft(t, phone.Get("/habits").Header("HX-Request", "true").Header("HX-Boosted", "true").Do(), "#bottombar .focus-indicator", "Focus · ", 25)
	phone.Post("/focus/start").Form("kind", "short_break").Do().AssertRedirect("/focus") // one session at a time
	panel := phone.Get("/focus/panel").HTMX().Do()
	panel.AssertText("#focus-panel h2", "Focus")
	assertLeft(t, panel, "#focus-left", "", 25)
	assertLeft(t, phone.Get("/focus/indicator").HTMX().Do(), ".focus-indicator", "Focus · ", 25)

	elapse(t, env, 10)
	phone.Post("/focus/pause").Do().AssertRedirect("/focus")
	elapse(t, env, 30) // a long pause does not count
	assertLeft(t, laptop.Get("/focus").Do(), "#focus-left", "Paused · ", 15)
	laptop.Post("/focus/complete").Do().AssertRedirect("/focus") // not yet: nothing happens
	laptop.Post("/focus/resume").Do().AssertRedirect("/focus")
	assertLeft(t, phone.Get("/focus/panel").HTMX().Do(), "#focus-left", "", 15)

	// The time runs out: the next read ends the session (the server is
	// the clock) and says so to the page that showed it.
	var id string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM focus_sessions").Scan(&id); err != nil {
		t.Fatal(err)
	}
	elapse(t, env, 15)
	laptop.Get("/focus/panel?after="+id).HTMX().Do().AssertText("#focus-ended", "Focus complete. +25 XP · +5 coins.")
	laptop.Post("/focus/complete").Do().AssertRedirect("/focus") // over already
	phone.Post("/focus/complete").Do().AssertRedirect("/focus")
	if phone.Get("/focus/panel?after="+id).HTMX().Do().Doc().Find("#focus-left").Length() != 0 {
		t.Error("the phone still shows the ended session")
	}

	landing := laptop.Get("/today").Do().AssertStatus(http.StatusOK)
	landing.AssertText("#landing-title", "Nice work")
	phone.Get("/today").Do().AssertText("#landing-title", "Nice work") // it saw the end too
	desk.Get("/today").Do().AssertText("main h1", "focus@example.com") // soft landing is per browser session
	laptop.Post("/today/dismiss").Do().AssertRedirect("/today")
	laptop.Get("/focus").Do()
	if laptop.Get("/today").Do().Doc().Find("#landing-title").Length() != 0 {
		t.Error("the soft landing comes back after being dismissed")
	}

	progress := laptop.Get("/progress").Do()
	progress.AssertText("#coins", "5").AssertText("#activity", "Finished a focus session")
	laptop.Get("/quests").Do().AssertText("#quest-daily-two-focus .progress-count", "1 / 2")
	after := laptop.Get("/focus").Do()
	after.AssertText("#focus-history", "completed")
	after.AssertText("#focus-today", "1")
	after.AssertText("#focus-minutes-today", "25")
	after.AssertText("#focus-panel .btn-primary", "Short break · 5 min") // a break comes next
}

func TestAbandonPaysNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("quitter@example.com", "")
	c.Post("/focus/start").Form("kind", "focus").Do()
	elapse(t, env, 30)
	c.Post("/focus/abandon").Do().AssertRedirect("/focus")
	c.Get("/focus").Do().AssertText("#focus-history", "abandoned")
	c.Get("/progress").Do().AssertText("#coins", "0")
	c.Post("/focus/pause").Do().AssertRedirect("/focus") // nothing running: nothing to pause
	c.Post("/focus/start").Form("kind", "nap").Do().AssertStatus(http.StatusBadRequest)
}

func TestDurations(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("durations@example.com", "")
	bad := c.Post("/focus/settings").Form("focus_minutes", "0", "short_break_minutes", "abc", "long_break_minutes", "15", "long_break_every", "4").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#focus-minutes-error", "from 1 to 180")
	bad.AssertText("#short-minutes-error", "from 1 to 60")
	if v, _ := bad.Attr("#short-minutes", "value"); v != "abc" {
		t.Error("the typed value was lost")
	}
	c.Post("/focus/settings").Form("focus_minutes", "50", "short_break_minutes", "10", "long_break_minutes", "20", "long_break_every", "3").Do().AssertRedirect("/focus?saved=1")
	c.Get("/focus?saved=1").Do().AssertText(`[role="status"]`, "Focus settings saved.").AssertText("#focus-panel .btn-primary", "Focus · 50 min")
	c.Post("/focus/start").Form("kind", "focus").Do()
	assertLeft(t, c.Get("/focus/panel").HTMX().Do(), "#focus-left", "", 50)
}

// TestFiftyCompletesOfOneExpiredSession: fifty devices complete the same
// expired session at once on a pool of four connections. One pays; the rest
// answer at once with where things stand; meanwhile another user's pages
// keep answering. (Saving the soft landing inside the session's row lock
// once took a second connection per request: four requests held the pool
// and every page of every user hung.)
func TestFiftyCompletesOfOneExpiredSession(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_POOL_SIZE", "4", "IGNITION_REQUEST_TIMEOUT", "10s"))
	c := env.SignIn("fifty@example.com", "")
	other := env.SignIn("other@example.com", "")
	c.Post("/focus/settings").Form("focus_minutes", "1", "short_break_minutes", "5", "long_break_minutes", "15", "long_break_every", "4").Do()
	c.Post("/focus/start").Form("kind", "focus").Do().AssertStatus(http.StatusSeeOther)
	elapse(t, env, 2)

	statuses := make([]int, 50)
	done := make(chan struct{})
	var others []int
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			others = append(others, other.WithT(t).Get("/today").Do().StatusCode)
		}
	}()
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() { statuses[i] = c.WithT(t).Post("/focus/complete").Do().StatusCode })
	}
	wg.Wait()
	<-done
	for i, s := range statuses {
		if s != http.StatusSeeOther {
			t.Errorf("complete %d: status %d, want 303", i, s)
		}
	}
	for i, s := range others {
		if s != http.StatusOK {
			t.Errorf("another user's page %d meanwhile: status %d", i, s)
		}
	}
	var paid int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM ledger_entries WHERE key LIKE 'focus:%'").Scan(&paid); err != nil {
		t.Fatal(err)
	}
	if paid != 1 {
		t.Errorf("the session paid %d times, want once", paid)
	}
	c.Get("/today").Do().AssertStatus(http.StatusOK) // the payer lands softly, the app still answers
}
