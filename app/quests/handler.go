package quests

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/quests"
)

// Handler serves the quest routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
	now  func() time.Time
}

// NewHandler returns the quests handler.
func NewHandler(pool *pgxpool.Pool) *Handler {
	return &Handler{pool: pool, q: db.New(pool), now: time.Now}
}

// Register adds the quest routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/quests", h.list).Name = "quests"
	e.POST("/quests/:id/advance", h.advance).Name = "quests.advance"
	e.POST("/quests/:id/claim", h.claim).Name = "quests.claim"
}

// standings reads the active quests, or only the one with the given ID,
// and the viewer's standing on each this period, through q, in one query.
func (h *Handler) standings(c echo.Context, q *db.Queries, id string) ([]Standing, error) {
	v := web.CurrentViewer(c)
	today := web.Today(c, h.now())
	week := PeriodStart(Weekly, today, v.WeekStart)
	weekEnd := PeriodEnd(Weekly, week)
	rows, err := q.ListQuestStandings(c.Request().Context(), db.ListQuestStandingsParams{
		UserID: v.ID, Day: today, WeekStart: week, WeekEnd: weekEnd,
		DayFrom: web.Midnight(c, today), DayTo: web.Midnight(c, today.AddDate(0, 0, 1)),
		WeekFrom: web.Midnight(c, week), WeekTo: web.Midnight(c, weekEnd.AddDate(0, 0, 1)),
		QuestID: pgtype.Text{String: id, Valid: id != ""},
	})
	if err != nil {
		return nil, fmt.Errorf("quests: unable to load the standings of %s: %w", v.ID, err)
	}
	out := make([]Standing, len(rows))
	for i, r := range rows {
		done := int(r.Manual)
		switch r.Quest.Metric {
		case HabitCompletions:
			done = int(r.HabitsDone)
		case FocusSessions:
			done = int(r.FocusDone)
		}
		out[i] = Standing{Quest: r.Quest, Status: StatusOf(int(r.Quest.Target), done, r.Claimed),
			Claims: int(r.Claims), LastClaimedAt: r.LastClaimedAt}
	}
	return out, nil
}

func (h *Handler) list(c echo.Context) error {
	all, err := h.standings(c, h.q, "")
	if err != nil {
		return err
	}
	var daily, weekly []views.Quest
	for _, s := range all {
		item := view(s.Quest, s.Status)
		if s.Quest.Period == Weekly {
			weekly = append(weekly, item)
		} else {
			daily = append(daily, item)
		}
	}
	return web.Render(c, http.StatusOK, "Quests", views.List(daily, weekly, web.CSRFToken(c)))
}

func view(quest db.Quest, st Status) views.Quest {
	return views.Quest{
		ID: quest.ID, Title: quest.Title, Description: quest.Description, Manual: quest.Metric == Manual,
		Progress: st.Progress, Target: st.Target, Complete: st.Complete, Claimed: st.Claimed,
		XP: int(quest.Xp), Coins: int(quest.Coins), Skill: progress.SkillName(quest.Skill),
	}
}

// advance counts one step of a quest advanced by hand.
func (h *Handler) advance(c echo.Context) error {
	return h.act(c, func(c echo.Context, q *db.Queries, quest db.Quest, start time.Time) error {
		if quest.Metric != Manual {
			return errWrongState
		}
		if st, err := h.current(c, q, quest); err != nil || st.Complete {
			return errors.Join(err, errWrongState)
		}
		_, err := q.AdvanceQuest(c.Request().Context(), db.AdvanceQuestParams{
			UserID: web.CurrentViewer(c).ID, QuestID: quest.ID, PeriodStart: start, Target: quest.Target,
		})
		return err
	})
}

// claim pays a complete quest's reward once per period.
func (h *Handler) claim(c echo.Context) error {
	return h.act(c, func(c echo.Context, q *db.Queries, quest db.Quest, start time.Time) error {
		v := web.CurrentViewer(c)
		ctx := c.Request().Context()
		st, err := h.current(c, q, quest)
		if err != nil {
			return err
		}
		if !st.Complete || st.Claimed {
			return errWrongState
		}
		n, err := q.ClaimQuest(ctx, db.ClaimQuestParams{UserID: v.ID, QuestID: quest.ID, PeriodStart: start})
		if err != nil || n == 0 {
			return errors.Join(err, errWrongState)
		}
		_, err = progress.Award(ctx, q, v.ID, progress.Entry{
			Key: "quest:" + quest.ID + ":" + start.Format("2006-01-02"), Reason: "Quest “" + quest.Title + "”",
			Skill: quest.Skill, XP: quest.Xp, Coins: quest.Coins,
		})
		if err != nil {
			return err
		}
		if err := q.RecordActivity(ctx, db.RecordActivityParams{UserID: v.ID, Action: "quest:" + quest.ID}); err != nil {
			return err
		}
		return q.RecordCompletedOutcome(ctx, db.RecordCompletedOutcomeParams{UserID: v.ID, DecisionID: "quest:" + quest.ID})
	})
}

var errWrongState = errors.New("quest is not in a state for that")

// current reads the viewer's standing on quest this period, through q.
func (h *Handler) current(c echo.Context, q *db.Queries, quest db.Quest) (Status, error) {
	all, err := h.standings(c, q, quest.ID)
	if err != nil {
		return Status{}, err
	}
	if len(all) != 1 {
		return Status{}, pgx.ErrNoRows
	}
	return all[0].Status, nil
}

// act runs change on the quest in one transaction holding a lock on the
// user's period row, then answers with the quest's card (htmx) or the list.
func (h *Handler) act(c echo.Context, change func(echo.Context, *db.Queries, db.Quest, time.Time) error) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var quest db.Quest
	var st Status
	err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
		var err error
		quest, err = q.GetActiveQuest(ctx, c.Param("id"))
		if err != nil {
			return err
		}
		start := PeriodStart(quest.Period, web.Today(c, h.now()), v.WeekStart)
		// Serialise actions on this user's quest period.
		if err := q.LockQuestPeriod(ctx, v.ID.String()+quest.ID+start.String()); err != nil {
			return err
		}
		if err := change(c, q, quest, start); err != nil {
			return err
		}
		st, err = h.current(c, q, quest)
		return err
	})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return echo.ErrNotFound
	case errors.Is(err, errWrongState):
		return echo.NewHTTPError(http.StatusConflict)
	case err != nil:
		return fmt.Errorf("quests: unable to update %s for %s: %w", c.Param("id"), v.ID, err)
	}
	if web.IsFragmentRequest(c) {
		return web.Render(c, http.StatusOK, "Quests", views.Card(view(quest, st), web.CSRFToken(c)))
	}
	return web.Redirect(c, "/quests")
}

// Standing is a quest, where the viewer stands on it this period, and how
// often they claimed it before (LastClaimedAt is zero when never).
type Standing struct {
	Quest         db.Quest
	Status        Status
	Claims        int
	LastClaimedAt time.Time
}

// OpenQuests lists the viewer's quests still to claim this period.
func (h *Handler) OpenQuests(c echo.Context) ([]Standing, error) {
	all, err := h.standings(c, h.q, "")
	if err != nil {
		return nil, err
	}
	var open []Standing
	for _, s := range all {
		if !s.Status.Claimed {
			open = append(open, s)
		}
	}
	return open, nil
}
