package focus

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/live"
	"ignition/app/notifications"
	"ignition/app/static"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/focus"
)

// EndBreak is the end action that starts the next break at once when a
// focus session runs out (the other, "nothing", leaves it to the user);
// the choices are views.EndActions.
const EndBreak = "break"

// endOf is when a session's time ran out, or now if that is earlier.
func endOf(s db.FocusSession, now time.Time) time.Time {
	end := timerOf(s).RanOut(now)
	if end.After(now) {
		return now
	}
	return end
}

// Finish is the server's clock ending a session whose time has run out:
// it completes it (a focus session pays, once) and, when the user chose
// so, starts the next break as of the moment the session ended — unless
// that break would itself be over by now.
func Finish(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
	completed, err := Complete(ctx, q, s, cal)
	if err == nil {
		err = live.Announce(ctx, q, s.UserID, live.Focus)
	}
	if err != nil || !completed {
		return completed, err
	}
	set, err := q.GetFocusSettings(ctx, s.UserID)
	if err != nil {
		return true, err
	}
	if set.Notify {
		err := notifications.Add(ctx, q, s.UserID, notifications.Notice{Kind: notifications.FocusEnd, Key: "focus:" + s.ID.String(),
			Title: "Focus session complete", Body: fmt.Sprintf("+%d XP · +%d coins.", RewardXP, RewardCoins), Href: URL})
		if err != nil {
			return true, err
		}
	}
	if set.EndAction != EndBreak {
		return true, nil
	}
	totals, err := q.FocusTotals(ctx, db.FocusTotalsParams{UserID: s.UserID, DayFrom: cal.TodayBegan(), WeekFrom: cal.WeekBegan()})
	if err != nil {
		return true, err
	}
	kind := NextKind(Focus, int(totals.DaySessions), int(set.LongBreakEvery))
	minutes := set.ShortBreakMinutes
	if kind == LongBreak {
		minutes = set.LongBreakMinutes
	}
	end := endOf(s, cal.Now)
	if cal.Now.Sub(end) >= time.Duration(minutes)*time.Minute {
		return true, nil
	}
	_, err = q.StartFocus(ctx, db.StartFocusParams{UserID: s.UserID, Kind: kind, PlannedSeconds: int32(minutes) * 60, Now: end})
	if errors.Is(err, pgx.ErrNoRows) {
		err = nil // another session runs already
	}
	return true, err
}

// settle ends the viewer's running session if its time has run out, so
// any read after the end sees it over and paid.
func (h *Handler) settle(c echo.Context, s db.FocusSession) error {
	cal := web.Calendar(c)
	if s.PausedAt.Valid || !timerOf(s).Done(cal.Now) {
		return nil
	}
	ctx := c.Request().Context()
	err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
		_, err := Apply(ctx, q, s.UserID, cal, endIfDone(s.ID))
		return err
	})
	if errors.Is(err, ErrNotNow) {
		return nil // another request ended it first
	}
	if err != nil {
		return fmt.Errorf("focus: unable to end the session of %s: %w", s.UserID, err)
	}
	return nil
}

// endIfDone finishes the session id when it is still the running one and
// its time is up; it reports that it ended it.
func endIfDone(id uuid.UUID) Change {
	return func(ctx context.Context, q *db.Queries, s db.FocusSession, cal calendar.Calendar) (bool, error) {
		if s.ID != id || !timerOf(s).Done(cal.Now) {
			return false, ErrNotNow
		}
		_, err := Finish(ctx, q, s, cal)
		return err == nil, err
	}
}

// endBatch is how many sessions one janitor pass ends.
const endBatch = 100

// EndExpired ends, for every user, the sessions whose time has run out
// (the janitor, for sessions nobody is looking at). Several processes can
// run it at once: each session is ended by one.
func EndExpired(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int, error) {
	n := 0
	err := store.Tx(ctx, pool, func(q *db.Queries) error {
		rows, err := q.ListEndedFocusForUpdate(ctx, db.ListEndedFocusForUpdateParams{Now: now, MaxRows: endBatch})
		if err != nil {
			return err
		}
		for _, r := range rows {
			zone := calendar.Location(r.TimeZone)
			cal := calendar.New(now, calendar.Fixed(zone), time.Weekday(r.WeekStart))
			if _, err := Finish(ctx, q, r.FocusSession, cal); err != nil {
				return fmt.Errorf("focus: unable to end session %s: %w", r.FocusSession.ID, err)
			}
			n++
		}
		return nil
	})
	return n, err
}

// landingWithin is how recently a focus session must have completed for
// the browser that sees it over to land softly on Today.
const landingWithin = time.Hour

// endedWithin is how recently a session must have ended for a page that
// showed it to say so.
const endedWithin = 5 * time.Minute

// endedView says that the session a page showed (its ID, from ?after=)
// has just run its time out, with what follows: the reward, the break
// that started, the chime and the notification the user's settings allow.
// It is nil for any other session, or one abandoned.
func endedView(after string, hist []db.FocusSession, active *views.Active, set db.GetFocusSettingsRow, now time.Time) *views.Ended {
	id, err := uuid.Parse(after)
	if err != nil {
		return nil
	}
	i := slices.IndexFunc(hist, func(s db.FocusSession) bool { return s.ID == id })
	if i < 0 || hist[i].Outcome.String != Completed || now.Sub(hist[i].EndedAt.Time) > endedWithin {
		return nil
	}
	s := hist[i]
	e := &views.Ended{KindName: KindName(s.Kind), Notify: set.Notify}
	if s.Kind == Focus {
		e.Paid = fmt.Sprintf("+%d XP · +%d coins", RewardXP, RewardCoins)
	}
	if active != nil {
		e.Next = active.KindName
	}
	if set.Chime {
		e.Chime = static.URL("audio/chime.wav")
	}
	return e
}
