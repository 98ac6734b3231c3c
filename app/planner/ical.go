package planner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"ignition/app/calendar"
	"ignition/app/store/db"
	views "ignition/views/planner"
)

// iCalendar (RFC 5545): the planner's events as a feed a calendar app can
// subscribe to, and .ics files read into events.

const (
	dateFormat     = "20060102"
	dateTimeFormat = "20060102T150405"
	importMax      = 2000 // events one file may bring
)

// encodeFeed is the events as an iCalendar feed. A series keeps its local
// time in its zone (TZID), so its occurrences stay put across summer time;
// an all-day event is its local dates.
func encodeFeed(events []db.PlannerEvent, now time.Time) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Ignition OS//Planner//EN")
	cal.Props.SetText("X-WR-CALNAME", "Ignition OS")
	for _, e := range events {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, e.ID.String()+"@ignition-os")
		ev.Props.SetDateTime(ical.PropDateTimeStamp, e.UpdatedAt.UTC())
		ev.Props.SetText(ical.PropSummary, e.Title)
		ev.Props.SetText(ical.PropCategories, views.KindLabel(e.Kind))
		if e.Location != "" {
			ev.Props.SetText(ical.PropLocation, e.Location)
		}
		if e.Notes != "" {
			ev.Props.SetText(ical.PropDescription, e.Notes)
		}
		loc := calendar.Location(e.TimeZone)
		at := func(name string, t time.Time) {
			switch {
			case e.AllDay:
				ev.Props.SetDate(name, t.In(loc))
			case e.Rrule.Valid && loc != time.UTC:
				ev.Props.SetDateTime(name, t.In(loc))
			default:
				ev.Props.SetDateTime(name, t.UTC())
			}
		}
		at(ical.PropDateTimeStart, e.StartsAt)
		at(ical.PropDateTimeEnd, e.EndsAt)
		if e.Rrule.Valid {
			p := ical.NewProp(ical.PropRecurrenceRule)
			p.Value = e.Rrule.String
			ev.Props.Set(p)
			for _, ex := range e.Exdates {
				p := ical.NewProp(ical.PropExceptionDates)
				switch {
				case e.AllDay:
					p.SetDate(ex.In(loc))
				case loc != time.UTC:
					p.SetDateTime(ex.In(loc))
				default:
					p.SetDateTime(ex.UTC())
				}
				ev.Props.Add(p)
			}
		}
		cal.Children = append(cal.Children, ev.Component)
	}
	var buf bytes.Buffer
	err := ical.NewEncoder(&buf).Encode(cal)
	return buf.Bytes(), err
}

// imported is what a file brought: the events to store and, by reason,
// how many were left out.
type imported struct {
	events  []event
	skipped map[string]int
}

// decodeFile reads an .ics file's events; one it cannot take whole (no
// title, an end before its start, a repeat this planner cannot follow, a
// field over its limit) is left out and counted, never cut. loc is the
// zone of times that name none.
func decodeFile(r io.Reader, loc *time.Location) (imported, error) {
	out := imported{skipped: map[string]int{}}
	dec := ical.NewDecoder(r)
	for {
		cal, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("planner: not an iCalendar file: %w", err)
		}
		for _, ev := range cal.Events() {
			if len(out.events) == importMax {
				out.skipped[fmt.Sprintf("more than %d events in one file", importMax)]++
				continue
			}
			e, reason := eventOf(ev, loc)
			if reason != "" {
				out.skipped[reason]++
				continue
			}
			out.events = append(out.events, e)
		}
	}
	return out, nil
}

// eventOf is one VEVENT as an event, or why it cannot be one.
func eventOf(ev ical.Event, loc *time.Location) (event, string) {
	text := func(name string) string {
		s, _ := ev.Props.Text(name)
		return strings.TrimSpace(s)
	}
	e := event{Title: text(ical.PropSummary), Location: text(ical.PropLocation), Notes: text(ical.PropDescription), Kind: "other"}
	switch n := utf8.RuneCountInString(e.Title); {
	case n == 0:
		return e, "no title"
	case n > TitleMax:
		return e, fmt.Sprintf("a title over %d characters", TitleMax)
	}
	if utf8.RuneCountInString(e.Location) > LocationMax || utf8.RuneCountInString(e.Notes) > NotesMax {
		return e, "a place or notes over the planner's limits"
	}
	for _, k := range views.Kinds {
		if strings.EqualFold(text(ical.PropCategories), k.Label) {
			e.Kind = k.Value
		}
	}
	start := ev.Props.Get(ical.PropDateTimeStart)
	if start == nil {
		return e, "no start"
	}
	e.AllDay = start.ValueType() == ical.ValueDate || len(start.Value) == len(dateFormat)
	var err error
	if e.Starts, err = start.DateTime(loc); err != nil {
		return e, "a start that is not a date"
	}
	e.Zone = e.Starts.Location().String()
	if e.Zone == "UTC" && !strings.HasSuffix(start.Value, "Z") {
		e.Zone = loc.String()
	}
	if end := ev.Props.Get(ical.PropDateTimeEnd); end != nil {
		if e.Ends, err = end.DateTime(e.Starts.Location()); err != nil {
			return e, "an end that is not a date"
		}
	} else if d := ev.Props.Get(ical.PropDuration); d != nil {
		length, err := d.Duration()
		if err != nil {
			return e, "a duration that is not one"
		}
		e.Ends = e.Starts.Add(length)
	} else if e.AllDay {
		e.Ends = e.Starts.AddDate(0, 0, 1)
	} else {
		e.Ends = e.Starts.Add(time.Hour)
	}
	if !e.Ends.After(e.Starts) || e.Ends.Sub(e.Starts) > longest || e.Starts.Year() < 1900 || e.Starts.Year() > 2200 {
		return e, "times the planner cannot hold"
	}
	if rule := ev.Props.Get(ical.PropRecurrenceRule); rule != nil {
		if reason := followable(rule.Value); reason != "" {
			return e, reason
		}
		e.Rule = rule.Value
		for _, p := range ev.Props.Values(ical.PropExceptionDates) {
			for _, v := range strings.Split(p.Value, ",") {
				one := p
				one.Value = v
				if t, err := one.DateTime(e.Starts.Location()); err == nil {
					e.Exdates = append(e.Exdates, t)
				}
			}
		}
		if err := e.bound(); err != nil {
			return e, "a repeat the planner cannot follow"
		}
	}
	return e, ""
}

// followable says why the planner cannot repeat by rule, "" when it can:
// daily to yearly, at most once a day, with a count of at most CountMax.
func followable(rule string) string {
	if len(rule) > 300 {
		return "a repeat the planner cannot follow"
	}
	for _, part := range strings.Split(strings.ToUpper(rule), ";") {
		name, value, _ := strings.Cut(part, "=")
		switch name {
		case "FREQ":
			if !slices.Contains([]string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}, value) {
				return "a repeat more often than daily"
			}
		case "BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS", "BYYEARDAY", "BYWEEKNO":
			return "a repeat the planner cannot follow"
		case "COUNT":
			var n int
			if _, err := fmt.Sscan(value, &n); err != nil || n < 1 || n > CountMax {
				return "a repeat the planner cannot follow"
			}
		}
	}
	if _, err := series(rule, time.Now(), "UTC"); err != nil {
		return "a repeat the planner cannot follow"
	}
	return ""
}
