package goals

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

// RenameMilestone gives a milestone a new title.
func RenameMilestone(ctx context.Context, q *db.Queries, user, goal, milestone uuid.UUID, title string) error {
	n, err := q.RenameMilestone(ctx, db.RenameMilestoneParams{UserID: user, GoalID: goal, ID: milestone, Title: title})
	if err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func (h *Handler) milestoneRename(c echo.Context) error {
	goal, milestone, err := milestoneRoute(c)
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	var f views.MilestoneForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		f.ID = milestone.String()
		return h.renderShow(c, http.StatusUnprocessableEntity, db.GetGoalParams{UserID: v.ID, ID: goal}, f, nil)
	}
	if err := routeError(RenameMilestone(c.Request().Context(), h.q, v.ID, goal, milestone, f.Title), "rename a milestone of goal", goal); err != nil {
		return err
	}
	return web.Redirect(c, URL(goal))
}
