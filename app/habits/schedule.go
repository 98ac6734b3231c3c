// Package habits keeps recurring habits: their cadence, completions in the
// user's time zone, streaks, completion rates and the calendar heatmap.
package habits

import (
	"time"

	"ignition/app/calendar"
)

// Cadence is how often a habit is due.
type Cadence string

// The cadences.
const (
	Daily    Cadence = "daily"    // every day
	Weekdays Cadence = "weekdays" // on chosen days of the week
	Weekly   Cadence = "weekly"   // a number of times per week, any days
)

// Schedule is what the streak and rate rules need to know about a habit.
type Schedule struct {
	Cadence      Cadence
	Weekdays     uint8 // bit 0 Sunday … bit 6 Saturday, for Weekdays
	TimesPerWeek int   // for Weekly
	Start        time.Time
}

// Due reports whether the habit is due on day (on or after its start).
func (s Schedule) Due(day time.Time) bool {
	if day.Before(s.Start) {
		return false
	}
	if s.Cadence == Weekdays {
		return s.Weekdays&(1<<uint(day.Weekday())) != 0
	}
	return true
}

// Stats are the figures shown for a habit.
type Stats struct {
	Current   int    // current streak
	Longest   int    // longest streak
	Unit      string // "day" or "week"
	DoneToday bool
	DueToday  bool
	WeekCount int // completions this week (Weekly)
	Rate7     int // completion rate in percent over the last 7, 30 and 90 days
	Rate30    int
	Rate90    int
	Missed30  int // due days in the last 30 days, before today, not done
}

// Compute works out the stats of a habit from its completed days (local
// days, any order), as of today, with weeks starting on weekStart.
func Compute(s Schedule, done []time.Time, today time.Time, weekStart time.Weekday) Stats {
	set := make(map[time.Time]bool, len(done))
	for _, d := range done {
		set[d] = true
	}
	st := Stats{Unit: "day", DoneToday: set[today], DueToday: s.Due(today)}
	if s.Cadence == Weekly {
		st.Unit = "week"
		st.Current, st.Longest = weekStreaks(s, set, today, weekStart)
		st.WeekCount = countIn(set, calendar.WeekOf(today, weekStart), today)
	} else {
		st.Current, st.Longest = dayStreaks(s, set, today)
	}
	st.Rate7 = rate(s, set, today, 7)
	st.Rate30 = rate(s, set, today, 30)
	st.Rate90 = rate(s, set, today, 90)
	if s.Cadence != Weekly {
		for d := today.AddDate(0, 0, -30); d.Before(today); d = d.AddDate(0, 0, 1) {
			if s.Due(d) && !set[d] {
				st.Missed30++
			}
		}
	}
	return st
}

// dayStreaks counts runs of due days done. Today, while not yet done, is
// still open and breaks nothing.
func dayStreaks(s Schedule, set map[time.Time]bool, today time.Time) (current, longest int) {
	run := 0
	for d := s.Start; !d.After(today); d = d.AddDate(0, 0, 1) {
		if !s.Due(d) {
			continue
		}
		switch {
		case set[d]:
			run++
		case d.Equal(today):
		default:
			run = 0
		}
		longest = max(longest, run)
	}
	return run, longest
}

// weekStreaks counts runs of weeks in which the habit was done at least
// TimesPerWeek times. The current week, until met, is still open.
func weekStreaks(s Schedule, set map[time.Time]bool, today time.Time, weekStart time.Weekday) (current, longest int) {
	run := 0
	thisWeek := calendar.WeekOf(today, weekStart)
	for w := calendar.WeekOf(s.Start, weekStart); !w.After(thisWeek); w = w.AddDate(0, 0, 7) {
		met := countIn(set, w, w.AddDate(0, 0, 6)) >= s.TimesPerWeek
		switch {
		case met:
			run++
		case w.Equal(thisWeek):
		default:
			run = 0
		}
		longest = max(longest, run)
	}
	return run, longest
}

func countIn(set map[time.Time]bool, from, to time.Time) int {
	n := 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if set[d] {
			n++
		}
	}
	return n
}

// rate is the percentage of what was due in the last days days (today
// included only once done) that was done. Weekly habits are due
// TimesPerWeek times for every seven days of the window.
func rate(s Schedule, set map[time.Time]bool, today time.Time, days int) int {
	from := today.AddDate(0, 0, -(days - 1))
	if from.Before(s.Start) {
		from = s.Start
	}
	to := today
	if !set[today] {
		to = today.AddDate(0, 0, -1)
	}
	if to.Before(from) {
		return 0
	}
	if s.Cadence == Weekly {
		span := int(to.Sub(from).Hours()/24) + 1
		want := float64(s.TimesPerWeek*span) / 7
		if want == 0 {
			return 0
		}
		return min(100, int(float64(countIn(set, from, to))*100/want+0.5))
	}
	due, hit := 0, 0
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if s.Due(d) {
			due++
			if set[d] {
				hit++
			}
		}
	}
	if due == 0 {
		return 0
	}
	return (hit*100 + due/2) / due
}

// Cell is one day of the heatmap.
type Cell struct {
	Day   time.Time
	State string // done, missed, open (today, not yet done), off (not due), before, future
}

// Heatmap lays out the last weeks weeks as columns of seven days starting
// on weekStart, oldest first.
func Heatmap(s Schedule, done []time.Time, today time.Time, weekStart time.Weekday, weeks int) [][]Cell {
	set := make(map[time.Time]bool, len(done))
	for _, d := range done {
		set[d] = true
	}
	first := calendar.WeekOf(today, weekStart).AddDate(0, 0, -7*(weeks-1))
	grid := make([][]Cell, weeks)
	for w := range grid {
		grid[w] = make([]Cell, 7)
		for i := range grid[w] {
			d := first.AddDate(0, 0, 7*w+i)
			grid[w][i] = Cell{Day: d, State: cellState(s, set, d, today)}
		}
	}
	return grid
}

func cellState(s Schedule, set map[time.Time]bool, d, today time.Time) string {
	switch {
	case d.After(today):
		return "future"
	case set[d]:
		return "done"
	case d.Before(s.Start):
		return "before"
	case d.Equal(today):
		return "open"
	case s.Cadence == Weekly || !s.Due(d):
		return "off"
	default:
		return "missed"
	}
}

// Run is the streak a habit had when it last changed: how long the
// current run was, the day (or, for weekly habits, the week) it last grew,
// and the longest run ever. Pages read it instead of the whole history.
type Run struct {
	Length  int
	End     time.Time // zero when there is no run
	Longest int
}

// RunOf works out the run from the whole history as of today.
func RunOf(s Schedule, done []time.Time, today time.Time, weekStart time.Weekday) Run {
	set := make(map[time.Time]bool, len(done))
	for _, d := range done {
		set[d] = true
	}
	var r Run
	if s.Cadence == Weekly {
		r.Length, r.Longest = weekStreaks(s, set, today, weekStart)
		if r.Length > 0 {
			w := calendar.WeekOf(today, weekStart)
			if countIn(set, w, today) < s.TimesPerWeek {
				w = w.AddDate(0, 0, -7) // this week is still open
			}
			r.End = w
		}
		return r
	}
	r.Length, r.Longest = dayStreaks(s, set, today)
	if r.Length > 0 {
		for d := today; ; d = d.AddDate(0, 0, -1) {
			if set[d] && s.Due(d) {
				r.End = d
				break
			}
		}
	}
	return r
}

// Current is the streak the run still stands for today: unbroken while no
// due day (or, weekly, no whole week) has passed since it last grew.
func (r Run) Current(s Schedule, today time.Time, weekStart time.Weekday) int {
	if r.Length == 0 || r.End.IsZero() {
		return 0
	}
	if s.Cadence == Weekly {
		if r.End.Before(calendar.WeekOf(today, weekStart).AddDate(0, 0, -7)) {
			return 0
		}
		return r.Length
	}
	for d := r.End.AddDate(0, 0, 1); d.Before(today); d = d.AddDate(0, 0, 1) {
		if s.Due(d) {
			return 0
		}
	}
	return r.Length
}
