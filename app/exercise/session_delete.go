package exercise

import (
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// deleteSession deletes a workout with its sets and their records; what
// it earned stays earned.
func (h *Handler) deleteSession(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		return notFoundIfNone(q.DeleteWorkoutSession(ctx, db.DeleteWorkoutSessionParams{ID: id, UserID: v.ID}))
	})
	if err != nil {
		return routeError(err, "delete session", id)
	}
	return web.Redirect(c, views.URL+"?done=deleted")
}
