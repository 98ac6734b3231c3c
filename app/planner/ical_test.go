package planner_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// shownIn lists what the user's month views show of 2027, day by day.
func shownIn2027(t *testing.T, c *apptest.Client) []string {
	t.Helper()
	var out []string
	for m := 1; m <= 12; m++ {
		cells := c.Get(fmt.Sprintf("/planner/2027/%02d", m)).Do().AssertStatus(http.StatusOK).Doc().Find(".planner-cell")
		for i := range cells.Length() {
			cell := cells.Eq(i)
			if cell.HasClass("planner-out") {
				continue
			}
			id, _ := cell.Attr("id")
			events := cell.Find("a.event, .planner-more")
			for j := range events.Length() {
				out = append(out, id+" "+strings.Join(strings.Fields(events.Eq(j).Text()), " "))
			}
		}
	}
	return out
}

func TestTheFeedImportedElsewhereShowsTheSameDays(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("exporter@example.com", "")
	c.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "1").Do()
	for _, form := range [][]string{
		{"title", "Dentist", "kind", "appointment", "start_date", "2027-02-03", "start_time", "08:15", "end_time", "09:00", "location", "Main St 4", "notes", "Bring the card"},
		{"title", "Festival", "kind", "other", "all_day", "on", "start_date", "2027-07-09", "end_date", "2027-07-11"},
		{"title", "Lesson", "kind", "appointment", "start_date", "2027-03-01", "start_time", "17:00", "end_time", "18:00", "repeat", "weekly", "weekdays", "MO", "weekdays", "TH", "ends", "count", "count", "12"},
		{"title", "Jam", "kind", "meeting", "start_date", "2027-01-29", "start_time", "20:00", "end_time", "23:00", "repeat", "monthly", "monthly_by", "weekday", "ends", "until", "until", "2027-10-31"},
		{"title", "Stretch", "kind", "workout", "start_date", "2027-10-25", "start_time", "07:00", "end_time", "07:20", "repeat", "daily"},
	} {
		c.Post("/planner/events").Form(form...).Do().AssertStatus(http.StatusSeeOther)
	}
	lesson := eventID(t, env, "Lesson")
	c.Post("/planner/events/"+lesson+"/delete").Form("at", "2027-03-08T16:00:00Z", "scope", "this").Do().AssertStatus(http.StatusSeeOther) // one lesson off

	// The private link, shown once.
	page := c.Get("/planner/subscribe").Do().AssertStatus(http.StatusOK)
	if page.Doc().Find("#feed-link").Length() != 0 {
		t.Fatal("a link is shown before one is made")
	}
	made := c.Post("/planner/subscribe").Do().AssertStatus(http.StatusOK)
	link, _ := made.Attr("#feed-link", "value")
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/planner/feed/") || !strings.HasSuffix(u.Path, ".ics") {
		t.Fatalf("the private link is %q", link)
	}
	if c.Get("/planner/subscribe").Do().Doc().Find("#feed-link").Length() != 0 {
		t.Error("the link is shown again")
	}

	// Read by a calendar app: no session, only the link.
	feed := env.Client().Get(u.Path).Do().AssertStatus(http.StatusOK)
	if ct := feed.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("the feed is %q", ct)
	}
	body := string(feed.Body)
	for _, want := range []string{"BEGIN:VCALENDAR", "SUMMARY:Dentist", "LOCATION:Main St 4", "DTSTART;VALUE=DATE:20270709", "DTEND;VALUE=DATE:20270712",
		"RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12", "DTSTART;TZID=Europe/Berlin:20270301T170000", "EXDATE;TZID=Europe/Berlin:20270308T170000", "RRULE:FREQ=MONTHLY;BYDAY=-1FR"} {
		if !strings.Contains(body, want) {
			t.Errorf("the feed has no %q:\n%s", want, body)
		}
	}
	env.Client().Get("/planner/feed/" + strings.Repeat("A", 43) + ".ics").Do().AssertStatus(http.StatusNotFound)

	// Imported into another user's planner: the same
	// days at the same times.
	other := env.SignIn("importer@example.com", "")
	other.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "1").Do()
	result := other.Post("/planner/import").File("file", "planner.ics", feed.Body).Do().AssertStatus(http.StatusOK)
	result.AssertText("#import-result", "5 events imported.")
	want, got := shownIn2027(t, c), shownIn2027(t, other)
	if strings.Join(want, "\n") != strings.Join(got, "\n") || len(want) < 80 {
		t.Errorf("imported, the year differs (%d days shown, %d imported)", len(want), len(got))
		for i := range min(len(want), len(got)) {
			if want[i] != got[i] {
				t.Errorf("first difference: %q / %q", want[i], got[i])
				break
			}
		}
	}

	// A new link stops the old one; stopping stops it.
	c.Post("/planner/subscribe").Do().AssertStatus(http.StatusOK)
	env.Client().Get(u.Path).Do().AssertStatus(http.StatusNotFound)
	c.Post("/planner/subscribe/delete").Do().AssertRedirect("/planner/subscribe?done=feed-off")
}

func TestAFileIsImportedWholeOrLeftOutWithAReason(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("import@example.com", "")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Kept\r\nDTSTART:20270301T090000Z\r\nDURATION:PT45M\r\nCATEGORIES:Workout\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:" + strings.Repeat("x", 121) + "\r\nDTSTART:20270302T090000Z\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:3\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Hourly\r\nDTSTART:20270303T090000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:4\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Backwards\r\nDTSTART:20270304T090000Z\r\nDTEND:20270304T080000Z\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:5\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270305T090000Z\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	page := c.Post("/planner/import").File("file", "mixed.ics", []byte(ics)).Do().AssertStatus(http.StatusOK)
	page.AssertText("#import-result", "1 event imported.")
	for _, reason := range []string{"a title over 120 characters", "a repeat more often than daily", "times the planner cannot hold", "no title"} {
		page.AssertText("#import-result", reason)
	}
	c.Get("/planner/day/2027-03-01").Do().AssertText("#planner-day-events", "09:00–09:45 Kept")
	c.Post("/planner/import").File("file", "notes.txt", []byte("hello")).Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#import-error", "not an iCalendar")
	c.Post("/planner/import").Form("x", "y").Multipart().Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#import-error", "Choose an .ics file")
}
