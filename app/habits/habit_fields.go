package habits

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/habits"
)

// cadenceFields answers a change of cadence in the habit form with the
// fields that cadence needs, keeping what was typed in them.
func (h *Handler) cadenceFields(c echo.Context) error {
	f := views.HabitForm{Cadence: c.QueryParam("cadence"), Weekdays: c.QueryParams()["weekday"], TimesPerWeek: c.QueryParam("times_per_week")}
	if !slices.Contains(components.Values(views.Cadences), f.Cadence) {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	return web.Render(c, http.StatusOK, "Habits", f.CadenceFields(weekdayChoices(web.CurrentViewer(c).WeekStart)))
}
