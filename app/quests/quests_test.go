package quests_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"ignition/app/apptest"
	"ignition/app/quests"
)

func TestPeriodStart(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	tests := []struct {
		period, today string
		start         time.Weekday
		want, end     string
	}{
		{quests.Daily, "2026-11-27", time.Monday, "2026-11-27", "2026-11-27"},
		{quests.Weekly, "2026-11-27", time.Monday, "2026-11-23", "2026-11-29"},
		{quests.Weekly, "2026-11-27", time.Sunday, "2026-11-22", "2026-11-28"},
		{quests.Weekly, "2026-11-22", time.Monday, "2026-11-16", "2026-11-22"}, // Sunday closes a Monday week
		{quests.Weekly, "2026-11-22", time.Sunday, "2026-11-22", "2026-11-28"}, // and opens a Sunday one
		{quests.Weekly, "2024-02-29", time.Monday, "2024-02-26", "2024-03-03"},
		{quests.Weekly, "2027-01-01", time.Sunday, "2026-12-27", "2027-01-02"},
	}
	for _, tt := range tests {
		got := quests.PeriodStart(tt.period, d(tt.today), tt.start)
		if !got.Equal(d(tt.want)) || !quests.PeriodEnd(tt.period, got).Equal(d(tt.end)) {
			t.Errorf("%s period of %s (weeks from %s) = %s..%s, want %s..%s", tt.period, tt.today, tt.start,
				got.Format("2006-01-02"), quests.PeriodEnd(tt.period, got).Format("2006-01-02"), tt.want, tt.end)
		}
	}
}

func TestStatusOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		target, done int
		claimed      bool
		want         quests.Status
	}{
		{3, 0, false, quests.Status{Progress: 0, Target: 3}},
		{3, 2, false, quests.Status{Progress: 2, Target: 3}},
		{3, 3, false, quests.Status{Progress: 3, Target: 3, Complete: true}},
		{3, 7, true, quests.Status{Progress: 3, Target: 3, Complete: true, Claimed: true}},
		{1, -1, false, quests.Status{Progress: 0, Target: 1}},
	}
	for _, tt := range tests {
		if got := quests.StatusOf(tt.target, tt.done, tt.claimed); got != tt.want {
			t.Errorf("StatusOf(%d, %d, %v) = %+v, want %+v", tt.target, tt.done, tt.claimed, got, tt.want)
		}
	}
}

func coins(t *testing.T, env *apptest.Env, email string) int64 {
	t.Helper()
	var n int64
	if err := env.Pool.QueryRow(t.Context(), `SELECT coalesce(p.coins, 0) FROM users u LEFT JOIN user_progress p ON p.user_id = u.id WHERE u.email = $1`, email).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestManualQuestAdvanceAndClaimOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("quester@example.com", "")
	page := c.Get("/quests").Do().AssertStatus(http.StatusOK)
	page.AssertText("#quest-daily-intention .progress-count", "0 / 1")
	page.AssertText("#weekly-quests", "Share your progress")

	c.Post("/quests/daily-intention/claim").Do().AssertStatus(http.StatusConflict) // not complete yet
	card := c.Post("/quests/daily-intention/advance").HTMX().Do().AssertStatus(http.StatusOK)
	card.AssertText(".progress-count", "1 / 1")
	c.Post("/quests/daily-intention/advance").Do().AssertStatus(http.StatusConflict) // complete: nothing left to mark
	c.Post("/quests/daily-intention/claim").HTMX().Do().AssertStatus(http.StatusOK).AssertText(".badge", "Claimed")
	c.Post("/quests/daily-intention/claim").Do().AssertStatus(http.StatusConflict)
	if n := coins(t, env, "quester@example.com"); n != 2 {
		t.Fatalf("coins = %d, want 2", n)
	}
	c.Get("/progress").Do().AssertText("#activity", "Quest “Set an intention”")

	c.Post("/quests/daily-three-habits/advance").Do().AssertStatus(http.StatusConflict) // not a manual quest
	c.Post("/quests/no-such-quest/claim").Do().AssertStatus(http.StatusNotFound)
	other := env.SignIn("other@example.com", "")
	other.Get("/quests").Do().AssertText("#quest-daily-intention .progress-count", "0 / 1")
}

func TestHabitQuestFollowsCompletions(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("doer@example.com", "")
	for _, title := range []string{"One", "Two", "Three"} {
		c.Post("/habits").Form("title", title, "cadence", "daily", "skill", "guts").Do().AssertRedirect("/habits")
	}
	var ids []string
	c.Get("/habits").Do().Doc().Find("#habit-list li").Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, strings.TrimPrefix(s.AttrOr("id", ""), "habit-"))
	})
	if len(ids) != 3 {
		t.Fatalf("habits listed: %v", ids)
	}
	for i, id := range ids {
		c.Post("/habits/" + id + "/complete").Do().AssertRedirect("/habits")
		page := c.Get("/quests").Do()
		page.AssertText("#quest-daily-three-habits .progress-count", strconv.Itoa(i+1)+" / 3")
		page.AssertText("#quest-weekly-fifteen-habits .progress-count", strconv.Itoa(i+1)+" / 15")
	}
	c.Post("/quests/daily-three-habits/claim").Do().AssertRedirect("/quests")
	// Taking a completion back after claiming leaves the claim as it was.
	c.Post("/habits/" + ids[0] + "/undo").Do().AssertRedirect("/habits")
	c.Get("/quests").Do().AssertText("#quest-daily-three-habits .badge", "Claimed")
	if n := coins(t, env, "doer@example.com"); n != 3*2-2+5 {
		t.Fatalf("coins = %d, want %d", n, 3*2-2+5)
	}
}

func TestParallelClaimsPayOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("racer@example.com", "")
	c.Post("/quests/weekly-share/advance").Do().AssertRedirect("/quests")
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = c.Post("/quests/weekly-share/claim").Do().StatusCode
		}()
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		if s == http.StatusSeeOther {
			ok++
		}
	}
	if ok != 1 {
		t.Fatalf("%d claims succeeded (%v), want exactly 1", ok, statuses)
	}
	if n := coins(t, env, "racer@example.com"); n != 10 {
		t.Fatalf("coins = %d, want 10", n)
	}
}
