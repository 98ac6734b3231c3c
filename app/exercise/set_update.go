package exercise

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// updateSet corrects a set of a running session: it is saved again as
// typed, at its place, and the records it sets are found again (those it
// set before go with the old values). A form to fix comes back as typed
// (422).
func (h *Handler) updateSet(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var f views.SetForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var old, set db.WorkoutSet
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		if old, err = q.GetWorkoutSet(ctx, db.GetWorkoutSetParams{ID: id, UserID: v.ID}); err != nil {
			return notFound(err)
		}
		if _, err := openSession(ctx, q, old.SessionID, v.ID); err != nil {
			return err
		}
		e, err := q.GetExercise(ctx, db.GetExerciseParams{ID: old.ExerciseID, UserID: v.ID})
		if err != nil {
			return notFound(err)
		}
		unit, err := q.GetExerciseUnit(ctx, v.ID)
		if err != nil {
			return err
		}
		p, errs := parseSet(f, e.Kind, unit)
		if errs.Any() {
			f.Errors = errs
			return errRefused
		}
		if _, err := q.DeleteWorkoutSet(ctx, db.DeleteWorkoutSetParams{ID: id, UserID: v.ID}); err != nil {
			return err
		}
		p.SessionID, p.ExerciseID, p.UserID, p.CreatedAt = old.SessionID, old.ExerciseID, v.ID, old.CreatedAt
		set, err = saveSet(ctx, q, p)
		return err
	})
	switch {
	case errors.Is(err, errRefused):
		return h.renderSession(c, http.StatusUnprocessableEntity, old.SessionID, shown{editing: id, form: &f})
	case err != nil:
		return routeError(err, "change set", id)
	case web.IsFragmentRequest(c):
		return h.renderSession(c, http.StatusOK, set.SessionID, shown{logged: set.ID, exercise: set.ExerciseID})
	}
	return web.Redirect(c, views.SessionURL(set.SessionID.String())+"?logged="+set.ID.String())
}
