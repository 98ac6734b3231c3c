package quests

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/quests"
)

var (
	// ErrNotFound is a quest that does not exist or is not active.
	ErrNotFound = errors.New("quests: not found")
	// ErrWrongState refuses an action the quest's standing does not allow.
	ErrWrongState = errors.New("quests: not in a state for that")
)

// Advance counts one step of a quest advanced by hand, this period. It
// returns the quest's standing after it.
func Advance(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (Standing, error) {
	return act(ctx, q, user, cal, id, func(s Standing, start time.Time) error {
		if s.Quest.Metric != Manual || s.Status.Complete {
			return ErrWrongState
		}
		_, err := q.AdvanceQuest(ctx, db.AdvanceQuestParams{UserID: user, QuestID: id, PeriodStart: start, Target: s.Quest.Target})
		return err
	})
}

// Claim pays a complete quest's reward, once per period.
func Claim(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (Standing, error) {
	return act(ctx, q, user, cal, id, func(s Standing, start time.Time) error {
		if !s.Status.Complete || s.Status.Claimed {
			return ErrWrongState
		}
		n, err := q.ClaimQuest(ctx, db.ClaimQuestParams{UserID: user, QuestID: id, PeriodStart: start})
		if err != nil || n == 0 {
			return errors.Join(err, ErrWrongState)
		}
		_, err = progress.Reward(ctx, q, user, Key(id), progress.Entry{
			Key: "quest:" + id + ":" + start.Format("2006-01-02"), Reason: "Quest “" + s.Quest.Title + "”",
			Skill: s.Quest.Skill, XP: s.Quest.Xp, Coins: s.Quest.Coins,
		})
		return err
	})
}

// act runs change on the quest's standing through q while holding a lock
// on the user's period, then reads the standing again.
func act(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string, change func(Standing, time.Time) error) (Standing, error) {
	quest, err := q.GetActiveQuest(ctx, id)
	if err != nil {
		return Standing{}, notFound(err)
	}
	start := PeriodStart(quest.Period, cal.Today, cal.WeekStart)
	if err := q.LockQuestPeriod(ctx, user.String()+quest.ID+start.String()); err != nil {
		return Standing{}, err
	}
	read := func() (Standing, error) {
		rows, err := q.ListQuestStandings(ctx, standingsParams(user, cal, id))
		if err != nil || len(rows) != 1 {
			return Standing{}, errors.Join(err, ErrNotFound)
		}
		return standingsOf(rows)[0], nil
	}
	s, err := read()
	if err != nil {
		return s, err
	}
	if err := change(s, start); err != nil {
		return s, err
	}
	return read()
}

func (h *Handler) advance(c echo.Context) error { return h.act(c, Advance) }

func (h *Handler) claim(c echo.Context) error { return h.act(c, Claim) }

// act applies an operation in one transaction, then answers with the
// quest's card (htmx) or the list.
func (h *Handler) act(c echo.Context, op func(context.Context, *db.Queries, uuid.UUID, calendar.Calendar, string) (Standing, error)) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	id := c.Param("id")
	var s Standing
	err := store.Tx(ctx, h.pool, func(q *db.Queries) (err error) {
		s, err = op(ctx, q, v.ID, web.Calendar(c), id)
		return err
	})
	switch {
	case errors.Is(err, ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, ErrWrongState):
		return echo.NewHTTPError(http.StatusConflict)
	case err != nil:
		return fmt.Errorf("quests: unable to update %s for %s: %w", id, v.ID, err)
	case web.IsFragmentRequest(c):
		return web.Render(c, http.StatusOK, "Quests", views.Card(view(s.Quest, s.Status)))
	}
	return web.Redirect(c, ListURL)
}

// notFound reads "no row" as a quest that is not there.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
