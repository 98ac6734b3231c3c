package exercise

import (
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// addSessionExercise adds an exercise of the library to a running
// session, its set form ready to type in.
func (h *Handler) addSessionExercise(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	exercise, perr := uuid.Parse(c.FormValue("exercise_id"))
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		if _, err := openSession(ctx, q, id, v.ID); err != nil {
			return err
		}
		if perr != nil {
			return errUnknownExercise
		}
		if _, err := q.GetExercise(ctx, db.GetExerciseParams{ID: exercise, UserID: v.ID}); err != nil {
			return errUnknownExercise
		}
		return q.AddSessionExercise(ctx, db.AddSessionExerciseParams{SessionID: id, UserID: v.ID, ExerciseID: exercise})
	})
	switch {
	case errors.Is(err, errUnknownExercise):
		return h.renderSession(c, http.StatusUnprocessableEntity, id, shown{addError: "Choose an exercise from the list."})
	case err != nil:
		return routeError(err, "add an exercise to", id)
	case web.IsFragmentRequest(c):
		return h.renderSession(c, http.StatusOK, id, shown{exercise: exercise})
	}
	return web.Redirect(c, views.SessionURL(id.String())+"#block-"+exercise.String())
}
