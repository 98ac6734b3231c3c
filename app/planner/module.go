// Package planner is the user's calendar: events (meetings, appointments,
// workouts and others, timed or all day) shown by month, week and day in
// the user's time zone and week, made and changed in a dialog.
package planner

import (
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/planner"
)

// Live is the change the planner announces to the user's tabs: its views
// read themselves again.
const Live = "planner"

// Handler serves the planner's routes.
type Handler struct {
	pool     *pgxpool.Pool
	q        *db.Queries
	base     string           // the app's address, for the feed's link
	registry *module.Registry // for the other modules' actions on events
}

// Module is the planner.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q, base: strings.TrimSuffix(d.Config.BaseURL.String(), "/"), registry: d.Registry}
	return module.Module{
		Name: "planner",
		Privacy: []module.Privacy{{Kind: "Planner", Readable: []string{"Each event's title, type, times, place and notes, so the planner can show and order them",
			"Your private calendar link's hash (the link itself is shown to you once)"},
			IfLost: "Events are not encrypted: losing access to your vault does not touch them."}},
		Routes: func(r module.Router) {
			r.Private.GET(views.URL, h.month)
			r.Private.GET(views.URL+"/:year/:month", h.month)
			r.Private.GET(views.URL+"/week/:day", h.week)
			r.Private.GET(views.URL+"/day/:day", h.day)
			r.Private.GET(views.EventsURL+"/new", h.newEvent)
			r.Private.POST(views.EventsURL, h.create)
			r.Private.GET(views.EventsURL+"/:id", h.edit)
			r.Private.POST(views.EventsURL+"/:id", h.update)
			r.Private.POST(views.EventsURL+"/:id/delete", h.delete)
			r.Private.GET(views.SubscribeURL, h.subscribe)
			r.Private.POST(views.SubscribeURL, h.feedOn)
			r.Private.POST(views.SubscribeURL+"/delete", h.feedOff)
			r.Private.POST(views.ImportURL, h.importFile)
			r.Public.GET(views.URL+"/feed/:token", h.feed)
		},
		Nav:      []module.Nav{{Label: "Planner", Href: views.URL, Order: 35}},
		Commands: []module.Command{{Label: "Planner", Keywords: "planner calendar events schedule month week day", Href: views.URL}},
		Agenda:   []module.Panel{{Order: 10, Queue: todayEvents}},
		Live:     []string{Live},
	}
}

// actions are the other modules' actions on events, for a view's
// occurrences.
func (h *Handler) actions() []views.Action {
	var out []views.Action
	for _, a := range h.registry.EventActions() {
		out = append(out, views.Action{Kind: a.Kind, Label: a.Label, URL: a.Action})
	}
	return out
}

// todayEvents is Today's plan: the events of the user's day, read in
// Today's round trip; nothing when there are none.
func todayEvents(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (templ.Component, error) {
	days := []time.Time{cal.Today}
	from, until := window(days, cal)
	var events []db.PlannerEvent
	store.Many(b, db.ListPlannerEvents, &events, params(user, from, until))
	return func() (templ.Component, error) {
		placed := place(days, events, cal, 0, 0)[0]
		if len(placed.Events) == 0 {
			return templ.NopComponent, nil
		}
		return views.Today(todayPlan(placed.Events, cal.Now, cal.Today)), nil
	}
}

// params reads the events that overlap [from, until).
func params(user uuid.UUID, from, until time.Time) db.ListPlannerEventsParams {
	return db.ListPlannerEventsParams{UserID: user, FromAt: from, UntilAt: until, StartsAfter: from.Add(-longest)}
}

var notices = map[string]string{
	"saved":    "Event saved.",
	"deleted":  "Event deleted.",
	"feed-off": "Your private link no longer works.",
}

// dateParam reads a route's :day (2027-03-08); anything else is 404.
func dateParam(c echo.Context) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, c.Param("day"))
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		return time.Time{}, echo.ErrNotFound
	}
	return d, nil
}

// monthParam reads /planner/:year/:month; /planner is this month.
func monthParam(c echo.Context) (int, time.Month, error) {
	if c.Param("year") == "" {
		today := web.Calendar(c).Today
		return today.Year(), today.Month(), nil
	}
	y, yerr := strconv.Atoi(c.Param("year"))
	m, merr := strconv.Atoi(c.Param("month"))
	if yerr != nil || merr != nil || y < 1900 || y > 2200 || m < 1 || m > 12 || len(c.Param("month")) != 2 {
		return 0, 0, echo.ErrNotFound
	}
	return y, time.Month(m), nil
}
