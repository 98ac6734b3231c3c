// Package planner renders the planner: the month, week and day views and
// the event form, shown in a dialog or as a page of its own.
package planner

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"ignition/app/form"
)

// URL is the planner: this month.
const URL = "/planner"

// MonthURL is the month view of year/month.
func MonthURL(year int, month time.Month) string {
	return fmt.Sprintf("%s/%04d/%02d", URL, year, month)
}

// WeekURL is the view of the week that holds day.
func WeekURL(day time.Time) string { return URL + "/week/" + day.Format(time.DateOnly) }

// DayURL is the view of one day.
func DayURL(day time.Time) string { return URL + "/day/" + day.Format(time.DateOnly) }

// SubscribeURL is the page of the private feed and of importing files;
// ImportURL takes an .ics file.
const (
	SubscribeURL = URL + "/subscribe"
	ImportURL    = URL + "/import"
)

// FeedURL is the private iCalendar feed of the token.
func FeedURL(token string) string { return URL + "/feed/" + token + ".ics" }

// SubscribeData is the subscription and import page.
type SubscribeData struct {
	Since       time.Time // when the private link was made; zero: none
	Link        string    // the new link, shown once
	Notice      string
	ImportDone  bool
	Imported    int
	Skipped     []Skip
	ImportError string
}

// Skip is how many events of a file were left out, and why.
type Skip struct {
	Reason string
	N      int
}

// EventsURL is where events are created; EventURL where one is edited.
const EventsURL = URL + "/events"

// EventURL is an event's form.
func EventURL(id string) string { return EventsURL + "/" + id }

// LinkOf is the form of the event e as a day shows it: for a series, of
// the occurrence shown.
func LinkOf(e Event) string {
	if e.Repeats {
		return EventURL(e.ID) + "?at=" + url.QueryEscape(e.At.UTC().Format(time.RFC3339))
	}
	return EventURL(e.ID)
}

// NewURL is the form of a new event on day, coming back to returnTo.
func NewURL(day time.Time, returnTo string) string {
	return EventsURL + "/new?day=" + day.Format(time.DateOnly) + "&return_to=" + returnTo
}

// Kind is a type of event, with its colour (a class).
type Kind struct{ Value, Label string }

// Kinds are the types of event, in the form's order.
var Kinds = []Kind{{"meeting", "Meeting"}, {"appointment", "Appointment"}, {"workout", "Workout"}, {"other", "Other"}}

// KindLabel names a kind.
func KindLabel(value string) string {
	for _, k := range Kinds {
		if k.Value == value {
			return k.Label
		}
	}
	return value
}

// Event is an event as a day shows it, in the user's local time.
type Event struct {
	ID, Title, Kind string
	AllDay          bool
	Start, End      time.Time
	Continued       bool // it began on an earlier day
	Location        string
	Repeats         bool
	At              time.Time // this occurrence's start, for a series
}

// When says when an event is, as its day shows it.
func (e Event) When() string {
	switch {
	case e.AllDay:
		return "All day"
	case e.Continued:
		return "Until " + e.End.Format("15:04")
	}
	return e.Start.Format("15:04") + "–" + e.End.Format("15:04")
}

// TodayPlan is Today's part of the day's events: those it lists, and how
// many it leaves out, over or still to come.
type TodayPlan struct {
	Events         []Event
	Earlier, Later int
	Day            time.Time
}

// Rest names what Today leaves out, as the link to the whole day.
func (p TodayPlan) Rest() string {
	var parts []string
	if p.Earlier > 0 {
		parts = append(parts, strconv.Itoa(p.Earlier)+" earlier")
	}
	if p.Later > 0 {
		parts = append(parts, strconv.Itoa(p.Later)+" later")
	}
	return "See the whole day (" + strings.Join(parts, ", ") + ")"
}

// CellEvents is how many events a day of the month shows; its day view
// lists them all.
const CellEvents = 3

// Day is one day of a view.
type Day struct {
	Date    time.Time
	InMonth bool // in the month shown (the month view shows whole weeks)
	Today   bool
	Events  []Event // the first CellEvents in the month view
	Count   int     // how many it holds
}

// Form is the event form: new (ID "") or an edit.
type Form struct {
	ID                   string
	Title, Kind          string
	AllDay               bool
	StartDate, StartTime string
	EndDate, EndTime     string
	Location, Notes      string
	ReturnTo             string // the view to go back to
	Repeat, Every        string // "" (does not repeat), daily, weekly, monthly, yearly; the interval
	Weekdays             []string
	MonthlyBy            string // day, weekday
	Ends, Count, Until   string // never, count, until
	Series               bool   // the stored event repeats
	At                   string // the occurrence opened (RFC 3339), for a series
	Scope                string // what a change is for: this, following, all
	Errors               form.Errors
}

// Nav is a view's way around: the period before and after, today's, and
// the other views of the same day.
type Nav struct {
	Title             string // "March 2027", "Week of 8 March 2027"
	Prev, Next, Today string
	PrevLabel         string // "Previous month"
	NextLabel         string
	Month, Week, Day  string // the three views of the focused day
	View              string // "month", "week", "day"
	NewEvent          string // the form of a new event on the focused day
	Self              string // this view, which reads itself again when the planner changes
}

// Refresh is when a view reads itself again: at once when the planner
// changes on any device (the live stream), every 30 s without it.
const Refresh = "live:planner from:body, every 30s"

// MonthData is the month view.
type MonthData struct {
	Nav      Nav
	Weekdays []string
	Days     []Day
	Notice   string
}

// WeekData is the week view.
type WeekData struct {
	Nav     Nav
	Days    []Day
	Actions []Action
	Notice  string
}

// DayData is the day view.
type DayData struct {
	Nav     Nav
	Day     Day
	Actions []Action
	Notice  string
}

// Action is what another module offers on the occurrences of events of
// Kind: a form posting event_id and event_at to URL.
type Action struct{ Kind, Label, URL string }
