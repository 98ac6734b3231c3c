package planner

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"ignition/app/calendar"
	"ignition/app/store/db"
)

// simple is a rule the planner expands by date arithmetic rather than by
// walking it: daily, or weekly on plain weekdays, every n, without a count
// (a count is counted from the first occurrence), perhaps until a time.
// These are most series; walking a few hundred of them for every page
// costs more than the page.
type simple struct {
	weekly bool
	every  int
	days   [7]bool // weekly: the weekdays, by time.Weekday
	until  time.Time
}

// simpleOf reads rule as a simple one, or false.
func simpleOf(rule string) (simple, bool) {
	s := simple{every: 1}
	var byday string
	freq := ""
	for _, part := range strings.Split(rule, ";") {
		name, value, _ := strings.Cut(part, "=")
		switch name {
		case "FREQ":
			freq = value
		case "INTERVAL":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > everyMax {
				return s, false
			}
			s.every = n
		case "BYDAY":
			byday = value
		case "UNTIL":
			t, err := time.Parse("20060102T150405Z", value)
			if err != nil {
				return s, false
			}
			s.until = t
		default:
			return s, false
		}
	}
	switch {
	case freq == "DAILY" && byday == "":
		return s, true
	case freq == "WEEKLY" && byday != "":
		s.weekly = true
		for _, code := range strings.Split(byday, ",") {
			i := slices.Index(weekdays[:], code)
			if i < 0 {
				return s, false // an ordinal, or not a day
			}
			s.days[i] = true
		}
		return s, true
	}
	return s, false
}

// simpleSpans are the occurrences of e, a simple rule s, that overlap
// [from, until): the same as walking the rule (a test holds them equal).
func simpleSpans(e *db.PlannerEvent, s simple, from, until time.Time) []span {
	loc := calendar.Location(e.TimeZone)
	start := e.StartsAt.In(loc)
	first := calendar.Day(start, loc)
	longest := e.EndsAt.Sub(e.StartsAt) + 25*time.Hour
	d := calendar.Day(from.Add(-longest), loc)
	if d.Before(first) {
		d = first
	}
	monday := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7)) // weeks begin on Monday (WKST)
	var out []span
	for ; len(out) < perWindow; d = d.AddDate(0, 0, 1) {
		t := time.Date(d.Year(), d.Month(), d.Day(), start.Hour(), start.Minute(), start.Second(), 0, loc)
		if !t.Before(until) || !s.until.IsZero() && t.After(s.until) {
			break
		}
		days := int(d.Sub(first).Hours() / 24)
		if s.weekly {
			if !s.days[d.Weekday()] || (int(d.Sub(monday).Hours()/24)/7)%s.every != 0 {
				continue
			}
		} else if days%s.every != 0 {
			continue
		}
		end := occurrenceEnd(*e, t)
		if end.After(from) && !slices.ContainsFunc(e.Exdates, t.Equal) {
			out = append(out, span{e, t, end})
		}
	}
	return out
}
