package habits

import (
	"slices"
	"time"

	"ignition/app/calendar"
	views "ignition/views/habits"
)

// weeksShown is how many weeks the habits page sums up, this one included.
const weeksShown = 8

// bestShown is how many best streaks it lists.
const bestShown = 3

// history is one habit with its completed days since the first week shown.
type history struct {
	Schedule Schedule
	Title    string
	Unit     string // "day" or "week"
	Longest  int
	Days     []time.Time
}

// WeekTotals sums, for each of the last weeksShown weeks (oldest first,
// this one up to today), the completions due across the habits and those
// done: a daily or chosen-days habit is due on its days since it began, a
// weekly one its count in each week it existed.
func WeekTotals(habits []history, cal calendar.Calendar) []views.WeekTotal {
	first := cal.Week().AddDate(0, 0, -7*(weeksShown-1))
	out := make([]views.WeekTotal, weeksShown)
	for w := range out {
		start := first.AddDate(0, 0, 7*w)
		end := start.AddDate(0, 0, 6)
		if end.After(cal.Today) {
			end = cal.Today
		}
		t := views.WeekTotal{Start: start}
		for _, h := range habits {
			if h.Schedule.Start.After(end) {
				continue
			}
			done := 0
			for _, d := range h.Days {
				if !d.Before(start) && !d.After(end) {
					done++
				}
			}
			if h.Schedule.Cadence == Weekly {
				t.Due += h.Schedule.TimesPerWeek
				t.Done += min(done, h.Schedule.TimesPerWeek)
				continue
			}
			for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
				if h.Schedule.Due(d) {
					t.Due++
				}
			}
			t.Done += done
		}
		if t.Due > 0 {
			t.Percent = min(100, t.Done*100/t.Due)
		}
		out[w] = t
	}
	return out
}

// BestStreaks are the habits with the longest streaks, longest first.
func BestStreaks(habits []history) []views.Best {
	var out []views.Best
	for _, h := range habits {
		if h.Longest > 0 {
			out = append(out, views.Best{Title: h.Title, Streak: h.Longest, Unit: h.Unit})
		}
	}
	slices.SortStableFunc(out, func(a, b views.Best) int { return b.Streak - a.Streak })
	return out[:min(len(out), bestShown)]
}
