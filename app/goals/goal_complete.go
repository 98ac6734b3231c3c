package goals

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/decision"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Complete marks the goal done and pays its reward, once per goal ever
// (reopening and completing again pays nothing more). Goals are not
// offered on Today, so the decision it records as done is the goal itself:
// the projection learns what users do after finishing one.
func Complete(ctx context.Context, q *db.Queries, user, id uuid.UUID) error {
	g, err := q.GetGoal(ctx, db.GetGoalParams{UserID: user, ID: id})
	if err != nil {
		return notFound(err)
	}
	n, err := q.SetGoalCompleted(ctx, db.SetGoalCompletedParams{UserID: user, ID: id, Completed: true})
	if err != nil || n == 0 {
		return err // completed already: nothing more to pay
	}
	_, err = progress.Reward(ctx, q, user, decision.Key{Kind: "goal", ID: id.String()}, progress.Entry{
		Key: "goal:" + id.String(), Reason: "Completed the goal “" + g.Title + "”",
		Skill: CategoryOf(g.Category).Skill, XP: RewardXP, Coins: RewardCoins,
	})
	return err
}

func (h *Handler) complete(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return Complete(ctx, q, web.CurrentViewer(c).ID, id) })
	if err := routeError(err, "complete goal", id); err != nil {
		return err
	}
	return web.Redirect(c, URL(id))
}

// Reopen marks a completed goal open again.
func Reopen(ctx context.Context, q *db.Queries, user, id uuid.UUID) error {
	if _, err := q.GetGoal(ctx, db.GetGoalParams{UserID: user, ID: id}); err != nil {
		return notFound(err)
	}
	_, err := q.SetGoalCompleted(ctx, db.SetGoalCompletedParams{UserID: user, ID: id, Completed: false})
	return err
}

func (h *Handler) reopen(c echo.Context) error {
	id, err := goalID(c)
	if err != nil {
		return err
	}
	if err := routeError(Reopen(c.Request().Context(), h.q, web.CurrentViewer(c).ID, id), "reopen goal", id); err != nil {
		return err
	}
	return web.Redirect(c, URL(id))
}

// routeError turns an operation's error into the handler's answer: 404 for
// what is not the user's, the failure with context otherwise.
func routeError(err error, what string, id uuid.UUID) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound):
		return echo.ErrNotFound
	}
	return fmt.Errorf("goals: unable to %s %s: %w", what, id, err)
}
