package planner_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/planner"
)

// eventID reads the one event of the user's titled title.
func eventID(t *testing.T, env *apptest.Env, title string) string {
	t.Helper()
	var id string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM planner_events WHERE title = $1`, title).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEventsMadeShownChangedAndDeleted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("planner@example.com", "")
	c.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "0").Do()

	empty := c.Get("/planner/2027/03").Do().AssertStatus(http.StatusOK)
	empty.AssertText("h1", "March 2027")
	if first, _ := empty.Attr(".planner-grid li:first-child", "id"); first != "day-2027-02-28" {
		t.Errorf("March 2027 from Sunday starts at %q", first) // 1 March 2027 is a Monday
	}
	if n := empty.Doc().Find(".planner-grid > li").Length(); n != 35 {
		t.Errorf("March 2027 shows %d days", n)
	}
	form := c.Get("/planner/events/new?day=2027-03-08&return_to=/planner/2027/03").Do().AssertStatus(http.StatusOK)
	if v, _ := form.Attr("#event-start-date", "value"); v != "2027-03-08" {
		t.Errorf("a new event on 8 March starts on %q", v)
	}

	// Refused with reasons, kept as typed; saved once fixed.
	bad := c.Post("/planner/events").Form("title", "Mix review", "kind", "meeting", "start_date", "2027-03-08", "start_time", "14:00", "end_time", "13:00",
		"return_to", "/planner/2027/03").HTMX().Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#event-end-time-error", "end after it starts")
	if v, _ := bad.Attr("#event-title", "value"); v != "Mix review" {
		t.Errorf("the title typed is lost: %q", v)
	}
	c.Post("/planner/events").Form("title", "Mix review", "kind", "party", "start_date", "9999-01-01").Do().AssertStatus(http.StatusUnprocessableEntity).
		AssertText("#event-kind-error", "Choose one of the types").AssertText("#event-start-date-error", "1900 to 2200")
	c.Post("/planner/events").Form("title", "Mix review", "kind", "meeting", "start_date", "2027-03-08", "start_time", "14:00", "end_time", "15:30",
		"location", "Studio B", "return_to", "/planner/2027/03").Do().AssertRedirect("/planner/2027/03?done=saved")
	c.Post("/planner/events").Form("title", "Festival", "kind", "other", "all_day", "on", "start_date", "2027-03-27", "end_date", "2027-03-29",
		"return_to", "https://evil.example/").Do().AssertRedirect("/planner?done=saved")

	month := c.Get("/planner/2027/03?done=saved").Do().AssertStatus(http.StatusOK)
	month.AssertText(".alert-ok", "Event saved.").AssertText("#day-2027-03-08", "14:00").AssertText("#day-2027-03-08", "Mix review")
	for _, d := range []string{"2027-03-27", "2027-03-28", "2027-03-29"} {
		month.AssertText("#day-"+d, "Festival")
	}
	if strings.Contains(month.Doc().Find("#day-2027-03-30").Text(), "Festival") {
		t.Error("the festival runs into the day after its last")
	}
	if label, _ := month.Attr("#day-2027-03-28 .planner-date", "aria-label"); label != "Sunday 28 March 2027, 1 event" {
		t.Errorf("28 March reads %q", label)
	}
	c.Get("/planner/week/2027-03-10").Do().AssertStatus(http.StatusOK).AssertText("h1", "Week of 7 March 2027").
		AssertText("#day-2027-03-08", "14:00–15:30").AssertText(".planner-nav a[rel=prev]", "Previous week")
	day := c.Get("/planner/day/2027-03-08").Do().AssertStatus(http.StatusOK)
	day.AssertText("#planner-day-events", "Mix review").AssertText("#planner-day-events", "Studio B")
	c.Get("/planner/day/2027-03-09").Do().AssertText("#planner-empty", "Nothing planned")

	// The edit form, as a fragment for the dialog and as a page.
	id := eventID(t, env, "Mix review")
	edit := c.Get("/planner/events/" + id).HTMX().Do().AssertStatus(http.StatusOK)
	if edit.Doc().Find(".sidebar").Length() != 0 {
		t.Error("the dialog's fragment carries the whole page")
	}
	for field, want := range map[string]string{"#event-title": "Mix review", "#event-start-date": "2027-03-08", "#event-start-time": "14:00", "#event-end-time": "15:30", "#event-location": "Studio B"} {
		if v, _ := edit.Attr(field, "value"); v != want {
			t.Errorf("the edit form's %s is %q, want %q", field, v, want)
		}
	}
	c.Get("/planner/events/"+id).Do().AssertStatus(http.StatusOK).AssertText(".sidebar", "Planner")
	c.Post("/planner/events/"+id).Form("title", "Mix review, part two", "kind", "appointment", "start_date", "2027-03-09", "start_time", "09:00", "end_time", "10:00",
		"return_to", "/planner/day/2027-03-09").Do().AssertRedirect("/planner/day/2027-03-09?done=saved")
	c.Get("/planner/day/2027-03-09").Do().AssertText("#planner-day-events", "Mix review, part two").AssertText("#planner-day-events", "09:00–10:00")

	// Another user's events are not found.
	other := env.SignIn("stranger@example.com", "")
	other.Get("/planner/events/" + id).Do().AssertStatus(http.StatusNotFound)
	other.Post("/planner/events/"+id).Form("title", "Mine now", "kind", "other", "start_date", "2027-03-09", "all_day", "on").Do().AssertStatus(http.StatusNotFound)
	other.Post("/planner/events/" + id + "/delete").Do().AssertStatus(http.StatusNotFound)
	if strings.Contains(other.Get("/planner/2027/03").Do().Doc().Text(), "Mix review") {
		t.Error("another user sees the event")
	}

	c.Post("/planner/events/"+id+"/delete").Form("return_to", "/planner/2027/03").Do().AssertRedirect("/planner/2027/03?done=deleted")
	c.Get("/planner/events/" + id).Do().AssertStatus(http.StatusNotFound)
	for _, p := range []string{"/planner/2027/13", "/planner/2027/3", "/planner/99999/01", "/planner/week/someday", "/planner/day/2027-02-30", "/planner/events/not-an-id"} {
		c.Get(p).Do().AssertStatus(http.StatusNotFound)
	}
}

func TestTodayShowsTheDaysPlan(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("agenda@example.com", "")
	if c.Get("/today").Do().Doc().Find("#today-events").Length() != 0 {
		t.Error("Today shows a plan with nothing planned")
	}
	today := time.Now().UTC().Format(time.DateOnly)
	c.Post("/planner/events").Form("title", "Band practice", "kind", "other", "all_day", "on", "start_date", today).Do().AssertStatus(http.StatusSeeOther)
	c.Get("/today").Do().AssertStatus(http.StatusOK).AssertText("#today-events", "Band practice").AssertText("#today-events", "All day")
	if more := c.Get("/today").Do().Doc().Find("#today-events-more").Length(); more != 0 {
		t.Error("Today offers the rest of a day it shows whole")
	}

	// A busy day: Today lists the first few, and links to the rest.
	for i := range 7 {
		c.Post("/planner/events").Form("title", fmt.Sprintf("Slot %d", i), "kind", "meeting", "start_date", today, "start_time", fmt.Sprintf("23:%02d", i*5), "end_time", "23:59").Do().AssertStatus(http.StatusSeeOther)
	}
	doc := c.Get("/today").Do().AssertText("#today-events-more", "later)").Doc()
	if n := doc.Find("#today-events li").Length(); n != planner.TodayShown {
		t.Errorf("Today lists %d of the day's 8 events, want %d", n, planner.TodayShown)
	}
	if href, _ := doc.Find("#today-events-more a").Attr("href"); href != "/planner/day/"+today {
		t.Errorf("the rest of the day links to %q", href)
	}
}

func TestARepeatingEventShowsOnEachOfItsDays(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("weekly@example.com", "")
	c.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "1").Do()
	c.Post("/planner/events").Form("title", "Lesson", "kind", "appointment", "start_date", "2027-03-01", "start_time", "17:00", "end_time", "18:00",
		"repeat", "weekly", "weekdays", "MO", "weekdays", "TH", "ends", "count", "count", "6", "return_to", "/planner/2027/03").Do().AssertRedirect("/planner/2027/03?done=saved")
	month := c.Get("/planner/2027/03").Do().AssertStatus(http.StatusOK)
	for _, d := range []string{"01", "04", "08", "11", "15", "18"} {
		month.AssertText("#day-2027-03-"+d, "17:00 Lesson")
	}
	for _, d := range []string{"02", "22", "25"} { // not a lesson day; after the sixth
		if strings.Contains(month.Doc().Find("#day-2027-03-"+d).Text(), "Lesson") {
			t.Errorf("a lesson on 2027-03-%s", d)
		}
	}
	// Summer time begins on 28 March: a daily event keeps its hour.
	c.Post("/planner/events").Form("title", "Scales", "kind", "other", "start_date", "2027-03-26", "start_time", "07:30", "end_time", "08:00",
		"repeat", "daily", "ends", "never").Do().AssertStatus(http.StatusSeeOther)
	week := c.Get("/planner/week/2027-03-29").Do()
	for _, d := range []string{"2027-03-29", "2027-04-04"} {
		week.AssertText("#day-"+d, "07:30–08:00")
	}
	c.Get("/planner/day/2027-03-28").Do().AssertText("#planner-day-events", "07:30–08:00")

	// The series is edited as one, its form filled from its rule.
	id := eventID(t, env, "Lesson")
	edit := c.Get("/planner/events/" + id).Do()
	edit.AssertText("#event-series-note", "every time it happens")
	if v, _ := edit.Attr("#event-count", "value"); v != "6" {
		t.Errorf("the count reads %q", v)
	}
	if n := edit.Doc().Find(`input[name=weekdays][checked]`).Length(); n != 2 {
		t.Errorf("%d weekdays ticked, want 2", n)
	}
	c.Post("/planner/events/"+id).Form("title", "Lesson", "kind", "appointment", "start_date", "2027-03-01", "start_time", "17:00", "end_time", "18:00",
		"repeat", "weekly", "weekdays", "TU", "ends", "until", "until", "2027-03-16").Do().AssertStatus(http.StatusSeeOther)
	month = c.Get("/planner/2027/03").Do()
	for d, want := range map[string]bool{"01": false, "02": true, "09": true, "16": true, "23": false} {
		if got := strings.Contains(month.Doc().Find("#day-2027-03-"+d).Text(), "Lesson"); got != want {
			t.Errorf("2027-03-%s has a lesson: %v, want %v", d, got, want)
		}
	}
	c.Post("/planner/events").Form("title", "Bad", "kind", "other", "start_date", "2027-03-01", "all_day", "on", "repeat", "daily", "every", "0").Do().
		AssertStatus(http.StatusUnprocessableEntity).AssertText("#event-every-error", "Repeat every 1 to 99")
	c.Post("/planner/events/" + id + "/delete").Do().AssertStatus(http.StatusSeeOther)
	if strings.Contains(c.Get("/planner/2027/03").Do().Doc().Text(), "Lesson") {
		t.Error("a deleted series still shows")
	}
}

func TestOneOccurrenceThisAndFollowingOrAll(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("scopes@example.com", "")
	c.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "1").Do()
	// lesson is the form with changes (name, value, …) over the defaults.
	lesson := func(changes ...string) []string {
		fields := map[string]string{"title": "Lesson", "kind": "appointment", "start_time": "17:00", "end_time": "18:00", "repeat": "weekly", "ends": "count", "count": "6"}
		for i := 0; i+1 < len(changes); i += 2 {
			fields[changes[i]] = changes[i+1]
		}
		var out []string
		for k, v := range fields {
			out = append(out, k, v)
		}
		return out
	}
	c.Post("/planner/events").Form(lesson("start_date", "2027-03-01")...).Do().AssertStatus(http.StatusSeeOther)
	id := eventID(t, env, "Lesson")
	at := func(day, clock string) string { // an occurrence's start, as its link names it
		l, _ := time.LoadLocation("Europe/Berlin")
		t, _ := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, l)
		return t.UTC().Format(time.RFC3339)
	}
	shows := func(day string) string {
		return strings.Join(strings.Fields(c.Get("/planner/day/"+day).Do().Doc().Find("#planner-view").Text()), " ")
	}

	// The occurrence's own form, asking what a change is for.
	form := c.Get("/planner/events/" + id + "?at=" + at("2027-03-15", "17:00")).Do().AssertStatus(http.StatusOK)
	if v, _ := form.Attr("#event-start-date", "value"); v != "2027-03-15" {
		t.Errorf("the occurrence's form starts %q", v)
	}
	if form.Doc().Find(`#event-form input[name=scope][value=this][checked]`).Length() != 1 {
		t.Error("the form does not ask, this event first")
	}
	c.Get("/planner/events/" + id + "?at=" + at("2027-03-16", "17:00")).Do().AssertStatus(http.StatusNotFound) // not one of its days
	c.Get("/planner/events/" + id + "?at=yesterday").Do().AssertStatus(http.StatusNotFound)

	// This event: moved on its own; the others stay.
	c.Post("/planner/events/" + id).Form(lesson("title", "Lesson (moved)", "start_date", "2027-03-15", "start_time", "18:00", "end_time", "19:00",
		"at", at("2027-03-15", "17:00"), "scope", "this")...).Do().AssertStatus(http.StatusSeeOther)
	if got := shows("2027-03-15"); !strings.Contains(got, "18:00–19:00 Lesson (moved)") || strings.Contains(got, "17:00") {
		t.Errorf("15 March shows %q", got)
	}
	c.Get("/planner/events/" + id + "?at=" + at("2027-03-15", "17:00")).Do().AssertStatus(http.StatusNotFound) // taken out
	c.Post("/planner/events/" + id).Form(lesson("start_date", "2027-03-08", "at", at("2027-03-08", "17:00"), "scope", "sometimes")...).Do().AssertStatus(http.StatusBadRequest)

	// This and following: the series ends before 22 March, a new one keeps
	// what was left of its count (22, 29 March, 5 April) at 16:00.
	c.Post("/planner/events/" + id).Form(lesson("start_date", "2027-03-22", "start_time", "16:00", "end_time", "17:00",
		"at", at("2027-03-22", "17:00"), "scope", "following")...).Do().AssertStatus(http.StatusSeeOther)
	for day, want := range map[string]string{"2027-03-08": "17:00–18:00 Lesson", "2027-03-22": "16:00–17:00 Lesson", "2027-04-05": "16:00–17:00 Lesson"} {
		if got := shows(day); !strings.Contains(got, want) {
			t.Errorf("%s shows %q, want %q", day, got, want)
		}
	}
	if got := shows("2027-04-12"); strings.Contains(got, "Lesson") {
		t.Errorf("12 April, past the count, shows %q", got)
	}
	if strings.Contains(shows("2027-03-22"), "17:00–18:00") {
		t.Error("the old series still runs on 22 March")
	}

	// All: from its second occurrence, the first series moves by half an
	// hour and keeps its first day.
	first := c.Get("/planner/events/" + id + "?at=" + at("2027-03-08", "17:00")).Do()
	if v, _ := first.Attr("#event-until", "value"); v != "2027-03-21" {
		t.Errorf("the first series now ends on %q, want the day before the second began", v)
	}
	c.Post("/planner/events/" + id).Form(lesson("start_date", "2027-03-08", "start_time", "17:30", "end_time", "18:30", "ends", "until", "until", "2027-03-21",
		"at", at("2027-03-08", "17:00"), "scope", "all")...).Do().AssertStatus(http.StatusSeeOther)
	for _, day := range []string{"2027-03-01", "2027-03-08"} {
		if got := shows(day); !strings.Contains(got, "17:30–18:30 Lesson") {
			t.Errorf("%s shows %q after moving all", day, got)
		}
	}

	// Deleted: one occurrence of the new series, then it and the following.
	var next string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM planner_events WHERE title = 'Lesson' AND id <> $1`, id).Scan(&next); err != nil {
		t.Fatal(err)
	}
	c.Post("/planner/events/"+next+"/delete").Form("at", at("2027-03-29", "16:00"), "scope", "this").Do().AssertStatus(http.StatusSeeOther)
	if strings.Contains(shows("2027-03-29"), "Lesson") || !strings.Contains(shows("2027-04-05"), "Lesson") {
		t.Error("deleting one occurrence did not take just that one")
	}
	c.Post("/planner/events/"+next+"/delete").Form("at", at("2027-04-05", "16:00"), "scope", "following").Do().AssertStatus(http.StatusSeeOther)
	if strings.Contains(shows("2027-04-05"), "Lesson") || !strings.Contains(shows("2027-03-22"), "Lesson") {
		t.Error("deleting this and following did not keep the earlier ones")
	}
	other := env.SignIn("nosy@example.com", "")
	other.Post("/planner/events/"+next+"/delete").Form("at", at("2027-03-22", "16:00"), "scope", "all").Do().AssertStatus(http.StatusNotFound)
}

func TestABusyDayOfTheMonthShowsThreeAndHowManyMore(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("busy@example.com", "")
	for i := range 5 {
		c.Post("/planner/events").Form("title", "Call "+strconv.Itoa(i), "kind", "meeting", "start_date", "2027-05-04", "start_time", fmt.Sprintf("%02d:00", 9+i), "end_time", fmt.Sprintf("%02d:30", 9+i)).Do().AssertStatus(http.StatusSeeOther)
	}
	cell := c.Get("/planner/2027/05").Do().Doc().Find("#day-2027-05-04")
	if n := cell.Find("a.event").Length(); n != 3 {
		t.Errorf("the day shows %d events, want 3", n)
	}
	if got := strings.TrimSpace(cell.Find(".planner-more").Text()); got != "2 more" {
		t.Errorf("the day says %q, want \"2 more\"", got)
	}
	if n := c.Get("/planner/day/2027-05-04").Do().Doc().Find("#planner-day-events a.event").Length(); n != 5 {
		t.Errorf("the day view lists %d events, want 5", n)
	}
}

// TestHostileFormsGetAReasonNeverA500: every field of the event form,
// filled with what no browser sends, is answered 4xx (or saved, when it is
// in fact fine) and never breaks the page.
func TestHostileFormsGetAReasonNeverA500(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("hostile-planner@example.com", "")
	base := map[string]string{"title": "Ok", "kind": "other", "start_date": "2027-03-01", "start_time": "09:00", "end_time": "10:00"}
	bad := []string{"", " ", "-1", "0", "99999999999999999999", "2027-02-30", "2027-13-01", "24:00", "9:60", "T09:00", "NaN", "null", "<script>", "\u202e", strings.Repeat("9", 500),
		"FREQ=SECONDLY", "MO,XX", "../../etc", "//evil.example", "https://evil.example/planner"}
	fields := []string{"title", "kind", "all_day", "start_date", "start_time", "end_date", "end_time", "location", "notes", "repeat", "every", "weekdays",
		"monthly_by", "ends", "count", "until", "return_to"}
	c.Post("/planner/events").Form("title", "Series", "kind", "other", "start_date", "2027-03-01", "start_time", "09:00", "end_time", "10:00", "repeat", "daily").Do().AssertStatus(http.StatusSeeOther)
	series := eventID(t, env, "Series")
	for _, field := range fields {
		for _, v := range bad {
			form := []string{field, v}
			for k, val := range base {
				if k != field {
					form = append(form, k, val)
				}
			}
			for _, path := range []string{"/planner/events", "/planner/events/" + series} {
				resp := c.Post(path).Form(append(form, "at", "2027-03-02T09:00:00Z", "scope", "this")...).Do()
				if resp.StatusCode >= 500 || resp.StatusCode == http.StatusOK {
					t.Errorf("POST %s with %s=%.20q: %d", path, field, v, resp.StatusCode)
				}
				if loc := resp.Header.Get("Location"); loc != "" && !strings.HasPrefix(loc, "/planner") {
					t.Errorf("POST %s with %s=%.20q goes to %q", path, field, v, loc)
				}
			}
		}
	}
	for _, v := range append(bad, "2027-03-02T09:00:00+01:00") {
		for _, p := range []string{"/planner/events/" + series + "?at=" + url.QueryEscape(v), "/planner/events/new?day=" + url.QueryEscape(v) + "&return_to=" + url.QueryEscape(v)} {
			if resp := c.Get(p).Do(); resp.StatusCode >= 500 {
				t.Errorf("GET %s: %d", p, resp.StatusCode)
			}
		}
		if resp := c.Post("/planner/events/"+series+"/delete").Form("at", v, "scope", v).Do(); resp.StatusCode >= 500 {
			t.Errorf("delete with %.20q: %d", v, resp.StatusCode)
		}
	}
}
