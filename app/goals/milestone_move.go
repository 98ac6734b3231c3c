package goals

import (
	"context"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// MoveMilestone moves a milestone up (delta −1) or down (+1) and numbers
// them all afresh, under the goal's row lock.
func MoveMilestone(ctx context.Context, q *db.Queries, user, goal, milestone uuid.UUID, delta int) error {
	if err := lockGoal(ctx, q, user, goal); err != nil {
		return err
	}
	ms, err := q.ListMilestones(ctx, db.ListMilestonesParams{UserID: user, GoalID: goal})
	if err != nil {
		return err
	}
	ids := make([]uuid.UUID, len(ms))
	at := -1
	for i, m := range ms {
		ids[i] = m.ID
		if m.ID == milestone {
			at = i
		}
	}
	if at < 0 {
		return ErrNotFound
	}
	for pos, id := range Move(ids, at, delta) {
		if err := q.SetMilestonePosition(ctx, db.SetMilestonePositionParams{UserID: user, ID: id, Position: int32(pos + 1)}); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) milestoneMove(delta int) echo.HandlerFunc {
	return func(c echo.Context) error {
		goal, milestone, err := milestoneRoute(c)
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
			return MoveMilestone(ctx, q, web.CurrentViewer(c).ID, goal, milestone, delta)
		})
		if err := routeError(err, "move a milestone of goal", goal); err != nil {
			return err
		}
		return web.Redirect(c, URL(goal))
	}
}
