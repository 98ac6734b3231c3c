package habits_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/habits"
)

// zoneAwayFromMidnight is a zone whose local time is not near midnight, so
// "five minutes ago" is still today there.
func zoneAwayFromMidnight(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"Pacific/Auckland", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "America/Los_Angeles"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		if h := time.Now().In(loc).Hour(); h >= 3 && h <= 21 {
			return name
		}
	}
	t.Fatal("no zone away from midnight")
	return ""
}

// TestRemindersFireOnceAcrossProcesses: at a habit's reminder time in its
// user's zone one notification is made, though two schedulers run at
// once; not for a habit done, not due, done its times this week, long past
// its time, or a user who turned reminders off. The bell counts it and the panel lists it.
func TestRemindersFireOnceAcrossProcesses(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("remind@example.com", "")
	zone := zoneAwayFromMidnight(t)
	due := createHabit(t, c, "title", "Scales", "cadence", "daily", "skill", "guts", "reminder", "07:00")
	done := createHabit(t, c, "title", "Stretch", "cadence", "daily", "skill", "guts", "reminder", "07:00")
	late := createHabit(t, c, "title", "Sing", "cadence", "daily", "skill", "guts", "reminder", "07:00")
	c.Post("/habits/" + done + "/complete").Do()
	weeklyMet := createHabit(t, c, "title", "Record", "cadence", "weekly", "times_per_week", "1", "skill", "guts", "reminder", "07:00")
	quiet := env.SignIn("quiet@example.com", "")
	createHabit(t, quiet, "title", "Read", "cadence", "daily", "skill", "guts", "reminder", "07:00")
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := env.Pool.Exec(t.Context(), sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO user_settings (user_id, time_zone) SELECT id, $1 FROM users ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone`, zone)
	exec(`UPDATE user_settings SET notify_reminders = false WHERE user_id = (SELECT id FROM users WHERE email = 'quiet@example.com')`)
	exec(`UPDATE habits SET reminder_time = (now() AT TIME ZONE $1)::time - interval '5 minutes'`, zone)
	exec(`UPDATE habits SET reminder_time = (now() AT TIME ZONE $1)::time - interval '150 minutes' WHERE id = $2`, zone, late)
	// The completion above was on the server's day; make it the user's.
	exec(`UPDATE habit_completions SET day = (now() AT TIME ZONE $1)::date`, zone)
	// Record, once a week, was done yesterday: a week that does not begin
	// today holds it, so its count is met.
	exec(`UPDATE user_settings SET week_start = CASE WHEN extract(dow FROM (now() AT TIME ZONE $1)::date) = 1 THEN 0 ELSE 1 END`, zone)
	exec(`INSERT INTO habit_completions (habit_id, user_id, day) SELECT id, user_id, (now() AT TIME ZONE $1)::date - 1 FROM habits WHERE id = $2`, zone, weeklyMet)

	var wg sync.WaitGroup
	made := make([]int, 2)
	for i := range made {
		wg.Go(func() {
			n, err := habits.Remind(t.Context(), env.Pool, time.Now())
			if err != nil {
				t.Error(err)
			}
			made[i] = n
		})
	}
	wg.Wait()
	var rows int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM notifications").Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("%d notifications (%v; schedulers said %v), want Scales' one", rows, err, made)
	}
	if n, err := habits.Remind(t.Context(), env.Pool, time.Now()); err != nil || n != 0 {
		t.Errorf("a second run made %d (%v)", n, err)
	}

	page := c.Get("/today").Do()
	if label, _ := page.Attr("#bell", "aria-label"); label != "Notifications: 1 unread" {
		t.Errorf("bell = %q", label)
	}
	panel := c.Get("/notifications").Do().AssertStatus(http.StatusOK)
	panel.AssertText("#notification-list", "Time for “Scales”")
	if href, _ := panel.Attr("#notification-list a", "href"); href != "/habits/"+due {
		t.Errorf("the reminder leads to %q", href)
	}
	c.Post("/notifications/read").Do().AssertRedirect("/notifications")
	if label, _ := c.Get("/today").Do().Attr("#bell", "aria-label"); label != "Notifications" {
		t.Errorf("after reading, bell = %q", label)
	}
	if quiet.Get("/notifications").Do().Doc().Find("#notification-list").Length() != 0 {
		t.Error("a user who turned reminders off was reminded")
	}
}

// TestALateEveningReminderFires: a reminder within two hours of midnight
// still fires (its window runs past midnight).
func TestALateEveningReminderFires(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("owl@example.com", "")
	createHabit(t, c, "title", "Journal", "cadence", "daily", "skill", "guts", "reminder", "07:00")
	// Some whole-hour zone is at 23:xx now.
	zone := ""
	for off := -12; off <= 14; off++ {
		name := fmt.Sprintf("Etc/GMT%+d", -off) // Etc/GMT-5 is five hours ahead
		if off == 0 {
			name = "Etc/GMT"
		}
		loc, err := time.LoadLocation(name)
		if err == nil && time.Now().In(loc).Hour() == 23 {
			zone = name
		}
	}
	if zone == "" {
		t.Fatal("no zone at 23:00 now")
	}
	if _, err := env.Pool.Exec(t.Context(), `INSERT INTO user_settings (user_id, time_zone) SELECT id, $1 FROM users
		ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone`, zone); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Pool.Exec(t.Context(), `UPDATE habits SET reminder_time = (now() AT TIME ZONE $1)::time - interval '5 minutes'`, zone); err != nil {
		t.Fatal(err)
	}
	if n, err := habits.Remind(t.Context(), env.Pool, time.Now()); err != nil || n != 1 {
		t.Fatalf("made %d reminders (%v) at 23:00 in %s, want 1", n, err, zone)
	}
}
