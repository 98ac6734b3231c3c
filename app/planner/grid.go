package planner

import (
	"time"

	"ignition/app/calendar"
	"ignition/app/store/db"
	views "ignition/views/planner"
)

// monthDays are the days of the weeks that hold a month, from the first
// day of the week the month begins in to the last day of the week it ends
// in: 28 to 42 days, each a date at midnight UTC.
func monthDays(year int, month time.Month, weekStart time.Weekday) []time.Time {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	from := calendar.WeekOf(first, weekStart)
	to := calendar.WeekOf(last, weekStart).AddDate(0, 0, 6)
	return daysBetween(from, to)
}

// weekDays are the seven days of the week that holds day.
func weekDays(day time.Time, weekStart time.Weekday) []time.Time {
	from := calendar.WeekOf(day, weekStart)
	return daysBetween(from, from.AddDate(0, 0, 6))
}

// daysBetween lists the dates from from to to, both included.
func daysBetween(from, to time.Time) []time.Time {
	var out []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// window is the span of instants days cover in the user's zone: from the
// first day's midnight to the midnight after the last.
func window(days []time.Time, cal calendar.Calendar) (from, until time.Time) {
	return cal.Midnight(days[0]), cal.Midnight(days[len(days)-1].AddDate(0, 0, 1))
}

// place lays the occurrences of events (as read for days' window) on the
// days they overlap in the user's zone, each as that day shows it: all of
// them, or with most > 0 that many (the month's cells), every one counted.
func place(days []time.Time, events []db.PlannerEvent, cal calendar.Calendar, month time.Month, most int) []views.Day {
	from, until := window(days, cal)
	out := make([]views.Day, len(days))
	index := make(map[time.Time]int, len(days))
	for i, d := range days {
		out[i] = views.Day{Date: d, Today: d.Equal(cal.Today), InMonth: month == 0 || d.Month() == month}
		index[d] = i
	}
	for _, o := range spans(events, from, until) {
		last := cal.Day(o.end.Add(-time.Nanosecond)) // the last day it covers (an end at midnight is the day before's)
		for d := cal.Day(o.start); !d.After(last); d = d.AddDate(0, 0, 1) {
			if i, ok := index[d]; ok {
				if out[i].Count++; most == 0 || len(out[i].Events) < most {
					out[i].Events = append(out[i].Events, occurrence(o, cal, o.start.Before(cal.Midnight(d))))
				}
			}
		}
	}
	return out
}

// occurrence is an event as a day shows it; continued marks one that
// began on an earlier day.
func occurrence(o span, cal calendar.Calendar, continued bool) views.Event {
	e := *o.event
	return views.Event{ID: e.ID.String(), Title: e.Title, Kind: e.Kind, AllDay: e.AllDay, Repeats: e.Rrule.Valid, At: o.start,
		Start: cal.Local(o.start), End: cal.Local(o.end), Continued: continued, Location: e.Location}
}

// dayURLOf is the day view of the day an event starts, in the user's zone.
func dayURLOf(e db.PlannerEvent, cal calendar.Calendar) string {
	return views.DayURL(cal.Day(e.StartsAt))
}
