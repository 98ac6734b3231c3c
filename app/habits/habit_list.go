package habits

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/habits"
)

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, views.HabitForm{Cadence: string(Daily), Skill: "proficiency"})
}

func (h *Handler) renderList(c echo.Context, status int, f views.HabitForm) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	habits, err := h.q.ListHabits(ctx, db.ListHabitsParams{UserID: v.ID, Archived: false})
	if err != nil {
		return fmt.Errorf("habits: unable to list habits of %s: %w", v.ID, err)
	}
	since := WeekOf(web.Today(c, h.now()), v.WeekStart)
	completions, err := h.q.ListCompletionDaysSince(ctx, db.ListCompletionDaysSinceParams{UserID: v.ID, Since: since})
	if err != nil {
		return fmt.Errorf("habits: unable to list completions of %s: %w", v.ID, err)
	}
	done := map[uuid.UUID][]time.Time{}
	for _, cd := range completions {
		done[cd.HabitID] = append(done[cd.HabitID], cd.Day)
	}
	rows := make([]views.Row, len(habits))
	for i, hb := range habits {
		rows[i] = h.row(c, hb, done[hb.ID])
	}
	return web.Render(c, status, "Habits", views.List(rows, f, skillChoices(), weekdayChoices(v.WeekStart), web.CSRFToken(c)))
}

func (h *Handler) archivedList(c echo.Context) error {
	v := web.CurrentViewer(c)
	habits, err := h.q.ListHabits(c.Request().Context(), db.ListHabitsParams{UserID: v.ID, Archived: true})
	if err != nil {
		return fmt.Errorf("habits: unable to list archived habits of %s: %w", v.ID, err)
	}
	rows := make([]views.Row, len(habits))
	for i, hb := range habits {
		rows[i] = views.Row{ID: hb.ID.String(), Title: hb.Title, Schedule: describe(hb, v.WeekStart)}
	}
	return web.Render(c, http.StatusOK, "Archived habits", views.Archived(rows, web.CSRFToken(c)))
}
