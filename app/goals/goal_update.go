package goals

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

func (h *Handler) update(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	key := db.GetGoalParams{UserID: web.CurrentViewer(c).ID, ID: id}
	f, deadline, err := bindGoal(c)
	if err != nil {
		return err
	}
	if f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, key, views.MilestoneForm{}, &f)
	}
	n, err := h.q.UpdateGoal(c.Request().Context(), db.UpdateGoalParams{
		UserID: key.UserID, ID: id, Title: f.Title, Description: f.Description, Category: f.Category, Deadline: deadline,
	})
	if err != nil {
		return fmt.Errorf("goals: unable to update goal %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, URL(id))
}
