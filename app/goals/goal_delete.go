package goals

import (
	"context"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// Delete removes the user's goal and its milestones; the rewards it paid
// stay earned.
func Delete(ctx context.Context, q *db.Queries, user, goal uuid.UUID) error {
	n, err := q.DeleteGoal(ctx, db.DeleteGoalParams{UserID: user, ID: goal})
	if err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func (h *Handler) delete(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	if err := routeError(Delete(c.Request().Context(), h.q, web.CurrentViewer(c).ID, id), "delete goal", id); err != nil {
		return err
	}
	return web.Redirect(c, ListURL+"?done=deleted")
}
