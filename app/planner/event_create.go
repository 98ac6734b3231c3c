package planner

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
)

// create saves a new event and goes back to the view it was made from; a
// form to fix comes back as typed (422).
func (h *Handler) create(c echo.Context) error {
	var in input
	if err := form.Bind(c, &in); err != nil {
		return err
	}
	cal := web.Calendar(c)
	e, f := parse(in, cal.Zone.At(cal.Now))
	f.ReturnTo = returnTo(in.ReturnTo)
	if f.Errors.Any() {
		return renderForm(c, http.StatusUnprocessableEntity, f)
	}
	v := web.CurrentViewer(c)
	if err := h.insertAnnounced(c.Request().Context(), h.q, db.PlannerEvent{UserID: v.ID}, e); err != nil {
		return fmt.Errorf("planner: unable to create an event for %s: %w", v.ID, err)
	}
	return web.Redirect(c, f.ReturnTo+"?done=saved")
}
