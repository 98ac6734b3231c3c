package exercise

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/decision"
	"ignition/app/live"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// finishSession ends a workout. One with a set logged pays its reward,
// once ever; finishing again changes nothing.
func (h *Handler) finishSession(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	done := "finished"
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		paid, err := Finish(ctx, q, v.ID, id, web.Calendar(c).Now)
		if !paid {
			done = "finished-empty"
		}
		return err
	})
	if err != nil {
		return routeError(err, "finish session", id)
	}
	return web.Redirect(c, views.SessionURL(id.String())+"?done="+done)
}

// Finish ends the user's session id at now through q and pays its
// reward when it holds a set; it reports whether the session has earned
// (now or before). A session finished already stays as it was.
func Finish(ctx context.Context, q *db.Queries, user, id uuid.UUID, now time.Time) (bool, error) {
	s, err := q.GetWorkoutSessionForUpdate(ctx, db.GetWorkoutSessionForUpdateParams{ID: id, UserID: user})
	if err != nil {
		return false, notFound(err)
	}
	sets, err := q.ListSessionSets(ctx, db.ListSessionSetsParams{SessionID: id, UserID: user})
	if err != nil {
		return false, err
	}
	if !s.FinishedAt.Valid {
		if now.Before(s.StartedAt) { // another process's clock
			now = s.StartedAt
		}
		if _, err := q.FinishWorkoutSession(ctx, db.FinishWorkoutSessionParams{ID: id, UserID: user, FinishedAt: now}); err != nil {
			return false, fmt.Errorf("exercise: unable to finish session %s: %w", id, err)
		}
		if err := live.Announce(ctx, q, user, Live); err != nil {
			return false, err
		}
	}
	if len(sets) == 0 {
		return false, nil
	}
	_, err = progress.Reward(ctx, q, user, decision.Key{Kind: "exercise", ID: id.String()}, progress.Entry{
		Key: SessionKey + ":" + id.String(), Reason: "Finished the workout “" + s.Name + "”", Skill: SessionSkill, XP: SessionXP, Coins: SessionCoins})
	return true, err
}
