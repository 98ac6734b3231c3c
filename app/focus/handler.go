package focus

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/calendar"
	"ignition/app/form"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/focus"
)

// Reward is what a completed focus session earns; breaks earn nothing.
const (
	RewardXP    = 25
	RewardCoins = 5
	rewardSkill = "proficiency"
	historyRows = 10
)

// Handler serves the focus routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
	auth *auth.Handler
	now  func() time.Time
}

// NewHandler returns the focus handler.
func NewHandler(pool *pgxpool.Pool, a *auth.Handler) *Handler {
	return &Handler{pool: pool, q: db.New(pool), auth: a, now: time.Now}
}

// Register adds the focus routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/focus", h.show).Name = "focus"
	e.GET("/focus/panel", h.panel).Name = "focus.panel"
	e.GET("/focus/indicator", h.indicator).Name = "focus.indicator"
	e.POST("/focus/start", h.start).Name = "focus.start"
	e.POST("/focus/pause", h.change(pause)).Name = "focus.pause"
	e.POST("/focus/resume", h.change(resume)).Name = "focus.resume"
	e.POST("/focus/complete", h.change(complete)).Name = "focus.complete"
	e.POST("/focus/abandon", h.change(abandon)).Name = "focus.abandon"
	e.POST("/focus/settings", h.settingsUpdate).Name = "focus.settings"
}

func timerOf(s db.FocusSession) Timer {
	t := Timer{Planned: time.Duration(s.PlannedSeconds) * time.Second, Started: s.StartedAt, Paused: time.Duration(s.PausedSeconds) * time.Second}
	if s.PausedAt.Valid {
		t.PausedAt = s.PausedAt.Time
	}
	return t
}

// active reads the viewer's running session, or nil.
func (h *Handler) active(c echo.Context) (*views.Active, error) {
	s, err := h.q.GetActiveFocus(c.Request().Context(), web.CurrentViewer(c).ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("focus: unable to load the active session: %w", err)
	}
	now := h.now()
	t := timerOf(s)
	left := t.Remaining(now)
	return &views.Active{
		Kind: s.Kind, KindName: KindName(s.Kind), Remaining: left, Planned: t.Planned,
		Paused: s.PausedAt.Valid, Done: left == 0, EndsAt: web.LocalTime(c, now.Add(left)),
	}, nil
}

// starts lists the sessions to offer, the one that naturally comes next
// marked, given how many focus sessions were completed today.
func (h *Handler) starts(c echo.Context, focusToday int) ([]views.Start, error) {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	set, err := h.q.GetFocusSettings(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	last := ""
	if hist, err := h.q.ListFocusHistory(ctx, db.ListFocusHistoryParams{UserID: v.ID, MaxRows: 1}); err != nil {
		return nil, err
	} else if len(hist) > 0 && hist[0].Outcome.String == "completed" {
		last = hist[0].Kind
	}
	next := NextKind(last, focusToday, int(set.LongBreakEvery))
	out := []views.Start{
		{Kind: Focus, Name: KindName(Focus), Minutes: int(set.FocusMinutes)},
		{Kind: ShortBreak, Name: KindName(ShortBreak), Minutes: int(set.ShortBreakMinutes)},
		{Kind: LongBreak, Name: KindName(LongBreak), Minutes: int(set.LongBreakMinutes)},
	}
	for i := range out {
		out[i].Next = out[i].Kind == next
	}
	return out, nil
}

// localMidnight is the instant today began in the viewer's time zone.
func (h *Handler) localMidnight(c echo.Context) time.Time {
	return web.Midnight(c, web.Today(c, h.now()))
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	set, err := h.q.GetFocusSettings(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("focus: unable to load settings of %s: %w", v.ID, err)
	}
	f := views.SettingsForm{
		Focus: strconv.Itoa(int(set.FocusMinutes)), Short: strconv.Itoa(int(set.ShortBreakMinutes)),
		Long: strconv.Itoa(int(set.LongBreakMinutes)), LongEvery: strconv.Itoa(int(set.LongBreakEvery)),
	}
	return h.renderPage(c, http.StatusOK, f, c.QueryParam("saved") == "1")
}

func (h *Handler) renderPage(c echo.Context, status int, f views.SettingsForm, saved bool) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	a, err := h.active(c)
	if err != nil {
		return err
	}
	hist, err := h.q.ListFocusHistory(ctx, db.ListFocusHistoryParams{UserID: v.ID, MaxRows: historyRows})
	if err != nil {
		return fmt.Errorf("focus: unable to load history: %w", err)
	}
	past := make([]views.Past, len(hist))
	for i, s := range hist {
		past[i] = views.Past{KindName: KindName(s.Kind), Minutes: int(s.PlannedSeconds / 60), Outcome: s.Outcome.String, EndedAt: web.LocalTime(c, s.EndedAt.Time)}
	}
	midnight := h.localMidnight(c)
	today, err := h.q.FocusTotals(ctx, db.FocusTotalsParams{UserID: v.ID, Since: midnight})
	if err != nil {
		return err
	}
	starts, err := h.starts(c, int(today.Sessions))
	if err != nil {
		return fmt.Errorf("focus: unable to offer sessions: %w", err)
	}
	weekStart := web.Midnight(c, calendar.WeekOf(web.Today(c, h.now()), v.WeekStart))
	week, err := h.q.FocusTotals(ctx, db.FocusTotalsParams{UserID: v.ID, Since: weekStart})
	if err != nil {
		return err
	}
	return web.Render(c, status, "Focus", views.Page(a, starts, past, int(today.Sessions), int(today.Seconds/60), int(week.Seconds/60), f, saved, web.CSRFToken(c)))
}

func (h *Handler) panel(c echo.Context) error {
	a, err := h.active(c)
	if err != nil {
		return err
	}
	today, err := h.q.FocusTotals(c.Request().Context(), db.FocusTotalsParams{UserID: web.CurrentViewer(c).ID, Since: h.localMidnight(c)})
	if err != nil {
		return err
	}
	starts, err := h.starts(c, int(today.Sessions))
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, "Focus", views.Panel(a, starts, web.CSRFToken(c)))
}

// Indicator renders the bottom bar's note of a running session for full
// pages, or nil when none runs (known from the session, without a query).
func (h *Handler) Indicator(c echo.Context) (templ.Component, error) {
	if v := web.CurrentViewer(c); v == nil || !v.Focusing {
		return nil, nil
	}
	a, err := h.active(c)
	if err != nil || a == nil {
		return nil, err
	}
	return views.Indicator(a), nil
}

func (h *Handler) indicator(c echo.Context) error {
	bar, err := h.Indicator(c)
	if err != nil {
		return err
	}
	if bar == nil {
		bar = views.Indicator(nil)
	}
	return web.Render(c, http.StatusOK, "Focus", bar)
}

// start begins a session of the chosen kind; with one already running
// (from any device) it changes nothing.
func (h *Handler) start(c echo.Context) error {
	v := web.CurrentViewer(c)
	kind := c.FormValue("kind")
	set, err := h.q.GetFocusSettings(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("focus: unable to load settings of %s: %w", v.ID, err)
	}
	minutes := map[string]int16{Focus: set.FocusMinutes, ShortBreak: set.ShortBreakMinutes, LongBreak: set.LongBreakMinutes}[kind]
	if minutes == 0 {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	_, err = h.q.StartFocus(c.Request().Context(), db.StartFocusParams{UserID: v.ID, Kind: kind, PlannedSeconds: int32(minutes) * 60, Now: h.now()})
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("focus: unable to start a session for %s: %w", v.ID, err)
	}
	return web.Redirect(c, "/focus")
}

// A step changes the locked active session through q, the transaction
// that holds its lock, and says where to go next.
type step func(ctx context.Context, q *db.Queries, s db.FocusSession, now time.Time) (next, error)

// next is where a step sends the user; softLanding asks Today for its soft
// landing after a completed focus session.
type next struct {
	path        string
	softLanding bool
}

var (
	errNotNow = errors.New("the session is not in a state for that")
	stay      = next{path: "/focus"}
)

func pause(ctx context.Context, q *db.Queries, s db.FocusSession, now time.Time) (next, error) {
	if s.PausedAt.Valid || timerOf(s).Done(now) {
		return stay, errNotNow
	}
	return stay, q.PauseFocus(ctx, db.PauseFocusParams{ID: s.ID, Now: now})
}

func resume(ctx context.Context, q *db.Queries, s db.FocusSession, now time.Time) (next, error) {
	if !s.PausedAt.Valid {
		return stay, errNotNow
	}
	return stay, q.ResumeFocus(ctx, db.ResumeFocusParams{ID: s.ID, PauseSeconds: PauseSeconds(s.PausedAt.Time, now), Now: now})
}

// complete ends a session whose time has run out; a focus session pays its
// reward and hands the user to Today in soft-landing mode.
func complete(ctx context.Context, q *db.Queries, s db.FocusSession, now time.Time) (next, error) {
	if !timerOf(s).Done(now) {
		return stay, errNotNow
	}
	err := q.EndFocus(ctx, db.EndFocusParams{ID: s.ID, Outcome: "completed", PauseSeconds: PauseSeconds(s.PausedAt.Time, now), Now: now})
	if err != nil || s.Kind != Focus {
		return stay, err
	}
	if err := q.RecordActivity(ctx, db.RecordActivityParams{UserID: s.UserID, Action: "focus:start"}); err != nil {
		return stay, err
	}
	if err := q.RecordCompletedOutcome(ctx, db.RecordCompletedOutcomeParams{UserID: s.UserID, DecisionID: "focus:start"}); err != nil {
		return stay, err
	}
	_, err = progress.Award(ctx, q, s.UserID, progress.Entry{
		Key: "focus:" + s.ID.String(), Reason: "Finished a focus session", Skill: rewardSkill, XP: RewardXP, Coins: RewardCoins,
	})
	return next{path: "/today", softLanding: true}, err
}

func abandon(ctx context.Context, q *db.Queries, s db.FocusSession, now time.Time) (next, error) {
	return stay, q.EndFocus(ctx, db.EndFocusParams{ID: s.ID, Outcome: "abandoned", PauseSeconds: PauseSeconds(s.PausedAt.Time, now), Now: now})
}

// SoftLandingKey marks the session for Today's soft landing after a
// completed focus session.
const SoftLandingKey = "soft_landing"

// change applies a step to the viewer's active session under a row lock,
// so two devices acting at once apply one after the other. The soft
// landing is written to the browser's session after the commit: the
// transaction takes no second connection while it holds the lock.
func (h *Handler) change(fn step) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := web.CurrentViewer(c)
		ctx := c.Request().Context()
		var to next
		err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
			s, err := q.GetActiveFocusForUpdate(ctx, v.ID)
			if err != nil {
				return err
			}
			to, err = fn(ctx, q, s, h.now())
			return err
		})
		switch {
		case errors.Is(err, pgx.ErrNoRows), errors.Is(err, errNotNow):
			return web.Redirect(c, "/focus") // another device got there first: show where things stand
		case err != nil:
			return fmt.Errorf("focus: unable to update the session of %s: %w", v.ID, err)
		}
		if to.softLanding {
			sess, err := h.auth.Session(c)
			if err != nil {
				return err
			}
			sess.Values[SoftLandingKey] = "focus"
			if err := sess.Save(c.Request(), c.Response()); err != nil {
				return err
			}
		}
		return web.Redirect(c, to.path)
	}
}

func (h *Handler) settingsUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.SettingsForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	f.Errors = form.Validate(f)
	num := func(field, value string, lo, hi int) int16 {
		n, err := strconv.Atoi(value)
		if err != nil || n < lo || n > hi {
			if f.Errors[field] == "" {
				f.Errors[field] = fmt.Sprintf("Enter a whole number from %d to %d.", lo, hi)
			}
		}
		return int16(n)
	}
	params := db.SetFocusSettingsParams{
		UserID: v.ID, FocusMinutes: num("focus_minutes", f.Focus, 1, 180), ShortBreakMinutes: num("short_break_minutes", f.Short, 1, 60),
		LongBreakMinutes: num("long_break_minutes", f.Long, 1, 120), LongBreakEvery: num("long_break_every", f.LongEvery, 2, 12),
	}
	if f.Errors.Any() {
		return h.renderPage(c, http.StatusUnprocessableEntity, f, false)
	}
	if err := h.q.SetFocusSettings(c.Request().Context(), params); err != nil {
		return fmt.Errorf("focus: unable to save durations of %s: %w", v.ID, err)
	}
	return web.Redirect(c, "/focus?saved=1")
}
