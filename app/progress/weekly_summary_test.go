package progress_test

import (
	"sync"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/progress"
	"ignition/app/store/db"
)

// TestWeeklySummary: on the first day of the user's week, from 9:00 in
// their zone, one summary of the week before is made for a user who asked
// for it, though two schedulers run at once; none before 9:00, on another
// day, or for a user who did not ask.
func TestWeeklySummary(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.SignIn("weekly@example.com", "")
	env.SignIn("sunday@example.com", "")
	env.SignIn("unasked@example.com", "")
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := env.Pool.Exec(t.Context(), sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO user_settings (user_id, time_zone, week_start, notify_weekly_summary)
		SELECT id, 'Europe/Berlin', CASE WHEN email = 'sunday@example.com' THEN 0 ELSE 1 END, email <> 'unasked@example.com' FROM users
		ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, week_start = excluded.week_start, notify_weekly_summary = excluded.notify_weekly_summary`)
	// Monday 30 November 2026 in Berlin; the week before began on the 23rd.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for i, e := range []struct {
		at        string
		xp, coins int
		skill     string
	}{
		{"2026-11-22 23:30", 500, 50, "charm"}, // the week before that
		{"2026-11-23 00:30", 20, 5, "guts"},
		{"2026-11-25 18:00", 30, 5, "knowledge"},
		{"2026-11-29 23:59", 15, 0, "guts"},
		{"2026-11-27 12:00", 0, -40, ""},       // a purchase is no activity
		{"2026-11-30 09:30", 400, 40, "charm"}, // this week
	} {
		exec(`INSERT INTO ledger_entries (user_id, key, reason, xp, coins, skill, created_at)
			SELECT id, 'test:' || $1::int, 'Test', $2, $3, nullif($4, ''), $5 FROM users WHERE email = 'weekly@example.com'`, i, e.xp, e.coins, e.skill, at(e.at))
	}
	summarize := func(when string) int {
		t.Helper()
		n, err := progress.SummarizeWeeks(t.Context(), env.Pool, at(when))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := summarize("2026-11-30 08:59"); n != 0 {
		t.Fatalf("%d summaries before 9:00", n)
	}
	if n := summarize("2026-12-01 10:00"); n != 0 {
		t.Fatalf("%d summaries on a Tuesday", n)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { summarize("2026-11-30 09:00") })
	}
	wg.Wait()
	summarize("2026-11-30 20:00")
	var title, body, href string
	var made int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*), min(title), min(body), min(href) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.kind = 'weekly_summary' AND u.email = 'weekly@example.com'`).Scan(&made, &title, &body, &href); err != nil {
		t.Fatal(err)
	}
	want := "Last week: 3 activities, 65 XP, 10 coins. Most of it went to Guts."
	if made != 1 || title != "Your week" || body != want || href != progress.URL {
		t.Errorf("made %d: %q %q %q, want 1: %q", made, title, body, href, want)
	}
	var others int
	env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM notifications WHERE kind = 'weekly_summary' AND user_id <> (SELECT id FROM users WHERE email = 'weekly@example.com')`).Scan(&others)
	if others != 0 {
		t.Errorf("%d summaries for users who did not ask or whose week starts on Sunday", others)
	}
	// The Sunday user's comes on Sunday, and says the week was quiet.
	if n := summarize("2026-12-06 09:00"); n != 1 {
		t.Errorf("%d summaries on Sunday, want the Sunday user's", n)
	}
}

// TestWeekSummaryReads: the line a week's totals make.
func TestWeekSummaryReads(t *testing.T) {
	t.Parallel()
	for want, totals := range map[string]db.WeekTotalsRow{
		"A quiet week: nothing was recorded. A fresh one starts today.":   {},
		"Last week: 1 activity, 10 XP, 1 coin. Most of it went to Charm.": {Activities: 1, Xp: 10, Coins: 1, TopSkill: "charm"},
		"Last week: 2 activities, 20 XP.":                                 {Activities: 2, Xp: 20},
	} {
		if got := progress.WeekSummary(totals); got != want {
			t.Errorf("WeekSummary(%+v) = %q, want %q", totals, got, want)
		}
	}
}
