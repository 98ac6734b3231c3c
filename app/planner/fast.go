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
// walking it: daily; weekly on plain weekdays; monthly on a day of the
// month or on the nth weekday (the form's two choices); yearly on the
// first day's date; every n, without a count (a count is counted from the
// first occurrence), perhaps until a time. These are most series; walking
// a few hundred of them for every page costs more than the page.
type simple struct {
	freq     string // DAILY, WEEKLY, MONTHLY or YEARLY
	every    int
	days     [7]bool      // weekly: the weekdays, by time.Weekday
	monthDay int          // monthly: the day of the month (0: the first day's)
	nth      int          // monthly: the weekday's place in the month, 1 to 5 or -1 to -5 from its end
	weekday  time.Weekday // monthly, with nth
	until    time.Time
}

// simpleOf reads rule as a simple one, or false.
func simpleOf(rule string) (simple, bool) {
	s := simple{every: 1}
	var byday, bymonthday string
	for _, part := range strings.Split(rule, ";") {
		name, value, _ := strings.Cut(part, "=")
		switch name {
		case "FREQ":
			s.freq = value
		case "INTERVAL":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > everyMax {
				return s, false
			}
			s.every = n
		case "BYDAY":
			byday = value
		case "BYMONTHDAY":
			bymonthday = value
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
	case s.freq == "DAILY" && byday == "" && bymonthday == "":
		return s, true
	case s.freq == "WEEKLY" && byday != "" && bymonthday == "":
		for _, code := range strings.Split(byday, ",") {
			i := slices.Index(weekdays[:], code)
			if i < 0 {
				return s, false // an ordinal, or not a day
			}
			s.days[i] = true
		}
		return s, true
	case s.freq == "MONTHLY" && byday == "" && bymonthday != "":
		n, err := strconv.Atoi(bymonthday)
		s.monthDay = n
		return s, err == nil && n >= 1 && n <= 31 // a list, or counted from the end, is walked
	case s.freq == "MONTHLY" && byday != "" && bymonthday == "":
		if len(byday) < 3 {
			return s, false
		}
		n, err := strconv.Atoi(byday[:len(byday)-2])
		i := slices.Index(weekdays[:], byday[len(byday)-2:])
		s.nth, s.weekday = n, time.Weekday(i)
		return s, err == nil && i >= 0 && n != 0 && n >= -5 && n <= 5
	case (s.freq == "MONTHLY" || s.freq == "YEARLY") && byday == "" && bymonthday == "":
		return s, true // on the first day's day of the month, or date
	}
	return s, false
}

// on reports whether the rule s, begun on the local day first (a Monday
// begins its week), falls on the local day d.
func (s simple) on(d, first, monday time.Time) bool {
	switch s.freq {
	case "WEEKLY":
		return s.days[d.Weekday()] && (int(d.Sub(monday).Hours()/24)/7)%s.every == 0
	case "MONTHLY":
		if ((d.Year()-first.Year())*12+int(d.Month()-first.Month()))%s.every != 0 {
			return false
		}
		switch {
		case s.nth > 0:
			return d.Weekday() == s.weekday && (d.Day()-1)/7 == s.nth-1
		case s.nth < 0:
			return d.Weekday() == s.weekday && (daysIn(d)-d.Day())/7 == -s.nth-1
		case s.monthDay > 0:
			return d.Day() == s.monthDay // a month without that day has none
		}
		return d.Day() == first.Day()
	case "YEARLY":
		return (d.Year()-first.Year())%s.every == 0 && d.Month() == first.Month() && d.Day() == first.Day()
	}
	return int(d.Sub(first).Hours()/24)%s.every == 0
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
		if !s.on(d, first, monday) {
			continue
		}
		end := occurrenceEnd(*e, t)
		if end.After(from) && !slices.ContainsFunc(e.Exdates, t.Equal) {
			out = append(out, span{e, t, end})
		}
	}
	return out
}
