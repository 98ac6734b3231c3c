package habits

import (
	"testing"
	"time"

	"ignition/app/calendar"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func days(ss ...string) []time.Time {
	out := make([]time.Time, len(ss))
	for i, s := range ss {
		out[i] = day(s)
	}
	return out
}

const (
	mon = 1 << time.Monday
	wed = 1 << time.Wednesday
	fri = 1 << time.Friday
)

func TestStreaks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		s                Schedule
		done             []time.Time
		today            string
		start            time.Weekday
		current, longest int
	}{
		{"daily, nothing yet", Schedule{Cadence: Daily, Start: day("2026-11-20")}, nil, "2026-11-27", time.Monday, 0, 0},
		{"daily, today still open keeps yesterday's run", Schedule{Cadence: Daily, Start: day("2026-11-20")},
			days("2026-11-24", "2026-11-25", "2026-11-26"), "2026-11-27", time.Monday, 3, 3},
		{"daily, done today", Schedule{Cadence: Daily, Start: day("2026-11-20")},
			days("2026-11-25", "2026-11-26", "2026-11-27"), "2026-11-27", time.Monday, 3, 3},
		{"daily, a missed day breaks the run", Schedule{Cadence: Daily, Start: day("2026-11-20")},
			days("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-25", "2026-11-26"), "2026-11-27", time.Monday, 2, 4},
		{"daily, across a month end", Schedule{Cadence: Daily, Start: day("2026-01-29")},
			days("2026-01-29", "2026-01-30", "2026-01-31", "2026-02-01"), "2026-02-01", time.Monday, 4, 4},
		{"daily, across the leap day", Schedule{Cadence: Daily, Start: day("2024-02-27")},
			days("2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"), "2024-03-02", time.Monday, 4, 4},
		{"weekdays skip the days off", Schedule{Cadence: Weekdays, Weekdays: mon | wed | fri, Start: day("2026-11-09")},
			days("2026-11-09", "2026-11-11", "2026-11-13", "2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23", "2026-11-25"), "2026-11-27", time.Monday, 8, 8},
		{"weekdays, a missed Wednesday", Schedule{Cadence: Weekdays, Weekdays: mon | wed | fri, Start: day("2026-11-16")},
			days("2026-11-16", "2026-11-20", "2026-11-23", "2026-11-25", "2026-11-27"), "2026-11-27", time.Monday, 4, 4},
		{"weekdays, done on a day off counts for nothing", Schedule{Cadence: Weekdays, Weekdays: mon, Start: day("2026-11-16")},
			days("2026-11-17"), "2026-11-24", time.Monday, 0, 0},
		{"weekly, met weeks in a row; this week still open", Schedule{Cadence: Weekly, TimesPerWeek: 2, Start: day("2026-11-02")},
			days("2026-11-02", "2026-11-04", "2026-11-10", "2026-11-15", "2026-11-17", "2026-11-18", "2026-11-24"), "2026-11-27", time.Monday, 3, 3},
		{"weekly, week start Sunday moves the boundary", Schedule{Cadence: Weekly, TimesPerWeek: 2, Start: day("2026-11-02")},
			days("2026-11-02", "2026-11-04", "2026-11-10", "2026-11-15", "2026-11-17", "2026-11-18", "2026-11-24"), "2026-11-27", time.Sunday, 1, 1},
		{"weekly, a short week breaks", Schedule{Cadence: Weekly, TimesPerWeek: 3, Start: day("2026-11-02")},
			days("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-10", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-23", "2026-11-24", "2026-11-25"), "2026-11-27", time.Monday, 2, 2},
	}
	for _, tt := range tests {
		st := Compute(tt.s, tt.done, day(tt.today), tt.start)
		if st.Current != tt.current || st.Longest != tt.longest {
			t.Errorf("%s: streak %d, longest %d; want %d, %d", tt.name, st.Current, st.Longest, tt.current, tt.longest)
		}
	}
}

func TestRatesAndMissed(t *testing.T) {
	t.Parallel()
	s := Schedule{Cadence: Daily, Start: day("2026-08-01")}
	var done []time.Time
	for d := day("2026-11-01"); d.Before(day("2026-11-27")); d = d.AddDate(0, 0, 2) { // every other day
		done = append(done, d)
	}
	st := Compute(s, done, day("2026-11-27"), time.Monday)
	// The last 7 days before today (today is open): Nov 20–26, done on 21, 23, 25.
	if st.Rate7 != 50 { // 3 of 6: today open and excluded
		t.Errorf("Rate7 = %d, want 50", st.Rate7)
	}
	if st.Missed30 != 17 {
		t.Errorf("Missed30 = %d, want 17", st.Missed30)
	}
	if st.Rate90 < 14 || st.Rate90 > 16 { // 13 of ~88
		t.Errorf("Rate90 = %d", st.Rate90)
	}

	young := Schedule{Cadence: Daily, Start: day("2026-11-26")}
	if st := Compute(young, days("2026-11-26", "2026-11-27"), day("2026-11-27"), time.Monday); st.Rate30 != 100 || st.Missed30 != 0 {
		t.Errorf("a new habit done every day: rate %d, missed %d", st.Rate30, st.Missed30)
	}
	weekly := Schedule{Cadence: Weekly, TimesPerWeek: 7, Start: day("2026-11-01")}
	if st := Compute(weekly, days("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"), day("2026-11-27"), time.Monday); st.Rate7 != 100 || st.WeekCount != 5 {
		t.Errorf("weekly every day: rate %d, week count %d", st.Rate7, st.WeekCount)
	}
}

func TestHeatmap(t *testing.T) {
	t.Parallel()
	s := Schedule{Cadence: Weekdays, Weekdays: mon | wed | fri, Start: day("2026-11-10")}
	grid := Heatmap(s, days("2026-11-11", "2026-11-23"), day("2026-11-25"), time.Monday, 3)
	if len(grid) != 3 || !grid[0][0].Day.Equal(day("2026-11-09")) || !grid[2][6].Day.Equal(day("2026-11-29")) {
		t.Fatalf("grid spans %s to %s", grid[0][0].Day.Format("2006-01-02"), grid[2][6].Day.Format("2006-01-02"))
	}
	want := map[string]string{
		"2026-11-09": "before", "2026-11-11": "done", "2026-11-12": "off", "2026-11-13": "missed",
		"2026-11-23": "done", "2026-11-25": "open", "2026-11-27": "future",
	}
	for _, col := range grid {
		for _, c := range col {
			if w, ok := want[c.Day.Format("2006-01-02")]; ok && c.State != w {
				t.Errorf("%s is %s, want %s", c.Day.Format("2006-01-02"), c.State, w)
			}
		}
	}
}

// TestRunAgreesWithHistory checks that the stored run, read on a later
// day, gives the streak the whole history gives.
func TestRunAgreesWithHistory(t *testing.T) {
	t.Parallel()
	schedules := []Schedule{
		{Cadence: Daily, Start: day("2026-10-01")},
		{Cadence: Weekdays, Weekdays: mon | wed | fri, Start: day("2026-10-01")},
		{Cadence: Weekly, TimesPerWeek: 2, Start: day("2026-10-01")},
	}
	histories := [][]time.Time{
		nil,
		days("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"),
		days("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23", "2026-11-25"),
		days("2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17", "2026-11-23"),
		days("2026-10-05", "2026-10-06", "2026-11-02"),
	}
	for _, s := range schedules {
		for hi, done := range histories {
			for _, start := range []time.Weekday{time.Monday, time.Sunday} {
				written := day("2026-11-25")
				r := RunOf(s, done, written, start)
				for later := written; !later.After(day("2026-12-10")); later = later.AddDate(0, 0, 1) {
					want := Compute(s, done, later, start).Current
					if got := r.Current(s, later, start); got != want {
						t.Errorf("%s history %d, weeks from %s, read %s: run says %d, history says %d",
							s.Cadence, hi, start, later.Format("2006-01-02"), got, want)
					}
				}
				if r.Longest != Compute(s, done, written, start).Longest {
					t.Errorf("%s history %d: longest %d", s.Cadence, hi, r.Longest)
				}
			}
		}
	}
}

func TestWeekTotals(t *testing.T) {
	t.Parallel()
	// Wednesday 2 December 2026, weeks from Monday.
	cal := calendar.New(time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), calendar.Fixed(time.UTC), time.Monday)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	habits := []history{
		{Schedule: Schedule{Cadence: Daily, Start: day(11, 20)}, Days: []time.Time{day(11, 23), day(11, 24), day(12, 1)}},
		{Schedule: Schedule{Cadence: Weekly, TimesPerWeek: 2, Start: day(11, 1)}, Days: []time.Time{day(11, 23), day(11, 25), day(11, 27)}},
		{Schedule: Schedule{Cadence: Weekdays, Weekdays: 1<<1 | 1<<3, Start: day(1, 1)}, Days: []time.Time{day(12, 2)}}, // Mon, Wed
	}
	weeks := WeekTotals(habits, cal)
	if len(weeks) != weeksShown {
		t.Fatalf("%d weeks", len(weeks))
	}
	// This week so far (Mon 30 Nov – Wed 2 Dec): daily 3 due, 1 done;
	// weekly 2 due, 0 done; Mon and Wed due, Wed done.
	if w := weeks[7]; !w.Start.Equal(day(11, 30)) || w.Due != 7 || w.Done != 2 || w.Percent != 28 {
		t.Errorf("this week = %+v", w)
	}
	// Last week: daily from Fri 20 Nov is due all 7 days (done 2); weekly
	// done 3 of 2 counts 2; Mon and Wed due, none done.
	if w := weeks[6]; w.Due != 7+2+2 || w.Done != 2+2 || w.Percent != 36 {
		t.Errorf("last week = %+v", w)
	}
	// In mid-October only the chosen-days habit existed.
	if w := weeks[0]; !w.Start.Equal(day(10, 12)) || w.Due != 2 || w.Done != 0 {
		t.Errorf("eight weeks ago = %+v", w)
	}
	best := BestStreaks([]history{{Title: "A", Longest: 3, Unit: "day"}, {Title: "B", Longest: 9, Unit: "week"}, {Title: "C"}})
	if len(best) != 2 || best[0].Title != "B" {
		t.Errorf("best = %+v", best)
	}
}
