package habits

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/store"
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
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		hb, err = q.GetHabit(ctx, db.GetHabitParams{UserID: v.ID, ID: id})
		if err != nil {
			return err
		}
		if hb.ArchivedAt.Valid || done && !scheduleOf(hb, v.Zone).Due(today) {
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
	case errors.Is(err, progress.ErrNotEnoughCoins):
		// The coins it earned are spent: it stays done, and the row says why.
		notice := rowNotice{ID: id.String(), Text: "The coins this earned are already spent, so it stays done today."}
		if !web.IsFragmentRequest(c) {
			return h.renderList(c, http.StatusConflict, newHabitForm(), notice)
		}
		hb, err = h.q.GetHabit(ctx, db.GetHabitParams{UserID: v.ID, ID: id})
		if err != nil {
			return fmt.Errorf("habits: unable to load habit %s: %w", id, err)
		}
		return h.renderRow(c, http.StatusConflict, hb, notice)
	case err != nil:
		return fmt.Errorf("habits: unable to record habit %s: %w", id, err)
	}
	if !web.IsFragmentRequest(c) {
		return web.Redirect(c, "/habits")
	}
	return h.renderRow(c, http.StatusOK, hb, rowNotice{})
}

// renderRow answers an htmx request with the habit's row.
func (h *Handler) renderRow(c echo.Context, status int, hb db.Habit, notice rowNotice) error {
	days, err := h.q.ListHabitCompletionDays(c.Request().Context(), db.ListHabitCompletionDaysParams{UserID: hb.UserID, HabitID: hb.ID})
	if err != nil {
		return fmt.Errorf("habits: unable to load completions of %s: %w", hb.ID, err)
	}
	r := h.row(c, hb, days)
	r.Notice = notice.on(r.ID)
	return web.Render(c, status, "Habits", views.RowItem(r, web.CSRFToken(c)))
}

var errNotDue = errors.New("habit is not due today")
