package planner

import (
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
)

// update saves an edited event and goes back to its view.
func (h *Handler) update(c echo.Context) error {
	old, err := h.load(c)
	if err != nil {
		return err
	}
	var in input
	if err := form.Bind(c, &in); err != nil {
		return err
	}
	cal := web.Calendar(c)
	e, f := parse(in, cal.Zone.At(cal.Now))
	f.ID, f.ReturnTo = old.ID.String(), returnTo(in.ReturnTo)
	if f.Errors.Any() {
		return renderForm(c, http.StatusUnprocessableEntity, f)
	}
	v := web.CurrentViewer(c)
	n, err := h.q.UpdatePlannerEvent(c.Request().Context(), db.UpdatePlannerEventParams{ID: old.ID, UserID: v.ID, Title: e.Title, Kind: e.Kind,
		AllDay: e.AllDay, StartsAt: e.Starts, EndsAt: e.Ends, TimeZone: e.Zone, Location: e.Location, Notes: e.Notes,
		Rrule: pgtype.Text{String: e.Rule, Valid: e.Rule != ""}, RepeatsUntil: pgtype.Timestamptz{Time: e.RepeatsUntil, Valid: !e.RepeatsUntil.IsZero()}})
	if err != nil {
		return fmt.Errorf("planner: unable to update event %s: %w", old.ID, err)
	}
	if n == 0 {
		return echo.ErrNotFound // deleted meanwhile
	}
	return web.Redirect(c, f.ReturnTo+"?done=saved")
}
