package exercise

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// The most muscles an exercise names, and the longest name of one.
const (
	maxMuscles     = 8
	maxMuscleChars = 40
)

// createExercise adds an exercise of the user's own to their library; a
// form to fix comes back as typed (422).
func (h *Handler) createExercise(c echo.Context) error {
	var f views.ExerciseForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	f.Errors = form.Validate(f)
	muscles, problem := form.Tags(f.Muscles, maxMuscles, maxMuscleChars, "muscle")
	if problem != "" && f.Errors.Get("muscles") == "" {
		f.Errors["muscles"] = problem
	}
	if f.Errors.Any() {
		return h.renderLibrary(c, http.StatusUnprocessableEntity, f)
	}
	v := web.CurrentViewer(c)
	_, err := h.q.CreateExercise(c.Request().Context(), db.CreateExerciseParams{UserID: v.ID, Name: f.Name, Muscles: muscles,
		Equipment: f.Equipment, Kind: f.Kind})
	if notFound(err) == echo.ErrNotFound { // the name is taken
		f.Errors["name"] = "You have an exercise of this name already."
		return h.renderLibrary(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return fmt.Errorf("exercise: unable to add an exercise for %s: %w", v.ID, err)
	}
	return web.Redirect(c, views.LibraryURL+"?done=added")
}
