package habits

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/decision"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/habits"
)

var (
	// ErrNotFound is a habit that is not the user's.
	ErrNotFound = errors.New("habits: not found")
	// ErrNotDue refuses to complete a habit not due today, or archived.
	ErrNotDue = errors.New("habits: not due today")
)

// coinsSpent is why an undo was refused.
const coinsSpent = "The coins this earned are already spent, so it stays done today."

// Key is the decision a habit is: what Today offers and completing does.
func Key(id uuid.UUID) decision.Key { return decision.Key{Kind: "habit", ID: id.String()} }

// reward is what completing hb pays, keyed by the completion.
func reward(hb db.Habit, completionID uuid.UUID) progress.Entry {
	return progress.Entry{
		Key: "habit:" + completionID.String(), Reason: "Completed “" + hb.Title + "”",
		Skill: hb.Skill, XP: RewardXP, Coins: RewardCoins,
	}
}

// Complete marks the habit done on the user's day and pays the reward,
// through q (the completion's transaction); done already, it changes
// nothing. It returns the habit with its refreshed streak.
func Complete(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id uuid.UUID) (db.Habit, error) {
	hb, err := getHabit(ctx, q, user, id)
	if err != nil {
		return hb, err
	}
	if hb.ArchivedAt.Valid || !scheduleOf(hb, cal.Zone).Due(cal.Today) {
		return hb, ErrNotDue
	}
	completion, err := q.InsertCompletion(ctx, db.InsertCompletionParams{HabitID: id, UserID: user, Day: cal.Today})
	if errors.Is(err, pgx.ErrNoRows) {
		return hb, nil // done already: nothing to pay
	}
	if err != nil {
		return hb, err
	}
	if _, err := progress.Reward(ctx, q, user, Key(id), reward(hb, completion)); err != nil {
		return hb, err
	}
	return refreshRun(ctx, q, cal, hb)
}

// Undo takes back the day's completion and its reward. Once the coins it
// earned are spent it refuses with progress.ErrNotEnoughCoins.
func Undo(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id uuid.UUID) (db.Habit, error) {
	hb, err := getHabit(ctx, q, user, id)
	if err != nil {
		return hb, err
	}
	completion, err := q.DeleteCompletion(ctx, db.DeleteCompletionParams{UserID: user, HabitID: id, Day: cal.Today})
	if errors.Is(err, pgx.ErrNoRows) {
		return hb, nil // not done today: nothing to take back
	}
	if err != nil {
		return hb, err
	}
	undo := reward(hb, completion)
	undo.Reason = "Undid “" + hb.Title + "”"
	if _, err := progress.Reverse(ctx, q, user, undo); err != nil {
		return hb, err
	}
	return refreshRun(ctx, q, cal, hb)
}

// getHabit reads the user's habit; another user's is ErrNotFound.
func getHabit(ctx context.Context, q *db.Queries, user, id uuid.UUID) (db.Habit, error) {
	hb, err := q.GetHabit(ctx, db.GetHabitParams{UserID: user, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return hb, ErrNotFound
	}
	return hb, err
}

func (h *Handler) complete(c echo.Context) error { return h.toggle(c, Complete) }

func (h *Handler) undo(c echo.Context) error { return h.toggle(c, Undo) }

// toggle applies Complete or Undo in one transaction, then answers with the
// habit's row (htmx) or the list.
func (h *Handler) toggle(c echo.Context, op func(context.Context, *db.Queries, uuid.UUID, calendar.Calendar, uuid.UUID) (db.Habit, error)) error {
	v := web.CurrentViewer(c)
	id, err := habitID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cal := web.Calendar(c)
	var hb db.Habit
	err = store.Tx(ctx, h.pool, func(q *db.Queries) (err error) {
		hb, err = op(ctx, q, v.ID, cal, id)
		return err
	})
	notice := rowNotice{}
	// The habit's own page posts with from=page and is answered with it.
	fromPage := c.FormValue("from") == "page"
	switch {
	case errors.Is(err, ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, ErrNotDue):
		return echo.NewHTTPError(http.StatusConflict)
	case errors.Is(err, progress.ErrNotEnoughCoins):
		// The coins it earned are spent: it stays done, and the row says why.
		notice = rowNotice{ID: id.String(), Text: coinsSpent}
		if fromPage {
			return h.renderShow(c, http.StatusConflict, id, nil, coinsSpent)
		}
		if !web.IsFragmentRequest(c) {
			return h.renderList(c, http.StatusConflict, newHabitForm(), notice)
		}
	case err != nil:
		return fmt.Errorf("habits: unable to record habit %s: %w", id, err)
	case fromPage:
		return web.Redirect(c, URL(id))
	case !web.IsFragmentRequest(c):
		return web.Redirect(c, ListURL)
	}
	status := http.StatusOK
	if notice.ID != "" {
		status = http.StatusConflict
	}
	return h.renderRow(c, status, hb, notice)
}

// renderRow answers an htmx request with the habit's row.
func (h *Handler) renderRow(c echo.Context, status int, hb db.Habit, notice rowNotice) error {
	days, err := h.q.ListHabitCompletionDays(c.Request().Context(), db.ListHabitCompletionDaysParams{UserID: hb.UserID, HabitID: hb.ID})
	if err != nil {
		return fmt.Errorf("habits: unable to load completions of %s: %w", hb.ID, err)
	}
	r := row(hb, days, web.Calendar(c))
	r.Notice = notice.on(r.ID)
	return web.Render(c, status, "Habits", views.RowItem(r))
}
