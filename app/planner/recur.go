package planner

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"ignition/app/calendar"
	"ignition/app/form"
	"ignition/app/store/db"
	views "ignition/views/planner"
)

// How far a repeating event may go, and how much of it one view expands:
// a rule never expands without limit.
const (
	CountMax    = 730 // occurrences of a rule with a count
	everyMax    = 99  // the largest interval
	perWindow   = 400 // occurrences of one event in one view's window
	repeatsFrom = 1900
)

// freqs are the form's repeat choices as iCalendar frequencies.
var freqs = map[string]string{"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}

// weekdays are iCalendar's day codes by time.Weekday.
var weekdays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// ruleOf is the iCalendar RRULE the form's repeat fields describe for an
// event starting at start (local), "" for none; what is wrong goes in errs.
func ruleOf(in input, start time.Time, errs form.Errors) string {
	freq, ok := freqs[in.Repeat]
	if in.Repeat == "" {
		return ""
	}
	if !ok {
		errs["repeat"] = "Choose how often it repeats."
		return ""
	}
	parts := []string{"FREQ=" + freq}
	every := 1
	if s := strings.TrimSpace(in.Every); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > everyMax {
			errs["every"] = "Repeat every 1 to " + strconv.Itoa(everyMax) + "."
			return ""
		}
		every = n
	}
	if every > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(every))
	}
	switch in.Repeat {
	case "weekly":
		days := in.Weekdays
		if len(days) == 0 {
			days = []string{weekdays[start.Weekday()]}
		}
		var byday []string
		for _, code := range weekdays { // in the week's order, each once
			if slices.Contains(days, code) {
				byday = append(byday, code)
			}
		}
		if len(byday) != len(slices.Compact(slices.Sorted(slices.Values(days)))) {
			errs["weekdays"] = "Choose days of the week."
			return ""
		}
		parts = append(parts, "BYDAY="+strings.Join(byday, ","))
	case "monthly":
		if in.MonthlyBy == "weekday" {
			parts = append(parts, "BYDAY="+nthWeekday(start))
		} else {
			parts = append(parts, "BYMONTHDAY="+strconv.Itoa(start.Day()))
		}
	}
	switch in.Ends {
	case "", "never":
	case "count":
		n, err := strconv.Atoi(strings.TrimSpace(in.Count))
		if err != nil || n < 1 || n > CountMax {
			errs["count"] = "Repeat it 1 to " + strconv.Itoa(CountMax) + " times."
			return ""
		}
		parts = append(parts, "COUNT="+strconv.Itoa(n))
	case "until":
		last, ok := day(in.Until, "until", errs)
		if !ok {
			return ""
		}
		if last.Before(time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)) {
			errs["until"] = "The last day cannot come before the first."
			return ""
		}
		end := time.Date(last.Year(), last.Month(), last.Day(), 23, 59, 59, 0, start.Location())
		parts = append(parts, "UNTIL="+end.UTC().Format("20060102T150405Z"))
	default:
		errs["ends"] = "Choose when it stops repeating."
		return ""
	}
	return strings.Join(parts, ";")
}

// nthWeekday is start's weekday counted in its month, as BYDAY: 2TU for
// the second Tuesday, -1FR for a Friday in the month's last seven days.
func nthWeekday(start time.Time) string {
	if start.Day()+7 > daysIn(start) {
		return "-1" + weekdays[start.Weekday()]
	}
	return strconv.Itoa((start.Day()-1)/7+1) + weekdays[start.Weekday()]
}

// daysIn is how many days t's month has.
func daysIn(t time.Time) int { return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// series is an event's rule, starting at its start in its own zone, so
// each occurrence keeps its local time across a change of summer time.
func series(rule string, starts time.Time, zone string) (*rrule.RRule, error) {
	loc := calendar.Location(zone)
	opt, err := rrule.StrToROptionInLocation(rule, loc)
	if err != nil {
		return nil, fmt.Errorf("planner: a bad rule %q: %w", rule, err)
	}
	opt.Dtstart = starts.In(loc)
	return rrule.NewRRule(*opt)
}

// seriesNear is e's rule, started as close before notBefore as gives the
// same occurrences from there on: a daily or weekly rule without a count
// moves its start by whole periods (at the same local time), so a series
// begun years ago is not walked from its first day on every page. Others
// are walked from the start: a monthly or yearly rule has at most twelve a
// year, a counted one at most CountMax.
func seriesNear(e db.PlannerEvent, notBefore time.Time) (*rrule.RRule, error) {
	r, err := series(e.Rrule.String, e.StartsAt, e.TimeZone)
	if err != nil {
		return nil, err
	}
	o := r.OrigOptions
	days := map[rrule.Frequency]int{rrule.DAILY: 1, rrule.WEEKLY: 7}[o.Freq] * max(o.Interval, 1)
	start := o.Dtstart
	if o.Count > 0 || days == 0 || !notBefore.After(start) {
		return r, nil
	}
	periods := int(notBefore.Sub(start).Hours()/24) / days
	if periods < 2 {
		return r, nil
	}
	// A period early (summer time moves the hours), on a day its local time
	// exists (a start moved into the hour summer time skips would move every
	// occurrence after it).
	for k := periods - 1; k > 0; k-- {
		moved := time.Date(start.Year(), start.Month(), start.Day()+k*days, start.Hour(), start.Minute(), start.Second(), 0, start.Location())
		if moved.Hour() == start.Hour() && moved.Minute() == start.Minute() {
			o.Dtstart = moved
			return rrule.NewRRule(o)
		}
	}
	return r, nil
}

// span is one occurrence of an event.
type span struct {
	event      *db.PlannerEvent
	start, end time.Time
}

// occurrenceEnd is where the occurrence starting at start ends: as long
// as the first, or for an all-day event as many local days.
func occurrenceEnd(e db.PlannerEvent, start time.Time) time.Time {
	if !e.AllDay {
		return start.Add(e.EndsAt.Sub(e.StartsAt))
	}
	loc := start.Location()
	days := int(calendar.Day(e.EndsAt, loc).Sub(calendar.Day(e.StartsAt, loc)).Hours() / 24)
	return time.Date(start.Year(), start.Month(), start.Day()+days, 0, 0, 0, 0, loc)
}

// spans are the occurrences of events (as read for a window) that overlap
// [from, until), by start: at most perWindow of each repeating event.
func spans(events []db.PlannerEvent, from, until time.Time) []span {
	var out []span
	for i := range events {
		e := &events[i]
		if !e.Rrule.Valid {
			out = append(out, span{e, e.StartsAt, e.EndsAt})
			continue
		}
		if simple, ok := simpleOf(e.Rrule.String); ok {
			out = append(out, simpleSpans(e, simple, from, until)...)
		} else {
			out = append(out, walkSpans(e, from, until)...)
		}
	}
	slices.SortFunc(out, func(a, b span) int { // by start; the same state lists the same way
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return bytes.Compare(a.event.ID[:], b.event.ID[:])
	})
	return out
}

// walkSpans are the occurrences of e's rule that overlap [from, until),
// walking it (from near the window where that gives the same days).
func walkSpans(e *db.PlannerEvent, from, until time.Time) []span {
	longest := e.EndsAt.Sub(e.StartsAt) + 25*time.Hour // an all-day occurrence may be an hour longer
	r, err := seriesNear(*e, from.Add(-longest))
	if err != nil {
		return nil // a rule the form could not have made: its edit page still opens
	}
	var out []span
	next := r.Iterator()
	for t, ok := next(); ok && t.Before(until) && len(out) < perWindow; t, ok = next() {
		if t.Add(longest).Before(from) {
			continue
		}
		end := occurrenceEnd(*e, t)
		if end.After(from) && !slices.ContainsFunc(e.Exdates, t.Equal) {
			out = append(out, span{e, t, end})
		}
	}
	return out
}

// lastEnd is the end of the last occurrence of a rule with an end, or
// false when it repeats for ever.
func lastEnd(e db.PlannerEvent) (time.Time, bool, error) {
	r, err := series(e.Rrule.String, e.StartsAt, e.TimeZone)
	if err != nil {
		return time.Time{}, false, err
	}
	o := r.OrigOptions
	if o.Count == 0 && o.Until.IsZero() {
		return time.Time{}, false, nil
	}
	all := r.All() // bounded: COUNT ≤ CountMax, UNTIL ≤ 2200 daily at most
	if len(all) == 0 {
		return e.EndsAt, true, nil
	}
	return occurrenceEnd(e, all[len(all)-1]), true, nil
}

// repeatOf fills the form's repeat fields from a stored rule.
func repeatOf(f *views.Form, rule string, loc *time.Location) {
	opt, err := rrule.StrToROptionInLocation(rule, loc)
	if err != nil {
		return
	}
	for name, freq := range freqs {
		if strings.HasPrefix(rule, "FREQ="+freq) {
			f.Repeat = name
		}
	}
	if opt.Interval > 1 {
		f.Every = strconv.Itoa(opt.Interval)
	}
	for _, w := range opt.Byweekday {
		code := w.String()
		f.Weekdays = append(f.Weekdays, code[len(code)-2:])
		if w.N() != 0 {
			f.MonthlyBy = "weekday"
		}
	}
	switch {
	case opt.Count > 0:
		f.Ends, f.Count = "count", strconv.Itoa(opt.Count)
	case !opt.Until.IsZero():
		f.Ends, f.Until = "until", opt.Until.In(loc).Format(time.DateOnly)
	default:
		f.Ends = "never"
	}
}
