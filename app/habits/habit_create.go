package habits

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

func (h *Handler) create(c echo.Context) error {
	v := web.CurrentViewer(c)
	f, err := bindHabit(c)
	if err != nil {
		return err
	}
	weekdays, times, reminder := habitValues(&f)
	if f.Errors.Any() {
		return h.renderList(c, http.StatusUnprocessableEntity, f, rowNotice{})
	}
	_, err = h.q.CreateHabit(c.Request().Context(), db.CreateHabitParams{
		UserID: v.ID, Title: f.Title, Description: f.Description, Cadence: f.Cadence,
		Weekdays: weekdays, TimesPerWeek: times, ReminderTime: reminder, Skill: f.Skill,
	})
	if err != nil {
		return fmt.Errorf("habits: unable to create habit for %s: %w", v.ID, err)
	}
	return web.Redirect(c, ListURL)
}
