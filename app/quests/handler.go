package quests

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
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

// status works out the viewer's standing on quest this period, through q.
func (h *Handler) status(c echo.Context, q *db.Queries, quest db.Quest, row *db.QuestProgress) (Status, error) {
	v := web.CurrentViewer(c)
	start := PeriodStart(quest.Period, web.Today(c, h.now()), v.WeekStart)
	done := 0
	claimed := false
	if row != nil {
		done, claimed = int(row.Manual), row.ClaimedAt.Valid
	}
	switch quest.Metric {
	case HabitCompletions:
		n, err := q.CountCompletionsBetween(c.Request().Context(), db.CountCompletionsBetweenParams{
			UserID: v.ID, FromDay: start, ToDay: PeriodEnd(quest.Period, start),
		})
		if err != nil {
			return Status{}, err
		}
		done = int(n)
	case FocusSessions:
		// The period's local days, as instants in the user's time zone.
		from := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, v.Location)
		end := PeriodEnd(quest.Period, start).AddDate(0, 0, 1)
		to := time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, v.Location)
		n, err := q.CountFocusBetween(c.Request().Context(), db.CountFocusBetweenParams{UserID: v.ID, RangeStart: from, RangeEnd: to})
		if err != nil {
			return Status{}, err
		}
		done = int(n)
	}
	return StatusOf(int(quest.Target), done, claimed), nil
}

func (h *Handler) list(c echo.Context) error {
	quests, statuses, err := h.statuses(c)
	if err != nil {
		return err
	}
	var daily, weekly []views.Quest
	for i, quest := range quests {
		item := view(quest, statuses[i])
		if quest.Period == Weekly {
			weekly = append(weekly, item)
		} else {
			daily = append(daily, item)
		}
	}
	return web.Render(c, http.StatusOK, "Quests", views.List(daily, weekly, web.CSRFToken(c)))
}

// statuses reads the active quests and the viewer's standing on each this
// period.
func (h *Handler) statuses(c echo.Context) ([]db.Quest, []Status, error) {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	quests, err := h.q.ListActiveQuests(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("quests: unable to list quests: %w", err)
	}
	today := web.Today(c, h.now())
	rows, err := h.q.ListQuestProgress(ctx, db.ListQuestProgressParams{
		UserID: v.ID, DayStart: PeriodStart(Daily, today, v.WeekStart), WeekStart: PeriodStart(Weekly, today, v.WeekStart),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("quests: unable to load progress of %s: %w", v.ID, err)
	}
	statuses := make([]Status, len(quests))
	for i, quest := range quests {
		var row *db.QuestProgress
		start := PeriodStart(quest.Period, today, v.WeekStart)
		for j := range rows {
			if rows[j].QuestID == quest.ID && rows[j].PeriodStart.Equal(start) {
				row = &rows[j]
			}
		}
		if statuses[i], err = h.status(c, h.q, quest, row); err != nil {
			return nil, nil, fmt.Errorf("quests: unable to work out %s: %w", quest.ID, err)
		}
	}
	return quests, statuses, nil
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
		if st, err := h.current(c, q, quest, start); err != nil || st.Complete {
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
		st, err := h.current(c, q, quest, start)
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

// current reads the viewer's standing on quest for the period starting on
// start, through q.
func (h *Handler) current(c echo.Context, q *db.Queries, quest db.Quest, start time.Time) (Status, error) {
	row, err := q.GetQuestProgress(c.Request().Context(), db.GetQuestProgressParams{UserID: web.CurrentViewer(c).ID, QuestID: quest.ID, PeriodStart: start})
	switch {
	case err == nil:
		return h.status(c, q, quest, &row)
	case errors.Is(err, pgx.ErrNoRows):
		return h.status(c, q, quest, nil)
	}
	return Status{}, err
}

// act runs change on the quest in one transaction holding a lock on the
// user's period row, then answers with the quest's card (htmx) or the list.
func (h *Handler) act(c echo.Context, change func(echo.Context, *db.Queries, db.Quest, time.Time) error) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	var quest db.Quest
	var st Status
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := db.New(tx)
		var err error
		quest, err = q.GetActiveQuest(ctx, c.Param("id"))
		if err != nil {
			return err
		}
		start := PeriodStart(quest.Period, web.Today(c, h.now()), v.WeekStart)
		// Serialise actions on this user's quest period.
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", v.ID.String()+quest.ID+start.String()); err != nil {
			return err
		}
		if err := change(c, q, quest, start); err != nil {
			return err
		}
		st, err = h.current(c, q, quest, start)
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

// Open is a quest not yet claimed this period, as Today suggests it.
type Open struct {
	ID     string
	Title  string
	Status Status
}

// OpenQuests lists the viewer's quests still to claim this period.
func (h *Handler) OpenQuests(c echo.Context) ([]Open, error) {
	quests, statuses, err := h.statuses(c)
	if err != nil {
		return nil, err
	}
	var out []Open
	for i, quest := range quests {
		if !statuses[i].Claimed {
			out = append(out, Open{ID: quest.ID, Title: quest.Title, Status: statuses[i]})
		}
	}
	return out, nil
}
