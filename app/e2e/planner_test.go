//go:build !fast

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

func TestPlannerEventsInTheDialog(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("planner-e2e@example.com", "")
	tab.Click(`.sidebar a:has-text("Planner")`)
	tab.WaitForPath("/planner")
	tab.ExpectText("h1", time.Now().Format("January 2006"))
	today := time.Now().Format(time.DateOnly) // the browser's and the user's zone (UTC) agree here
	tab.ExpectAttr(".planner-today", "id", "day-"+today)

	// A new event, refused once, then saved from the dialog.
	tab.Click("#planner-new")
	tab.ExpectText("#planner-dialog #event-form-title", "New event")
	tab.Audit()
	tab.Fill("#event-title", "Mix review")
	tab.Fill("#event-start-time", "14:00")
	tab.Fill("#event-end-time", "13:00")
	tab.Click(`#event-form button[type=submit]`)
	tab.ExpectText("#event-end-time-error", "end after it starts")
	tab.ExpectValue("#event-title", "Mix review")
	tab.Fill("#event-end-time", "15:30")
	if _, err := tab.Page.Locator("#event-kind").SelectOption(selectValue("meeting")); err != nil {
		t.Fatal(err)
	}
	tab.Click(`#event-form button[type=submit]`)
	tab.WaitForPath("/planner?done=saved")
	tab.ExpectText(".alert-ok", "Event saved.")
	tab.ExpectText("#day-"+today, "14:00 Mix review")

	// Edited from the week view, in the dialog; Cancel closes it.
	tab.Click(`.planner-views a:has-text("Week")`)
	tab.WaitForPath("/planner/week/*")
	tab.Click(`#day-` + today + ` a.event`)
	tab.ExpectValue("#event-title", "Mix review")
	tab.Click("#planner-dialog [data-dialog-close]")
	if open, err := tab.Page.Evaluate(`() => document.getElementById("planner-dialog").open`); err != nil || open != false {
		t.Errorf("Cancel left the dialog open (%v, %v)", open, err)
	}
	tab.Click(`#day-` + today + ` a.event`)
	tab.Fill("#event-title", "Mix review, with notes")
	tab.Fill("#event-location", "Studio B")
	tab.Click(`#event-form button[type=submit]`)
	tab.WaitForPath("/planner/week/*?done=saved")
	tab.ExpectText("#day-"+today, "14:00–15:30")
	tab.ExpectText("#day-"+today, "Mix review, with notes")
	tab.Audit()

	// Deleted, behind a confirmation.
	tab.Page.OnDialog(func(d playwright.Dialog) { d.Accept() })
	tab.Click(`#day-` + today + ` a.event`)
	tab.Click("#event-delete button")
	tab.WaitForPath("/planner/week/*?done=deleted")
	tab.ExpectText("#day-"+today, "Nothing planned")

	// On a phone a month's day shows how many events it holds; the desktop's
	// month, open meanwhile, shows the new event at once (the live stream:
	// its 30 s poll would be too late for this wait).
	tab.Visit("/planner")
	phone := app.NewPhoneTab(t)
	phone.SignIn("planner-e2e@example.com", "")
	phone.Visit("/planner/events/new")
	phone.Fill("#event-title", "Gig")
	phone.Click(`#event-form button[type=submit]`)
	phone.WaitForPath("/planner?done=saved")
	phone.ExpectText("#day-"+today+" .planner-count", "1")
	phone.Audit()
	if err := expectText(tab, "#day-"+today, "Gig", 5*time.Second); err != nil {
		t.Errorf("the other device's month did not show the new event: %v", err)
	}
}

func TestPlannerRepeatingEventByOccurrence(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("series-e2e@example.com", "")
	monday := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	tab.Visit("/planner/events/new?day=2027-03-01&return_to=/planner/2027/03")
	tab.Fill("#event-title", "Lesson")
	tab.Fill("#event-start-time", "17:00")
	tab.Fill("#event-end-time", "18:00")
	tab.Click("#event-form details.event-repeat summary")
	if _, err := tab.Page.Locator("#event-repeat").SelectOption(selectValue("weekly")); err != nil {
		t.Fatal(err)
	}
	tab.Click(`#event-form label:has-text("After a number of times")`)
	tab.Fill("#event-count", "4")
	tab.Click(`#event-form button[type=submit]`)
	tab.WaitForPath("/planner/2027/03?done=saved")
	for i := range 4 {
		tab.ExpectText("#day-"+monday.AddDate(0, 0, 7*i).Format(time.DateOnly), "17:00 Lesson")
	}

	// The third Monday alone moves to 19:00, in the dialog.
	tab.Click("#day-2027-03-15 a.event")
	tab.ExpectValue("#event-start-date", "2027-03-15")
	tab.Fill("#event-start-time", "19:00")
	tab.Fill("#event-end-time", "20:00")
	tab.Click(`#event-form button[type=submit]`) // "This event" is the default
	tab.WaitForPath("/planner/2027/03?done=saved")
	tab.ExpectText("#day-2027-03-15", "19:00 Lesson")
	tab.ExpectText("#day-2027-03-22", "17:00 Lesson")

	// Every one of them renamed, from the second.
	tab.Click("#day-2027-03-08 a.event")
	tab.Fill("#event-title", "Piano lesson")
	tab.Click(`#event-form label:has-text("All events")`)
	tab.Click(`#event-form button[type=submit]`)
	tab.WaitForPath("/planner/2027/03?done=saved")
	tab.ExpectText("#day-2027-03-01", "17:00 Piano lesson")
	tab.ExpectText("#day-2027-03-22", "17:00 Piano lesson")
	tab.ExpectText("#day-2027-03-15", "19:00 Lesson") // changed on its own, it stays as it was
	tab.Audit()

	// The last one deleted with the following.
	tab.Page.OnDialog(func(d playwright.Dialog) { d.Accept() })
	tab.Click("#day-2027-03-22 a.event")
	tab.Click(`#event-delete label:has-text("This and following events")`)
	tab.Click("#event-delete button")
	tab.WaitForPath("/planner/2027/03?done=deleted")
	tab.ExpectText("#day-2027-03-08", "Piano lesson")
	if n, _ := tab.Page.Locator("#day-2027-03-22 a.event").Count(); n != 0 {
		t.Errorf("22 March still has %d events", n)
	}
}

// TestTodayShowsTheNextFewOfABusyDay: on a day of ten events, one of them
// over, Today lists the next five, says what it leaves out, and its link
// opens the whole day.
func TestTodayShowsTheNextFewOfABusyDay(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewPhoneTab(t)
	tab.SignIn("busy-day@example.com", "")
	// A zone where it is now about noon, whatever the hour the test runs:
	// Etc/GMT-N is N hours ahead of UTC, all year.
	now := time.Now().UTC()
	zone := fmt.Sprintf("Etc/GMT%+d", now.Hour()-12)
	loc := time.FixedZone(zone, (12-now.Hour())*3600)
	local := now.In(loc)
	at := func(hour, minute int) time.Time {
		return time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, loc)
	}
	app.Exec(t, `INSERT INTO user_settings (user_id, time_zone) SELECT id, $1 FROM users WHERE email = 'busy-day@example.com'
		ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone`, zone)
	add := func(title string, from, to time.Time) {
		app.Exec(t, `INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone)
			SELECT id, $1, 'meeting', false, $2, $3, $4 FROM users WHERE email = 'busy-day@example.com'`, title, from, to, zone)
	}
	add("Early run", at(6, 0), at(7, 0))
	for i := range 9 {
		add(fmt.Sprintf("Session %d", i+1), at(13, i*10), at(13, i*10+30))
	}

	tab.Visit("/today")
	tab.ExpectText("#today-events li", "13:00–13:30 Session 1")
	if n, err := tab.Page.Locator("#today-events li").Count(); err != nil || n != 5 {
		t.Errorf("Today lists %d of the day's events (%v), want the next 5", n, err)
	}
	tab.ExpectText("#today-events-more", "See the whole day (1 earlier, 4 later)")
	tab.Audit()
	tab.ExpectFits(360)
	tab.Click("#today-events-more a")
	tab.WaitForPath("/planner/day/" + local.Format(time.DateOnly))
	tab.ExpectText("#planner-day-events", "Early run")
	tab.ExpectText("#planner-day-events", "Session 9")
}
