package habits

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/habits"
)

// reward is what completing hb pays, keyed by the completion.
func reward(hb db.Habit, completionID uuid.UUID) progress.Entry {
	return progress.Entry{
		Key: "habit:" + completionID.String(), Reason: "Completed “" + hb.Title + "”",
		Skill: hb.Skill, XP: RewardXP, Coins: RewardCoins,
	}
}

// complete marks the habit done today in the user's time zone and pays
// the reward in the same transaction; done already, it changes nothing.
func (h *Handler) complete(c echo.Context) error {
	return h.toggle(c, true)
}

// undo takes back today's completion and its reward.
func (h *Handler) undo(c echo.Context) error {
	return h.toggle(c, false)
}

func (h *Handler) toggle(c echo.Context, done bool) error {
	v := web.CurrentViewer(c)
	id, err := habitID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	today := web.Today(c, h.now())
	var hb db.Habit
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := db.New(tx)
		hb, err = q.GetHabit(ctx, db.GetHabitParams{UserID: v.ID, ID: id})
		if err != nil {
			return err
		}
		if hb.ArchivedAt.Valid || done && !scheduleOf(hb, v.Location).Due(today) {
			return errNotDue
		}
		if done {
			completion, err := q.InsertCompletion(ctx, db.InsertCompletionParams{HabitID: id, UserID: v.ID, Day: today})
			if errors.Is(err, pgx.ErrNoRows) {
				return nil // done already: nothing to pay
			}
			if err != nil {
				return err
			}
			if _, err = progress.Award(ctx, q, v.ID, reward(hb, completion)); err != nil {
				return err
			}
			if err := q.RecordActivity(ctx, db.RecordActivityParams{UserID: v.ID, Action: "habit:" + id.String()}); err != nil {
				return err
			}
			if err := q.RecordCompletedOutcome(ctx, db.RecordCompletedOutcomeParams{UserID: v.ID, DecisionID: "habit:" + id.String()}); err != nil {
				return err
			}
			hb, err = h.refreshRun(c, q, hb)
			return err
		}
		completion, err := q.DeleteCompletion(ctx, db.DeleteCompletionParams{UserID: v.ID, HabitID: id, Day: today})
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // not done today: nothing to take back
		}
		if err != nil {
			return err
		}
		undo := reward(hb, completion)
		undo.Reason = "Undid “" + hb.Title + "”"
		if _, err = progress.Reverse(ctx, q, v.ID, undo); err != nil {
			return err
		}
		hb, err = h.refreshRun(c, q, hb)
		return err
	})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return echo.ErrNotFound
	case errors.Is(err, errNotDue):
		return echo.NewHTTPError(http.StatusConflict)
	case err != nil:
		return fmt.Errorf("habits: unable to record habit %s: %w", id, err)
	}
	if !web.IsFragmentRequest(c) {
		return web.Redirect(c, "/habits")
	}
	days, err := h.q.ListHabitCompletionDays(ctx, db.ListHabitCompletionDaysParams{UserID: v.ID, HabitID: id})
	if err != nil {
		return fmt.Errorf("habits: unable to load completions of %s: %w", id, err)
	}
	return web.Render(c, http.StatusOK, "Habits", views.RowItem(h.row(c, hb, days), web.CSRFToken(c)))
}

var errNotDue = errors.New("habit is not due today")
