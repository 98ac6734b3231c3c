package exercise

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// setUnit switches the unit weights are entered and shown in; what is
// stored (grams) does not change.
func (h *Handler) setUnit(c echo.Context) error {
	unit := c.FormValue("unit")
	if unit != Kilograms && unit != Pounds {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "Choose kg or lb.")
	}
	v := web.CurrentViewer(c)
	if err := h.q.SetExerciseUnit(c.Request().Context(), db.SetExerciseUnitParams{UserID: v.ID, Unit: unit}); err != nil {
		return fmt.Errorf("exercise: unable to set the unit of %s: %w", v.ID, err)
	}
	return web.Redirect(c, views.URL+"?done=unit")
}
