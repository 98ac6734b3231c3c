package exercise

import (
	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/store"
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
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		n, err := q.DeleteWorkoutSession(ctx, db.DeleteWorkoutSessionParams{ID: id, UserID: v.ID})
		if err := notFoundIfNone(n, err); err != nil {
			return err
		}
		return live.Announce(ctx, q, v.ID, Live)
	})
	if err != nil {
		return routeError(err, "delete session", id)
	}
	return web.Redirect(c, views.URL+"?done=deleted")
}
