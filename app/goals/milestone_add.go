package goals

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

// AddMilestone adds a milestone at the end of the goal's list. The goal's
// row lock, taken first, makes additions at once take places one after
// the other.
func AddMilestone(ctx context.Context, q *db.Queries, user, goal uuid.UUID, title string) error {
	if err := lockGoal(ctx, q, user, goal); err != nil {
		return err
	}
	return q.AddMilestone(ctx, db.AddMilestoneParams{GoalID: goal, UserID: user, Title: title})
}

func (h *Handler) milestoneAdd(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	var f views.MilestoneForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, db.GetGoalParams{UserID: v.ID, ID: id}, f, nil)
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return AddMilestone(ctx, q, v.ID, id, f.Title) })
	if err := routeError(err, "add a milestone to goal", id); err != nil {
		return err
	}
	return web.Redirect(c, URL(id))
}

// lockGoal takes the goal's row lock until the transaction ends, as its own
// statement, so the statements after it see what the previous holder
// committed.
func lockGoal(ctx context.Context, q *db.Queries, user, goal uuid.UUID) error {
	_, err := q.LockGoal(ctx, db.LockGoalParams{UserID: user, ID: goal})
	return notFound(err)
}

// notFound reads "no row" as the goal or milestone not being the user's.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
