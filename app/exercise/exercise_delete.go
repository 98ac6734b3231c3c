package exercise

import (
	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// deleteExercise deletes one of the user's own exercises with every set
// logged of it; a built-in one is not theirs to delete (404).
func (h *Handler) deleteExercise(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		n, err := q.DeleteOwnExercise(ctx, db.DeleteOwnExerciseParams{ID: id, UserID: v.ID})
		if err != nil || n == 0 {
			return notFoundIfNone(n, err)
		}
		return live.Announce(ctx, q, v.ID, Live)
	})
	if err != nil {
		return routeError(err, "delete exercise", id)
	}
	return web.Redirect(c, views.LibraryURL+"?done=exercise-deleted")
}
