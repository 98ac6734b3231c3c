package planner

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/web"
	views "ignition/views/planner"
)

// newEvent is the form of a new event on ?day (today without one): an
// hour from the next full hour, coming back to ?return_to.
func (h *Handler) newEvent(c echo.Context) error {
	cal := web.Calendar(c)
	day, err := time.Parse(time.DateOnly, c.QueryParam("day"))
	if err != nil || day.Year() < 1900 || day.Year() > 2200 {
		day = cal.Today
	}
	now := cal.Local(cal.Now)
	start := time.Date(now.Year(), now.Month(), now.Day(), now.Hour()+1, 0, 0, 0, now.Location()) // the next full hour, in any zone
	if start.Hour() == 0 {                                                                        // past 23:00: the last hour of the day
		start = start.Add(-time.Hour)
	}
	end := start.Add(time.Hour)
	f := views.Form{Kind: "other", StartDate: day.Format(time.DateOnly), StartTime: start.Format("15:04"), EndTime: end.Format("15:04"),
		ReturnTo: returnTo(c.QueryParam("return_to")), Errors: form.Errors{}}
	if end.Hour() == 0 {
		f.EndTime = "23:59"
	}
	return renderForm(c, http.StatusOK, f)
}

// returnTo is the planner view a form goes back to: a planner page, or
// this month.
func returnTo(p string) string {
	p = web.LocalPath(p, views.URL)
	if p != views.URL && (len(p) < len(views.URL)+1 || p[:len(views.URL)+1] != views.URL+"/") {
		return views.URL
	}
	return p
}

// renderForm answers the form: into the dialog for htmx, as its own page
// otherwise.
func renderForm(c echo.Context, status int, f views.Form) error {
	if web.IsFragmentRequest(c) {
		return web.Render(c, status, "Event", views.EventForm(f))
	}
	return web.Render(c, status, "Event", views.EventPage(f))
}
