package exercise

import (
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
		p, err := parseIn(ctx, q, v.ID, &f, e.Kind)
		if err != nil {
			return err
		}
		if _, err := q.DeleteWorkoutSet(ctx, db.DeleteWorkoutSetParams{ID: id, UserID: v.ID}); err != nil {
			return err
		}
		p.SessionID, p.ExerciseID, p.UserID, p.CreatedAt = old.SessionID, old.ExerciseID, v.ID, old.CreatedAt
		set, err = saveSet(ctx, q, p)
		return err
	})
	return h.answerSet(c, err, old.SessionID, set, shown{editing: id, form: &f})
}
