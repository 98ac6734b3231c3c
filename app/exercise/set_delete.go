package exercise

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// deleteSet deletes a set of a running session, with the records it set.
func (h *Handler) deleteSet(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var set db.WorkoutSet
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		if set, err = q.GetWorkoutSet(ctx, db.GetWorkoutSetParams{ID: id, UserID: v.ID}); err != nil {
			return notFound(err)
		}
		if _, err := openSession(ctx, q, set.SessionID, v.ID); err != nil {
			return err
		}
		_, err := q.DeleteWorkoutSet(ctx, db.DeleteWorkoutSetParams{ID: id, UserID: v.ID})
		return err
	})
	if err != nil {
		return routeError(err, "delete set", id)
	}
	if web.IsFragmentRequest(c) {
		return h.renderSession(c, http.StatusOK, set.SessionID, shown{exercise: set.ExerciseID, notice: sessionNotices["set-deleted"]})
	}
	return web.Redirect(c, views.SessionURL(set.SessionID.String())+"?done=set-deleted")
}
