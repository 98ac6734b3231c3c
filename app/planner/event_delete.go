package planner

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// delete removes an event and goes back to the view it was open on.
func (h *Handler) delete(c echo.Context) error {
	e, err := h.load(c)
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	if _, err := h.q.DeletePlannerEvent(c.Request().Context(), db.DeletePlannerEventParams{UserID: v.ID, ID: e.ID}); err != nil {
		return fmt.Errorf("planner: unable to delete event %s: %w", e.ID, err)
	}
	return web.Redirect(c, returnTo(c.FormValue("return_to"))+"?done=deleted")
}
