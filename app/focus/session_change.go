package focus

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/live"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/today"
	"ignition/app/web"
)

// ErrNotNow refuses a change the running session's state does not allow
// (or there is no running session: another device got there first).
var ErrNotNow = errors.New("focus: the session is not in a state for that")

// A Change acts on the user's running session through q, the transaction
// that holds its row lock, so two devices acting at once apply one after
// the other. It reports whether the user completed a focus session.
type Change func(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (completed bool, err error)

// Pause stops the clock of a running session.
func Pause(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
	if s.PausedAt.Valid || timerOf(s).Done(cal.Now) {
		return false, ErrNotNow
	}
	return false, q.PauseFocus(ctx, db.PauseFocusParams{ID: s.ID, Now: cal.Now})
}

// Resume starts the clock again.
func Resume(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
	if !s.PausedAt.Valid {
		return false, ErrNotNow
	}
	return false, q.ResumeFocus(ctx, db.ResumeFocusParams{ID: s.ID, PauseSeconds: PauseSeconds(s.PausedAt.Time, cal.Now), Now: cal.Now})
}

// Complete ends a session whose time has run out, as of the moment it ran
// out (the server is the clock, however late it is asked); a focus session
// (not a break) pays its reward.
func Complete(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
	if !timerOf(s).Done(cal.Now) {
		return false, ErrNotNow
	}
	end := endOf(s, cal.Now)
	err := q.EndFocus(ctx, db.EndFocusParams{ID: s.ID, Outcome: Completed, PauseSeconds: PauseSeconds(s.PausedAt.Time, end), Now: end})
	if err != nil || s.Kind != Focus {
		return false, err
	}
	_, err = progress.Reward(ctx, q, s.UserID, Start, progress.Entry{
		Key: "focus:" + s.ID.String(), Reason: "Finished a focus session", Skill: rewardSkill, XP: RewardXP, Coins: RewardCoins,
	})
	return err == nil, err
}

// Abandon ends a session before its time, paying nothing.
func Abandon(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
	return false, q.EndFocus(ctx, db.EndFocusParams{ID: s.ID, Outcome: Abandoned, PauseSeconds: PauseSeconds(s.PausedAt.Time, cal.Now), Now: cal.Now})
}

// Apply runs change on the user's running session under its row lock; it
// returns the session's ID when the change completed a focus session, and
// uuid.Nil otherwise.
func Apply(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, change Change) (uuid.UUID, error) {
	s, err := q.GetActiveFocusForUpdate(ctx, user)
	if errors.Is(err, pgx.ErrNoRows) {
		return uuid.Nil, ErrNotNow
	}
	if err != nil {
		return uuid.Nil, err
	}
	completed, err := change(ctx, q, s, cal)
	if err != nil {
		return uuid.Nil, err
	}
	if !completed {
		return uuid.Nil, live.Announce(ctx, q, user, live.Focus)
	}
	return s.ID, live.Announce(ctx, q, user, live.Focus)
}

// change answers a session action. A completed focus session hands the user
// to Today in soft-landing mode, written to the browser's session after the
// commit: the transaction takes no second connection while it holds the
// lock.
func (h *Handler) change(fn Change) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := web.CurrentViewer(c)
		ctx := c.Request().Context()
		var completed uuid.UUID
		err := store.Tx(ctx, h.pool, func(q *db.Queries) (err error) {
			completed, err = Apply(ctx, q, v.ID, web.Calendar(c), fn)
			return err
		})
		switch {
		case errors.Is(err, ErrNotNow):
			return web.Redirect(c, URL) // another device got there first: show where things stand
		case err != nil:
			return fmt.Errorf("focus: unable to update the session of %s: %w", v.ID, err)
		case completed == uuid.Nil:
			return web.Redirect(c, URL)
		}
		if err := h.land(c, completed.String()); err != nil {
			return err
		}
		return web.Redirect(c, today.URL)
	}
}
