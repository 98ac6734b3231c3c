package planner

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/store/db"
	"ignition/app/web"
)

// delete removes an event and goes back to the view it was open on. Of a
// series it removes the occurrence opened, that one and the following, or
// all, as the form says (without an occurrence: all).
func (h *Handler) delete(c echo.Context) error {
	e, err := h.load(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	back := returnTo(c.FormValue("return_to")) + "?done=deleted"
	if e.Rrule.Valid && c.FormValue("at") != "" {
		at, err := occurrenceAt(e, c.FormValue("at"))
		if err != nil {
			return err
		}
		switch scope := c.FormValue("scope"); {
		case scope == ScopeThis:
			_, err = h.q.AddPlannerExdate(ctx, db.AddPlannerExdateParams{UserID: e.UserID, ID: e.ID, At: at})
		case scope == ScopeFollowing && !at.Equal(e.StartsAt):
			err = cutBefore(ctx, h.q, e, at)
		case scope == ScopeFollowing, scope == ScopeAll:
			_, err = h.q.DeletePlannerEvent(ctx, db.DeletePlannerEventParams{UserID: e.UserID, ID: e.ID})
		default:
			return echo.NewHTTPError(400, "Choose which of its events to delete.")
		}
		if err == nil {
			err = live.Announce(ctx, h.q, e.UserID, Live)
		}
		if err != nil {
			return fmt.Errorf("planner: unable to delete from event %s at %s: %w", e.ID, at, err)
		}
		return web.Redirect(c, back)
	}
	if _, err := h.q.DeletePlannerEvent(ctx, db.DeletePlannerEventParams{UserID: e.UserID, ID: e.ID}); err != nil {
		return fmt.Errorf("planner: unable to delete event %s: %w", e.ID, err)
	}
	if err := live.Announce(ctx, h.q, e.UserID, Live); err != nil {
		return err
	}
	return web.Redirect(c, back)
}
