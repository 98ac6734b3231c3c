package goals

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

func (h *Handler) milestoneAdd(c echo.Context) error {
	g, err := h.loadGoal(c)
	if err != nil {
		return err
	}
	var f views.MilestoneForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, g, f, formOf(g))
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		if err := q.LockGoal(ctx, db.LockGoalParams{UserID: g.UserID, ID: g.ID}); err != nil {
			return err
		}
		return q.AddMilestone(ctx, db.AddMilestoneParams{GoalID: g.ID, UserID: g.UserID, Title: f.Title})
	})
	if err != nil {
		return fmt.Errorf("goals: unable to add milestone to %s: %w", g.ID, err)
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

// milestoneRoute reads the goal and milestone IDs of the route; the goal
// must be the viewer's.
func (h *Handler) milestoneRoute(c echo.Context) (db.Goal, uuid.UUID, error) {
	g, err := h.loadGoal(c)
	if err != nil {
		return g, uuid.Nil, err
	}
	mid, err := uuid.Parse(c.Param("mid"))
	if err != nil {
		return g, uuid.Nil, echo.ErrNotFound
	}
	return g, mid, nil
}

func (h *Handler) milestoneToggle(c echo.Context) error {
	g, mid, err := h.milestoneRoute(c)
	if err != nil {
		return err
	}
	n, err := h.q.ToggleMilestone(c.Request().Context(), db.ToggleMilestoneParams{UserID: g.UserID, GoalID: g.ID, ID: mid})
	if err != nil {
		return fmt.Errorf("goals: unable to toggle milestone %s: %w", mid, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

func (h *Handler) milestoneDelete(c echo.Context) error {
	g, mid, err := h.milestoneRoute(c)
	if err != nil {
		return err
	}
	n, err := h.q.DeleteMilestone(c.Request().Context(), db.DeleteMilestoneParams{UserID: g.UserID, GoalID: g.ID, ID: mid})
	if err != nil {
		return fmt.Errorf("goals: unable to delete milestone %s: %w", mid, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

// milestoneMove moves a milestone up (−1) or down (+1) and renumbers them
// all, in one transaction.
func (h *Handler) milestoneMove(delta int) echo.HandlerFunc {
	return func(c echo.Context) error {
		g, mid, err := h.milestoneRoute(c)
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		found := false
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
			if err := q.LockGoal(ctx, db.LockGoalParams{UserID: g.UserID, ID: g.ID}); err != nil {
				return err
			}
			ms, err := q.ListMilestones(ctx, db.ListMilestonesParams{UserID: g.UserID, GoalID: g.ID})
			if err != nil {
				return err
			}
			ids := make([]uuid.UUID, len(ms))
			at := -1
			for i, m := range ms {
				ids[i] = m.ID
				if m.ID == mid {
					at = i
				}
			}
			if at < 0 {
				return nil
			}
			found = true
			for pos, id := range Move(ids, at, delta) {
				if err := q.SetMilestonePosition(ctx, db.SetMilestonePositionParams{UserID: g.UserID, ID: id, Position: int32(pos + 1)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("goals: unable to move milestone %s: %w", mid, err)
		}
		if !found {
			return echo.ErrNotFound
		}
		return web.Redirect(c, "/goals/"+g.ID.String())
	}
}
