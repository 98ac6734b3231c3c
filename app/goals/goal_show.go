package goals

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

func (h *Handler) show(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, http.StatusOK, db.GetGoalParams{UserID: web.CurrentViewer(c).ID, ID: id}, views.MilestoneForm{}, nil)
}

// renderShow shows the goal with its milestones, read in one round trip,
// with the milestone form mf and the goal form f (the stored goal's when
// nil).
func (h *Handler) renderShow(c echo.Context, status int, key db.GetGoalParams, mf views.MilestoneForm, f *views.GoalForm) error {
	var b store.Batch
	var g db.Goal
	var found bool
	var ms []db.GoalMilestone
	store.Maybe(&b, db.GetGoal, &g, &found, key)
	store.Many(&b, db.ListMilestones, &ms, db.ListMilestonesParams{UserID: key.UserID, GoalID: key.ID})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("goals: unable to load goal %s: %w", key.ID, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	if f == nil {
		stored := formOf(g)
		f = &stored
	}
	done := 0
	milestones := make([]views.Milestone, len(ms))
	for i, m := range ms {
		milestones[i] = views.Milestone{ID: m.ID.String(), Title: m.Title, Done: m.CompletedAt.Valid, First: i == 0, Last: i == len(ms)-1}
		if m.CompletedAt.Valid {
			done++
		}
	}
	return web.Render(c, status, g.Title, views.Show(views.ShowData{Goal: view(g, done, len(ms), web.Calendar(c)), Milestones: milestones, MilestoneForm: mf, Form: *f, Categories: categoryChoices()}))
}
