package goals

import (
	"context"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// milestoneRoute reads the goal and milestone IDs of the route.
func milestoneRoute(c echo.Context) (goal, milestone uuid.UUID, err error) {
	if goal, err = goalID(c); err != nil {
		return goal, milestone, err
	}
	if milestone, err = uuid.Parse(c.Param("mid")); err != nil {
		return goal, milestone, echo.ErrNotFound
	}
	return goal, milestone, nil
}

// ToggleMilestone ticks a milestone, or unticks a ticked one.
func ToggleMilestone(ctx context.Context, q *db.Queries, user, goal, milestone uuid.UUID) error {
	n, err := q.ToggleMilestone(ctx, db.ToggleMilestoneParams{UserID: user, GoalID: goal, ID: milestone})
	if err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func (h *Handler) milestoneToggle(c echo.Context) error {
	goal, milestone, err := milestoneRoute(c)
	if err != nil {
		return err
	}
	if err := routeError(ToggleMilestone(c.Request().Context(), h.q, web.CurrentViewer(c).ID, goal, milestone), "toggle a milestone of goal", goal); err != nil {
		return err
	}
	return web.Redirect(c, URL(goal))
}

// DeleteMilestone removes a milestone.
func DeleteMilestone(ctx context.Context, q *db.Queries, user, goal, milestone uuid.UUID) error {
	n, err := q.DeleteMilestone(ctx, db.DeleteMilestoneParams{UserID: user, GoalID: goal, ID: milestone})
	if err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func (h *Handler) milestoneDelete(c echo.Context) error {
	goal, milestone, err := milestoneRoute(c)
	if err != nil {
		return err
	}
	if err := routeError(DeleteMilestone(c.Request().Context(), h.q, web.CurrentViewer(c).ID, goal, milestone), "delete a milestone of goal", goal); err != nil {
		return err
	}
	return web.Redirect(c, URL(goal))
}
