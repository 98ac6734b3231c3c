package planner

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/planner"
)

// month is the month view: whole weeks, in the user's week.
func (h *Handler) month(c echo.Context) error {
	year, month, err := monthParam(c)
	if err != nil {
		return err
	}
	cal := web.Calendar(c)
	days := monthDays(year, month, cal.WeekStart)
	events, err := h.events(c, days, cal)
	if err != nil {
		return err
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	focus := first
	if cal.Today.Year() == year && cal.Today.Month() == month {
		focus = cal.Today
	}
	nav := navOf(c, "month", focus, first.Format("January 2006"))
	nav.Prev, nav.Next = views.MonthURL(first.AddDate(0, -1, 0).Year(), first.AddDate(0, -1, 0).Month()), views.MonthURL(first.AddDate(0, 1, 0).Year(), first.AddDate(0, 1, 0).Month())
	nav.PrevLabel, nav.NextLabel, nav.Today = "Previous month", "Next month", views.URL
	var weekdays []string
	for _, d := range days[:7] {
		weekdays = append(weekdays, d.Format("Mon"))
	}
	data := views.MonthData{Nav: nav, Weekdays: weekdays, Days: place(days, events, cal, month, views.CellEvents), Notice: notices[c.QueryParam("done")]}
	return web.Render(c, http.StatusOK, nav.Title, views.Month(data))
}

// week is the week view of the week that holds :day.
func (h *Handler) week(c echo.Context) error {
	day, err := dateParam(c)
	if err != nil {
		return err
	}
	cal := web.Calendar(c)
	days := weekDays(day, cal.WeekStart)
	events, err := h.events(c, days, cal)
	if err != nil {
		return err
	}
	nav := navOf(c, "week", day, "Week of "+days[0].Format("2 January 2006"))
	nav.Prev, nav.Next, nav.Today = views.WeekURL(days[0].AddDate(0, 0, -7)), views.WeekURL(days[0].AddDate(0, 0, 7)), views.WeekURL(cal.Today)
	nav.PrevLabel, nav.NextLabel = "Previous week", "Next week"
	data := views.WeekData{Nav: nav, Days: place(days, events, cal, 0, 0), Actions: h.actions(), Notice: notices[c.QueryParam("done")]}
	return web.Render(c, http.StatusOK, nav.Title, views.Week(data))
}

// day is the view of one day.
func (h *Handler) day(c echo.Context) error {
	day, err := dateParam(c)
	if err != nil {
		return err
	}
	cal := web.Calendar(c)
	days := []time.Time{day}
	events, err := h.events(c, days, cal)
	if err != nil {
		return err
	}
	nav := navOf(c, "day", day, day.Format("Monday 2 January 2006"))
	nav.Prev, nav.Next, nav.Today = views.DayURL(day.AddDate(0, 0, -1)), views.DayURL(day.AddDate(0, 0, 1)), views.DayURL(cal.Today)
	nav.PrevLabel, nav.NextLabel = "Previous day", "Next day"
	data := views.DayData{Nav: nav, Day: place(days, events, cal, 0, 0)[0], Actions: h.actions(), Notice: notices[c.QueryParam("done")]}
	return web.Render(c, http.StatusOK, nav.Title, views.DayView(data))
}

// events reads the user's events that overlap days, in one query.
func (h *Handler) events(c echo.Context, days []time.Time, cal calendar.Calendar) ([]db.PlannerEvent, error) {
	v := web.CurrentViewer(c)
	from, until := window(days, cal)
	events, err := h.q.ListPlannerEvents(c.Request().Context(), params(v.ID, from, until))
	if err != nil {
		return nil, fmt.Errorf("planner: unable to list the events of %s: %w", v.ID, err)
	}
	return events, nil
}

// navOf is a view's way around, focused on day: the three views of it
// and a new event on it, coming back to this page.
func navOf(c echo.Context, view string, day time.Time, title string) views.Nav {
	return views.Nav{Title: title, View: view, Month: views.MonthURL(day.Year(), day.Month()), Week: views.WeekURL(day), Day: views.DayURL(day),
		NewEvent: views.NewURL(day, c.Request().URL.Path), Self: c.Request().URL.Path}
}
