package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"ignition/app/form"
	"ignition/app/store/db"
	views "ignition/views/planner"
)

func repeating(rule string, allDay bool, start, end time.Time) db.PlannerEvent {
	return db.PlannerEvent{ID: uuid.New(), Title: "x", Kind: "other", AllDay: allDay, StartsAt: start, EndsAt: end,
		TimeZone: start.Location().String(), Rrule: pgtype.Text{String: rule, Valid: true}}
}

func starts(ss []span) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.start.Format("2006-01-02 15:04 MST"))
	}
	return out
}

func TestRepeatingEventsExpandInTheirWindowAtTheirLocalTime(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, berlin) }
	for name, tc := range map[string]struct {
		event       db.PlannerEvent
		from, until time.Time
		want        string
	}{
		"weekly on two days, across the start of summer time": {
			repeating("FREQ=WEEKLY;BYDAY=MO,WE", false, at(2027, 3, 22, 9), at(2027, 3, 22, 10)), at(2027, 3, 22, 0), at(2027, 4, 1, 0),
			"2027-03-22 09:00 CET,2027-03-24 09:00 CET,2027-03-29 09:00 CEST,2027-03-31 09:00 CEST"},
		"monthly on the 31st skips shorter months": {
			repeating("FREQ=MONTHLY;BYMONTHDAY=31", false, at(2027, 1, 31, 18), at(2027, 1, 31, 19)), at(2027, 1, 1, 0), at(2027, 8, 1, 0),
			"2027-01-31 18:00 CET,2027-03-31 18:00 CEST,2027-05-31 18:00 CEST,2027-07-31 18:00 CEST"},
		"monthly on the last Friday": {
			repeating("FREQ=MONTHLY;BYDAY=-1FR", false, at(2027, 1, 29, 20), at(2027, 1, 29, 22)), at(2027, 2, 1, 0), at(2027, 4, 1, 0),
			"2027-02-26 20:00 CET,2027-03-26 20:00 CET"},
		"yearly on 29 February, in leap years only": {
			repeating("FREQ=YEARLY", true, at(2028, 2, 29, 0), at(2028, 3, 1, 0)), at(2028, 1, 1, 0), at(2034, 1, 1, 0),
			"2028-02-29 00:00 CET,2032-02-29 00:00 CET"},
		"a count": {
			repeating("FREQ=DAILY;COUNT=3", false, at(2027, 6, 1, 7), at(2027, 6, 1, 8)), at(2027, 5, 1, 0), at(2027, 7, 1, 0),
			"2027-06-01 07:00 CEST,2027-06-02 07:00 CEST,2027-06-03 07:00 CEST"},
		"until a last day, included": {
			repeating("FREQ=WEEKLY;UNTIL=20270405T215959Z", false, at(2027, 3, 22, 9), at(2027, 3, 22, 10)), at(2027, 3, 1, 0), at(2027, 5, 1, 0),
			"2027-03-22 09:00 CET,2027-03-29 09:00 CEST,2027-04-05 09:00 CEST"},
		"an occurrence that began before the window": {
			repeating("FREQ=DAILY", false, at(2027, 6, 1, 23), at(2027, 6, 2, 1)), at(2027, 6, 3, 0), at(2027, 6, 3, 12),
			"2027-06-02 23:00 CEST"},
	} {
		if got := strings.Join(starts(spans([]db.PlannerEvent{tc.event}, tc.from, tc.until)), ","); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, tc.want)
		}
	}

	// An all-day occurrence is its local day, 23 hours long when summer time begins.
	allDay := spans([]db.PlannerEvent{repeating("FREQ=DAILY", true, at(2027, 3, 27, 0), at(2027, 3, 28, 0))}, at(2027, 3, 28, 0), at(2027, 3, 29, 0))
	if len(allDay) != 1 || allDay[0].end.Sub(allDay[0].start) != 23*time.Hour {
		t.Errorf("28 March 2027 all day: %v", allDay)
	}
	// Taken out, an occurrence is gone.
	out := repeating("FREQ=DAILY;COUNT=3", false, at(2027, 6, 1, 7), at(2027, 6, 1, 8))
	out.Exdates = []time.Time{at(2027, 6, 2, 7).UTC()}
	if got := len(spans([]db.PlannerEvent{out}, at(2027, 6, 1, 0), at(2027, 6, 4, 0))); got != 2 {
		t.Errorf("with one taken out, %d occurrences", got)
	}
	// A rule without end expands only as far as the window, and never
	// beyond perWindow.
	forever := repeating("FREQ=DAILY", false, at(2020, 1, 1, 7), at(2020, 1, 1, 8))
	if n := len(spans([]db.PlannerEvent{forever}, at(2027, 2, 1, 0), at(2027, 3, 1, 0))); n != 28 {
		t.Errorf("February 2027 shows %d daily occurrences", n)
	}
	if n := len(spans([]db.PlannerEvent{forever}, at(2020, 1, 1, 0), at(2200, 1, 1, 0))); n != perWindow {
		t.Errorf("180 years show %d occurrences, want the bound %d", n, perWindow)
	}
	if end, bounded, err := lastEnd(repeating("FREQ=DAILY;COUNT=3", false, at(2027, 6, 1, 7), at(2027, 6, 1, 8))); err != nil || !bounded || !end.Equal(at(2027, 6, 3, 8)) {
		t.Errorf("three days from 1 June end %v (%v, %v)", end, bounded, err)
	}
	if _, bounded, _ := lastEnd(forever); bounded {
		t.Error("a rule without end has a last occurrence")
	}
}

func TestTheRepeatFieldsMakeARule(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2027, 3, 9, 18, 0, 0, 0, berlin) // the second Tuesday of March
	for name, tc := range map[string]struct {
		in   input
		rule string
		err  string
	}{
		"none":                   {input{}, "", ""},
		"daily":                  {input{Repeat: "daily"}, "FREQ=DAILY", ""},
		"every other week":       {input{Repeat: "weekly", Every: "2", Weekdays: []string{"TH", "TU"}}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", ""},
		"weekly, no day":         {input{Repeat: "weekly"}, "FREQ=WEEKLY;BYDAY=TU", ""},
		"monthly by day":         {input{Repeat: "monthly"}, "FREQ=MONTHLY;BYMONTHDAY=9", ""},
		"monthly by weekday":     {input{Repeat: "monthly", MonthlyBy: "weekday"}, "FREQ=MONTHLY;BYDAY=2TU", ""},
		"yearly, ten times":      {input{Repeat: "yearly", Ends: "count", Count: "10"}, "FREQ=YEARLY;COUNT=10", ""},
		"until":                  {input{Repeat: "daily", Ends: "until", Until: "2027-03-31"}, "FREQ=DAILY;UNTIL=20270331T215959Z", ""},
		"hourly":                 {input{Repeat: "hourly"}, "", "repeat"},
		"every 0":                {input{Repeat: "daily", Every: "0"}, "", "every"},
		"every 100":              {input{Repeat: "daily", Every: "100"}, "", "every"},
		"a day that is none":     {input{Repeat: "weekly", Weekdays: []string{"XX"}}, "", "weekdays"},
		"731 times":              {input{Repeat: "daily", Ends: "count", Count: "731"}, "", "count"},
		"until before it starts": {input{Repeat: "daily", Ends: "until", Until: "2027-03-01"}, "", "until"},
		"an unknown end":         {input{Repeat: "daily", Ends: "sometimes"}, "", "ends"},
	} {
		errs := form.Errors{}
		if got := ruleOf(tc.in, start, errs); got != tc.rule || (tc.err == "") != (len(errs) == 0) || (tc.err != "" && errs[tc.err] == "") {
			t.Errorf("%s: rule %q errors %v, want %q with an error on %q", name, got, errs, tc.rule, tc.err)
		}
	}
	if got := nthWeekday(time.Date(2027, 3, 26, 0, 0, 0, 0, time.UTC)); got != "-1FR" {
		t.Errorf("26 March 2027 is %s, want the last Friday", got)
	}

	// A stored rule fills the form back.
	var f views.Form
	repeatOf(&f, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270331T215959Z", berlin)
	if f.Repeat != "weekly" || f.Every != "2" || strings.Join(f.Weekdays, ",") != "TU,TH" || f.Ends != "until" || f.Until != "2027-03-31" {
		t.Errorf("the form of a stored rule: %+v", f)
	}
	f = views.Form{}
	repeatOf(&f, "FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", berlin)
	if f.Repeat != "monthly" || f.MonthlyBy != "weekday" || f.Ends != "count" || f.Count != "5" {
		t.Errorf("the form of a monthly rule: %+v", f)
	}
}

func TestAnOldSeriesIsNotWalkedFromItsFirstDayButGivesTheSameDays(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, rule := range []string{"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=DAILY;UNTIL=20300101T000000Z"} {
		e := repeating(rule, false, time.Date(2016, 3, 2, 9, 0, 0, 0, berlin), time.Date(2016, 3, 2, 10, 0, 0, 0, berlin))
		from, until := time.Date(2027, 3, 22, 0, 0, 0, 0, berlin), time.Date(2027, 4, 5, 0, 0, 0, 0, berlin)
		r, _ := series(e.Rrule.String, e.StartsAt, e.TimeZone)
		var want []string
		for _, t := range r.Between(from.Add(-2*time.Hour), until, true) {
			if t.Add(time.Hour).After(from) {
				want = append(want, t.Format("2006-01-02 15:04 MST"))
			}
		}
		if got := starts(spans([]db.PlannerEvent{e}, from, until)); strings.Join(got, ",") != strings.Join(want, ",") || len(got) == 0 {
			t.Errorf("%s:\n got %v\nwant %v", rule, got, want)
		}
	}
}
