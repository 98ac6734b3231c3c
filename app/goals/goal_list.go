package goals

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, views.GoalForm{Category: "personal"})
}

func (h *Handler) renderList(c echo.Context, status int, f views.GoalForm) error {
	v := web.CurrentViewer(c)
	rows, err := h.q.ListGoalsWithProgress(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("goals: unable to list goals of %s: %w", v.ID, err)
	}
	cal := web.Calendar(c)
	goals := make([]views.Goal, len(rows))
	for i, r := range rows {
		g := db.Goal{ID: r.ID, Title: r.Title, Description: r.Description, Category: r.Category, Deadline: r.Deadline, CompletedAt: r.CompletedAt}
		goals[i] = view(g, int(r.MilestonesDone), int(r.Milestones), cal)
	}
	return web.Render(c, status, "Goals", views.List(views.ListData{Goals: goals, Form: f, Categories: categoryChoices(), Deleted: c.QueryParam("done") == "deleted"}))
}
