package planner

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"ignition/app/form"
	"ignition/app/store/db"
	views "ignition/views/planner"
)

// An event's bounds.
const (
	TitleMax    = 120  // characters
	LocationMax = 200  // characters
	NotesMax    = 2000 // characters
	longest     = 366 * 24 * time.Hour
)

// input is the event form as submitted.
type input struct {
	Title     string `form:"title"`
	Kind      string `form:"kind"`
	AllDay    string `form:"all_day"` // "on" when ticked
	StartDate string `form:"start_date"`
	StartTime string `form:"start_time"`
	EndDate   string `form:"end_date"`
	EndTime   string `form:"end_time"`
	Location  string `form:"location"`
	Notes     string `form:"notes"`
	ReturnTo  string `form:"return_to"`
	// How it repeats.
	Repeat    string   `form:"repeat"` // "", daily, weekly, monthly, yearly
	Every     string   `form:"every"`
	Weekdays  []string `form:"weekdays"`   // MO…SU, for weekly
	MonthlyBy string   `form:"monthly_by"` // day (of the month) or weekday (its nth)
	Ends      string   `form:"ends"`       // never, count, until
	Count     string   `form:"count"`
	Until     string   `form:"until"`
	// For one occurrence of a series: its start, and what a change is for.
	At    string `form:"at"`
	Scope string `form:"scope"` // this, following, all
}

// event is a checked event, ready to store: its instants and the zone its
// local times were entered in.
type event struct {
	Title, Kind     string
	AllDay          bool
	Starts, Ends    time.Time
	Zone            string
	Location, Notes string
	Rule            string      // iCalendar RRULE, "" when it does not repeat
	RepeatsUntil    time.Time   // the end of its last occurrence; zero: for ever (or no repeat)
	Exdates         []time.Time // occurrences taken out (an imported series')
}

// parse checks the form in the user's zone loc. It returns the form as
// typed, with a message for each field to fix; nothing typed is dropped
// or cut.
func parse(in input, loc *time.Location) (event, views.Form) {
	f := views.Form{Title: in.Title, Kind: in.Kind, AllDay: in.AllDay == "on", StartDate: in.StartDate, StartTime: in.StartTime,
		EndDate: in.EndDate, EndTime: in.EndTime, Location: in.Location, Notes: in.Notes, Repeat: in.Repeat, Every: in.Every,
		Weekdays: in.Weekdays, MonthlyBy: in.MonthlyBy, Ends: in.Ends, Count: in.Count, Until: in.Until, At: in.At, Scope: in.Scope, Errors: form.Errors{}}
	e := event{Title: strings.TrimSpace(in.Title), Kind: in.Kind, AllDay: f.AllDay, Zone: loc.String(),
		Location: strings.TrimSpace(in.Location), Notes: strings.TrimSpace(in.Notes)}
	switch n := utf8.RuneCountInString(e.Title); {
	case n == 0:
		f.Errors["title"] = "Give the event a title."
	case n > TitleMax:
		f.Errors["title"] = "Keep the title to " + strconv.Itoa(TitleMax) + " characters (it has " + strconv.Itoa(n) + ")."
	}
	if !slices.ContainsFunc(views.Kinds, func(k views.Kind) bool { return k.Value == in.Kind }) {
		f.Errors["kind"] = "Choose one of the types."
	}
	if n := utf8.RuneCountInString(e.Location); n > LocationMax {
		f.Errors["location"] = "Keep the place to " + strconv.Itoa(LocationMax) + " characters (it has " + strconv.Itoa(n) + ")."
	}
	if n := utf8.RuneCountInString(e.Notes); n > NotesMax {
		f.Errors["notes"] = "Keep the notes to " + strconv.Itoa(NotesMax) + " characters (they have " + strconv.Itoa(n) + ")."
	}
	startDay, ok := day(in.StartDate, "start_date", f.Errors)
	endDay := startDay
	if strings.TrimSpace(in.EndDate) != "" {
		var endOK bool
		endDay, endOK = day(in.EndDate, "end_date", f.Errors)
		ok = ok && endOK
	}
	if !ok {
		return e, f
	}
	if e.AllDay {
		if endDay.Before(startDay) {
			f.Errors["end_date"] = "The last day cannot come before the first."
			return e, f
		}
		e.Starts = time.Date(startDay.Year(), startDay.Month(), startDay.Day(), 0, 0, 0, 0, loc)
		e.Ends = time.Date(endDay.Year(), endDay.Month(), endDay.Day()+1, 0, 0, 0, 0, loc)
	} else {
		start, sok := clock(in.StartTime, "start_time", "Enter the time it starts, like 09:30.", f.Errors)
		end, eok := clock(in.EndTime, "end_time", "Enter the time it ends, like 10:30.", f.Errors)
		if !sok || !eok {
			return e, f
		}
		e.Starts = time.Date(startDay.Year(), startDay.Month(), startDay.Day(), start.Hour(), start.Minute(), 0, 0, loc)
		e.Ends = time.Date(endDay.Year(), endDay.Month(), endDay.Day(), end.Hour(), end.Minute(), 0, 0, loc)
		if !e.Ends.After(e.Starts) {
			f.Errors["end_time"] = "It must end after it starts."
			return e, f
		}
	}
	if e.Ends.Sub(e.Starts) > longest {
		f.Errors["end_date"] = "An event lasts at most a year."
		return e, f
	}
	e.Rule = ruleOf(in, e.Starts, f.Errors)
	if err := e.bound(); err != nil {
		f.Errors["repeat"] = "This repeat cannot be worked out: choose it again."
	}
	return e, f
}

// bound sets when e stops repeating: the end of its last occurrence, or
// zero for a rule without end (or no rule).
func (e *event) bound() error {
	e.RepeatsUntil = time.Time{}
	if e.Rule == "" {
		return nil
	}
	last, bounded, err := lastEnd(db.PlannerEvent{AllDay: e.AllDay, StartsAt: e.Starts, EndsAt: e.Ends, TimeZone: e.Zone, Rrule: pgtype.Text{String: e.Rule, Valid: true}, Exdates: e.Exdates})
	if bounded {
		e.RepeatsUntil = last
	}
	return err
}

// day reads a date field, as the date input sends it (2027-03-08), within
// years a calendar has any use for.
func day(s, field string, errs form.Errors) (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	switch {
	case err != nil:
		errs[field] = "Enter a day, like 2027-03-08."
		return d, false
	case d.Year() < 1900 || d.Year() > 2200:
		errs[field] = "Choose a year from 1900 to 2200."
		return d, false
	}
	return d, true
}

// clock reads a time field (09:30).
func clock(s, field, missing string, errs form.Errors) (time.Time, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		errs[field] = missing
		return t, false
	}
	return t, true
}

// formOf fills the form from a stored event, in the zone the user sees.
func formOf(e db.PlannerEvent, loc *time.Location) views.Form {
	start, end := e.StartsAt.In(loc), e.EndsAt.In(loc)
	f := views.Form{ID: e.ID.String(), Title: e.Title, Kind: e.Kind, AllDay: e.AllDay, StartDate: start.Format(time.DateOnly),
		Location: e.Location, Notes: e.Notes, Errors: form.Errors{}}
	if e.AllDay {
		f.EndDate = end.AddDate(0, 0, -1).Format(time.DateOnly)
	} else {
		f.StartTime, f.EndDate, f.EndTime = start.Format("15:04"), end.Format(time.DateOnly), end.Format("15:04")
	}
	if e.Rrule.Valid {
		repeatOf(&f, e.Rrule.String, loc)
	}
	return f
}
