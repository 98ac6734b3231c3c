package exercise

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

var templateNotices = map[string]string{
	"renamed": "Template renamed.",
	"added":   "Exercise added.",
	"moved":   "Order changed.",
	"changed": "Targets changed.",
	"removed": "Exercise removed.",
}

// showTemplate is a template's page: its exercises in order and the form
// to add one, read in one round trip.
func (h *Handler) showTemplate(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return h.renderTemplate(c, http.StatusOK, id, views.TemplateData{Notice: templateNotices[c.QueryParam("done")]})
}

// renderTemplate reads template id into d, keeping any form d holds, and
// renders it.
func (h *Handler) renderTemplate(c echo.Context, status int, id uuid.UUID, d views.TemplateData) error {
	v := web.CurrentViewer(c)
	var (
		t       db.WorkoutTemplate
		found   bool
		items   []db.ListTemplateItemsRow
		library []db.Exercise
		b       store.Batch
	)
	store.Maybe(&b, db.GetWorkoutTemplate, &t, &found, db.GetWorkoutTemplateParams{ID: id, UserID: v.ID})
	store.Many(&b, db.ListTemplateItems, &items, db.ListTemplateItemsParams{TemplateID: id, UserID: v.ID})
	store.Many(&b, db.ListExercises, &library, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("exercise: unable to read template %s of %s: %w", id, v.ID, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	d.ID, d.Title, d.Library = t.ID.String(), t.Name, groups(library)
	if !d.Name.Errors.Any() {
		d.Name.Name = t.Name
	}
	for i, it := range items {
		d.Items = append(d.Items, views.Item{ID: it.ID.String(), Name: it.Exercise.Name, Sets: int(it.TargetSets), Reps: int(it.TargetReps),
			First: i == 0, Last: i == len(items)-1})
	}
	return web.Render(c, status, t.Name, views.TemplatePage(d))
}
