package exercise

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// recentSessions is how many sessions the overview lists.
const recentSessions = 20

var notices = map[string]string{
	"deleted":          "Workout deleted.",
	"template-deleted": "Template deleted.",
	"exercise-deleted": "Exercise deleted, with its sets.",
	"unit":             "Weights are shown in your unit now.",
	"added":            "Exercise added to your library.",
}

// home is the overview: the workouts under way, the templates to start
// one from and the latest sessions, read in one round trip.
func (h *Handler) home(c echo.Context) error {
	return h.renderHome(c, http.StatusOK, views.HomeData{Notice: notices[c.QueryParam("done")]})
}

// renderHome reads the overview into d and renders it.
func (h *Handler) renderHome(c echo.Context, status int, d views.HomeData) error {
	v := web.CurrentViewer(c)
	var (
		templates []db.ListWorkoutTemplatesRow
		recent    []db.ListRecentSessionsRow
		b         store.Batch
	)
	store.One(&b, db.GetExerciseUnit, &d.Unit, v.ID)
	store.Many(&b, db.ListWorkoutTemplates, &templates, v.ID)
	store.Many(&b, db.ListRecentSessions, &recent, db.ListRecentSessionsParams{UserID: v.ID, Max: recentSessions + 1})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("exercise: unable to read the overview of %s: %w", v.ID, err)
	}
	d.Templates, d.Older = templatesOf(templates), len(recent) > recentSessions
	recent = recent[:min(len(recent), recentSessions)]
	cal := web.Calendar(c)
	for _, s := range recent {
		row := views.SessionRow{ID: s.ID.String(), Name: s.Name, Started: cal.Local(s.StartedAt), Finished: s.FinishedAt.Valid,
			Sets: int(s.Sets), Records: int(s.Records)}
		if s.Volume > 0 {
			row.Volume = volumeText(s.Volume, d.Unit)
		}
		if !row.Finished {
			d.Active = append(d.Active, row)
		}
		d.Recent = append(d.Recent, row)
	}
	return web.Render(c, status, "Exercise", views.Home(d))
}

func templatesOf(rows []db.ListWorkoutTemplatesRow) []views.Template {
	out := make([]views.Template, len(rows))
	for i, t := range rows {
		out[i] = views.Template{ID: t.ID.String(), Name: t.Name, Exercises: int(t.Exercises)}
	}
	return out
}
