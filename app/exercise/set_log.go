package exercise

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// errFinished refuses changing a finished session.
var errFinished = echo.NewHTTPError(http.StatusConflict, "This workout is finished: start another to log more.")

// logSet saves a set of an exercise of the session and the personal
// records it sets, and answers with the session, the records celebrated
// (a fragment for htmx; a redirect to the page otherwise). A form to fix
// comes back as typed (422).
func (h *Handler) logSet(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	exerciseID, err := uuid.Parse(c.FormValue("exercise_id"))
	if err != nil {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "Choose the exercise the set is of.")
	}
	var f views.SetForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var set db.WorkoutSet
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		if _, err := openSession(ctx, q, id, v.ID); err != nil {
			return err
		}
		exercises, err := q.ListSessionExercises(ctx, db.ListSessionExercisesParams{SessionID: id, UserID: v.ID})
		if err != nil {
			return err
		}
		kind := ""
		for _, x := range exercises {
			if x.Exercise.ID == exerciseID {
				kind = x.Exercise.Kind
			}
		}
		if kind == "" {
			return echo.ErrNotFound // not an exercise of this session
		}
		p, err := parseIn(ctx, q, v.ID, &f, kind)
		if err != nil {
			return err
		}
		p.SessionID, p.ExerciseID, p.UserID, p.CreatedAt = id, exerciseID, v.ID, web.Calendar(c).Now
		set, err = saveSet(ctx, q, p)
		return err
	})
	return h.answerSet(c, err, id, set, shown{exercise: exerciseID, form: &f})
}

// errRefused is a set form to fix.
var errRefused = errors.New("exercise: the set form has errors")

// parseIn checks the set form f for an exercise of kind in the user's
// unit, through q; a form to fix gets its messages and errRefused.
func parseIn(ctx context.Context, q *db.Queries, user uuid.UUID, f *views.SetForm, kind string) (db.CreateWorkoutSetParams, error) {
	unit, err := q.GetExerciseUnit(ctx, user)
	if err != nil {
		return db.CreateWorkoutSetParams{}, err
	}
	p, errs := parseSet(*f, kind, unit)
	if errs.Any() {
		f.Errors = errs
		return p, errRefused
	}
	return p, nil
}

// answerSet answers a set saved in session (or refused, err): the form to
// fix as refused shows it (422), or the session with the set's records
// celebrated (a fragment for htmx; a redirect otherwise).
func (h *Handler) answerSet(c echo.Context, err error, session uuid.UUID, set db.WorkoutSet, refused shown) error {
	switch {
	case errors.Is(err, errRefused):
		return h.renderSession(c, http.StatusUnprocessableEntity, session, refused)
	case err != nil:
		return routeError(err, "save a set in session", session)
	case web.IsFragmentRequest(c):
		return h.renderSession(c, http.StatusOK, session, shown{logged: set.ID, exercise: set.ExerciseID})
	}
	return web.Redirect(c, views.SessionURL(session.String())+"?logged="+set.ID.String())
}

// parseSet checks a set form for an exercise of kind, typed in unit: a
// strength set needs weight and reps, a bodyweight set reps (weight is
// added weight), a cardio set a time or a distance.
func parseSet(f views.SetForm, kind, unit string) (db.CreateWorkoutSetParams, form.Errors) {
	var p db.CreateWorkoutSetParams
	errs := form.Errors{}
	if kind == Cardio {
		d, err := ParseDuration(f.Duration)
		if err != nil {
			errs["duration"] = "Enter the time in minutes (25), or as 25:30 or 1:05:00, up to 24 hours."
		}
		m, err := ParseDistance(f.Distance, unit)
		if err != nil {
			errs["distance"] = "Enter the distance in " + DistanceUnit(unit) + ", like 5 or 5.25."
		}
		if !errs.Any() && d == 0 && m == 0 {
			errs["duration"] = "Enter a time, a distance or both."
		}
		p.DurationS, p.DistanceM = int32(d), int32(m)
		return p, errs
	}
	g, err := ParseWeight(f.Weight, unit)
	switch {
	case err != nil:
		errs["weight"] = "Enter the weight in " + unitOf(unit) + ", like 60 or 62.5, up to " + FormatWeight(MaxWeightG, unit) + "."
	case g == 0 && kind == Strength:
		errs["weight"] = "Enter the weight lifted, in " + unitOf(unit) + "."
	}
	reps, err := strconv.Atoi(f.Reps)
	if err != nil || reps < 1 || reps > MaxReps {
		errs["reps"] = "Enter the reps done, from 1 to " + strconv.Itoa(MaxReps) + "."
	}
	rpe, err := ParseRPE(f.RPE)
	if err != nil {
		errs["rpe"] = "Rate the effort from 1 to 10, in halves (8 or 8.5), or leave it empty."
	}
	p.WeightG, p.Reps, p.RpeTenths, p.OneRmG = int32(g), int32(reps), int32(rpe), int32(OneRepMax(g, reps))
	return p, errs
}
