package exercise

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// The most exercises a template holds.
const maxItems = 40

// addItem adds an exercise to the end of a template with its target sets
// and reps; a form to fix comes back as typed (422).
func (h *Handler) addItem(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var f views.ItemForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	f.Errors = form.Validate(f)
	sets := count(f.Sets, "target_sets", 1, 20, "Aim at 1 to 20 sets.", f.Errors)
	reps := count(f.Reps, "target_reps", 1, 100, "Aim at 1 to 100 reps.", f.Errors)
	exercise, perr := uuid.Parse(f.Exercise)
	if perr != nil && f.Errors.Get("exercise_id") == "" {
		f.Errors["exercise_id"] = "Choose an exercise from the list."
	}
	if f.Errors.Any() {
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Form: f})
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		if err := notFoundIfNone(q.TouchWorkoutTemplate(ctx, db.TouchWorkoutTemplateParams{ID: id, UserID: v.ID})); err != nil {
			return err // held, so two additions at once cannot both pass the checks below
		}
		if _, err := q.GetExercise(ctx, db.GetExerciseParams{ID: exercise, UserID: v.ID}); err != nil {
			return errUnknownExercise
		}
		items, err := q.ListTemplateItems(ctx, db.ListTemplateItemsParams{TemplateID: id, UserID: v.ID})
		if err != nil {
			return err
		}
		if slices.ContainsFunc(items, func(it db.ListTemplateItemsRow) bool { return it.Exercise.ID == exercise }) {
			return errInTemplate // a session holds each exercise once
		}
		if len(items) >= maxItems {
			return errFullTemplate
		}
		return q.AddTemplateItem(ctx, db.AddTemplateItemParams{TemplateID: id, UserID: v.ID, ExerciseID: exercise, TargetSets: int32(sets), TargetReps: int32(reps)})
	})
	switch {
	case errors.Is(err, errUnknownExercise):
		f.Errors["exercise_id"] = "Choose an exercise from the list."
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Form: f})
	case errors.Is(err, errInTemplate):
		f.Errors["exercise_id"] = "This exercise is in the template already: change its sets there, or remove it first."
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Form: f})
	case errors.Is(err, errFullTemplate):
		f.Errors["exercise_id"] = "A template holds " + strconv.Itoa(maxItems) + " exercises at most."
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Form: f})
	case err != nil:
		return routeError(err, "add to template", id)
	}
	return web.Redirect(c, views.TemplateURL(id.String())+"?done=added")
}

var (
	errUnknownExercise = errors.New("exercise: not in the user's library")
	errFullTemplate    = errors.New("exercise: the template is full")
	errInTemplate      = errors.New("exercise: in the template already")
)

// count reads a whole number from lo to hi into errs' field message.
func count(s, field string, lo, hi int, message string, errs form.Errors) int {
	n, err := strconv.Atoi(s)
	if (err != nil || n < lo || n > hi) && errs.Get(field) == "" {
		errs[field] = message
	}
	return n
}
