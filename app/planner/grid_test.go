package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/store/db"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestMonthDaysAreWholeWeeks(t *testing.T) {
	for _, tc := range []struct {
		year      int
		month     time.Month
		start     time.Weekday
		from, to  string
		wantCount int
	}{
		{2028, time.February, time.Monday, "2028-01-31", "2028-03-05", 35}, // a leap February
		{2028, time.February, time.Sunday, "2028-01-30", "2028-03-04", 35},
		{2021, time.February, time.Monday, "2021-02-01", "2021-02-28", 28}, // exactly four weeks
		{2026, time.August, time.Monday, "2026-07-27", "2026-09-06", 42},   // six weeks
		{2026, time.December, time.Sunday, "2026-11-29", "2027-01-02", 35}, // into the next year
	} {
		days := monthDays(tc.year, tc.month, tc.start)
		if len(days) != tc.wantCount || !days[0].Equal(date(tc.from)) || !days[len(days)-1].Equal(date(tc.to)) {
			t.Errorf("%d-%02d from %s: %d days %s…%s, want %d %s…%s", tc.year, tc.month, tc.start, len(days),
				days[0].Format(time.DateOnly), days[len(days)-1].Format(time.DateOnly), tc.wantCount, tc.from, tc.to)
		}
		if days[0].Weekday() != tc.start {
			t.Errorf("%d-%02d begins on a %s", tc.year, tc.month, days[0].Weekday())
		}
	}
	if w := weekDays(date("2027-03-10"), time.Monday); !w[0].Equal(date("2027-03-08")) || len(w) != 7 {
		t.Errorf("the week of 10 March 2027 from Monday: %v", w)
	}
}

func TestEventsLandOnTheDaysTheyOverlapInTheUsersZone(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cal := calendar.New(time.Date(2027, 3, 27, 12, 0, 0, 0, berlin), calendar.Fixed(berlin), time.Monday)
	ev := func(title string, allDay bool, from, to time.Time) db.PlannerEvent {
		return db.PlannerEvent{ID: uuid.New(), Title: title, Kind: "other", AllDay: allDay, StartsAt: from, EndsAt: to}
	}
	// 28 March 2027 is 23 hours long in Berlin (summer time begins).
	events := []db.PlannerEvent{
		ev("Late show", false, time.Date(2027, 3, 27, 22, 30, 0, 0, berlin), time.Date(2027, 3, 28, 1, 0, 0, 0, berlin)),
		ev("Switch day", true, time.Date(2027, 3, 28, 0, 0, 0, 0, berlin), time.Date(2027, 3, 29, 0, 0, 0, 0, berlin)),
		ev("Morning run", false, time.Date(2027, 3, 29, 7, 0, 0, 0, berlin), time.Date(2027, 3, 29, 8, 0, 0, 0, berlin)),
	}
	days := place(daysBetween(date("2027-03-26"), date("2027-03-29")), events, cal, 0, 0)
	got := map[string]string{}
	for _, d := range days {
		var titles []string
		for _, e := range d.Events {
			titles = append(titles, e.Title+"@"+e.When())
		}
		got[d.Date.Format(time.DateOnly)] = strings.Join(titles, ",")
	}
	want := map[string]string{
		"2027-03-27": "Late show@22:30–01:00",
		"2027-03-28": "Late show@Until 01:00,Switch day@All day",
		"2027-03-29": "Morning run@07:00–08:00",
	}
	for d, w := range want {
		if got[d] != w {
			t.Errorf("%s shows %q, want %q", d, got[d], w)
		}
	}
	if days[0].Today || !days[1].Today || days[2].Today {
		t.Errorf("today (27 March) is not the one marked: %v %v %v", days[0].Today, days[1].Today, days[2].Today)
	}
}

func TestTheFormIsReadInTheUsersZoneAndRefusedWithReasons(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	base := input{Title: "Mix review", Kind: "meeting", StartDate: "2027-03-28", StartTime: "09:00", EndTime: "10:30"}
	e, f := parse(base, berlin)
	if f.Errors.Any() {
		t.Fatalf("refused: %v", f.Errors)
	}
	if !e.Starts.Equal(time.Date(2027, 3, 28, 7, 0, 0, 0, time.UTC)) || e.Ends.Sub(e.Starts) != 90*time.Minute || e.Zone != "Europe/Berlin" {
		t.Errorf("on the first day of summer time, 09:00–10:30 is %v–%v in %s", e.Starts.UTC(), e.Ends.UTC(), e.Zone)
	}
	allDay := base
	allDay.AllDay, allDay.EndDate = "on", "2028-02-29"
	allDay.StartDate = "2028-02-28"
	if e, f := parse(allDay, berlin); f.Errors.Any() || !e.Ends.Equal(time.Date(2028, 3, 1, 0, 0, 0, 0, berlin)) || !e.Starts.Equal(time.Date(2028, 2, 28, 0, 0, 0, 0, berlin)) {
		t.Errorf("28–29 February 2028 all day: %v–%v %v", e.Starts, e.Ends, f.Errors)
	}
	for name, tc := range map[string]struct {
		change func(*input)
		field  string
		says   string
	}{
		"no title":              {func(in *input) { in.Title = "  " }, "title", "Give the event a title"},
		"a long title":          {func(in *input) { in.Title = strings.Repeat("é", 121) }, "title", "it has 121"},
		"an unknown type":       {func(in *input) { in.Kind = "party" }, "kind", "Choose one of the types"},
		"no day":                {func(in *input) { in.StartDate = "" }, "start_date", "Enter a day"},
		"an absurd year":        {func(in *input) { in.StartDate = "3027-03-28" }, "start_date", "1900 to 2200"},
		"no start time":         {func(in *input) { in.StartTime = "" }, "start_time", "the time it starts"},
		"a bad end time":        {func(in *input) { in.EndTime = "25:00" }, "end_time", "the time it ends"},
		"ends before it starts": {func(in *input) { in.EndTime = "08:00" }, "end_time", "end after it starts"},
		"ends the day before":   {func(in *input) { in.EndDate = "2027-03-27" }, "end_time", "end after it starts"},
		"all day, backwards":    {func(in *input) { in.AllDay, in.EndDate = "on", "2027-03-20" }, "end_date", "cannot come before"},
		"over a year":           {func(in *input) { in.AllDay, in.EndDate = "on", "2028-04-01" }, "end_date", "at most a year"},
		"a long place":          {func(in *input) { in.Location = strings.Repeat("x", 201) }, "location", "200 characters"},
		"long notes":            {func(in *input) { in.Notes = strings.Repeat("x", 2001) }, "notes", "2000 characters"},
	} {
		in := base
		tc.change(&in)
		_, f := parse(in, berlin)
		if !strings.Contains(f.Errors[tc.field], tc.says) {
			t.Errorf("%s: %s says %q, want %q (errors %v)", name, tc.field, f.Errors[tc.field], tc.says, f.Errors)
		}
		if f.Title != in.Title || f.Notes != in.Notes {
			t.Errorf("%s: the form does not keep what was typed", name)
		}
	}
}
