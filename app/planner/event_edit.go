package planner

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store/db"
	"ignition/app/web"
)

// edit is an event's form; another user's event, or none, is 404.
func (h *Handler) edit(c echo.Context) error {
	e, err := h.load(c)
	if err != nil {
		return err
	}
	cal := web.Calendar(c)
	shown := e
	var at time.Time
	if c.QueryParam("at") != "" { // one occurrence of a series, as its day shows it
		if at, err = occurrenceAt(e, c.QueryParam("at")); err != nil {
			return err
		}
		shown.StartsAt, shown.EndsAt = at, occurrenceEnd(e, at.In(calendar.Location(e.TimeZone)))
	}
	f := formOf(shown, cal.Zone.At(cal.Now))
	f.Series = e.Rrule.Valid
	if !at.IsZero() {
		f.At, f.Scope = at.UTC().Format(time.RFC3339), ScopeThis
	}
	f.ReturnTo = returnTo(c.QueryParam("return_to"))
	if c.QueryParam("return_to") == "" {
		f.ReturnTo = returnTo(viewOf(c.Request().Header.Get("HX-Current-URL"), dayURLOf(e, cal)))
	}
	return renderForm(c, http.StatusOK, f)
}

// viewOf is the path of the page the dialog was opened on (htmx names it),
// or fallback.
func viewOf(current, fallback string) string {
	u, err := url.Parse(current)
	if err != nil || u.Path == "" {
		return fallback
	}
	return u.Path
}

// load reads the route's event of the viewer.
func (h *Handler) load(c echo.Context) (db.PlannerEvent, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return db.PlannerEvent{}, echo.ErrNotFound
	}
	v := web.CurrentViewer(c)
	e, err := h.q.GetPlannerEvent(c.Request().Context(), db.GetPlannerEventParams{UserID: v.ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return e, echo.ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("planner: unable to read event %s: %w", id, err)
	}
	return e, nil
}
