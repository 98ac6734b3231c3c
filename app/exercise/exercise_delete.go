package exercise

import (
	"github.com/labstack/echo/v4"

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
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		return notFoundIfNone(q.DeleteOwnExercise(ctx, db.DeleteOwnExerciseParams{ID: id, UserID: v.ID}))
	})
	if err != nil {
		return routeError(err, "delete exercise", id)
	}
	return web.Redirect(c, views.LibraryURL+"?done=exercise-deleted")
}
