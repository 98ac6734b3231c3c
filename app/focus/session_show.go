package focus

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/today"
	"ignition/app/web"
	views "ignition/views/focus"
)

// page is what the focus page shows, read in one round trip.
type page struct {
	active   *views.Active
	starts   []views.Start
	history  []views.Past
	settings db.GetFocusSettingsRow
	totals   db.FocusTotalsRow
	ended    *views.Ended
	landing  string // the focus session that has just completed, if any
}

// load reads the page: the running session, what can start, the history
// and today's and this week's totals. A session whose time has run out is
// ended first (the server is the clock), and the session the page showed
// before (?after=) is reported when it has just ended.
func (h *Handler) load(c echo.Context) (page, error) {
	p, active, running, err := h.read(c)
	if err != nil {
		return p, err
	}
	if running && p.active != nil && p.active.Done {
		// Its time is up: end it (or wait for the request ending it),
		// then read what follows.
		if err := h.settle(c, active); err != nil {
			return p, err
		}
		if p, _, _, err = h.read(c); err != nil {
			return p, err
		}
	}
	return p, h.land(c, p.landing)
}

// land asks this browser's next Today page to land softly after the focus
// session id, whoever ended it: this page, a button or the janitor.
func (h *Handler) land(c echo.Context, id string) error {
	if id == "" {
		return nil
	}
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	if !today.SoftLand(sess, id) {
		return nil
	}
	return sess.Save(c.Request(), c.Response())
}

func (h *Handler) read(c echo.Context) (page, db.FocusSession, bool, error) {
	v := web.CurrentViewer(c)
	cal := web.Calendar(c)
	var p page
	var b store.Batch
	var active db.FocusSession
	var running bool
	var hist []db.FocusSession
	store.Maybe(&b, db.GetActiveFocus, &active, &running, v.ID)
	store.One(&b, db.GetFocusSettings, &p.settings, v.ID)
	store.Many(&b, db.ListFocusHistory, &hist, db.ListFocusHistoryParams{UserID: v.ID, MaxRows: historyRows})
	store.One(&b, db.FocusTotals, &p.totals, db.FocusTotalsParams{UserID: v.ID, DayFrom: cal.TodayBegan(), WeekFrom: cal.WeekBegan()})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return p, active, running, fmt.Errorf("focus: unable to load the focus page of %s: %w", v.ID, err)
	}
	if running {
		p.active = activeView(active, cal)
	}
	last := ""
	if len(hist) > 0 && hist[0].Outcome.String == Completed {
		last = hist[0].Kind
	}
	p.starts = starts(p.settings, NextKind(last, int(p.totals.DaySessions), int(p.settings.LongBreakEvery)))
	for _, s := range hist {
		p.history = append(p.history, views.Past{KindName: KindName(s.Kind), Minutes: int(s.PlannedSeconds / 60), Outcome: s.Outcome.String, EndedAt: cal.Local(s.EndedAt.Time)})
	}
	if len(hist) > 0 && hist[0].Kind == Focus && hist[0].Outcome.String == Completed && cal.Now.Sub(hist[0].EndedAt.Time) <= landingWithin {
		p.landing = hist[0].ID.String()
	}
	p.ended = endedView(c.QueryParam("after"), hist, p.active, p.settings, cal.Now)
	return p, active, running, nil
}

// starts lists the sessions to offer, next marked as the one that
// naturally comes next.
func starts(set db.GetFocusSettingsRow, next string) []views.Start {
	out := []views.Start{
		{Kind: Focus, Name: KindName(Focus), Minutes: int(set.FocusMinutes)},
		{Kind: ShortBreak, Name: KindName(ShortBreak), Minutes: int(set.ShortBreakMinutes)},
		{Kind: LongBreak, Name: KindName(LongBreak), Minutes: int(set.LongBreakMinutes)},
	}
	for i := range out {
		out[i].Next = out[i].Kind == next
	}
	return out
}

func (h *Handler) show(c echo.Context) error {
	return h.renderPage(c, http.StatusOK, nil, c.QueryParam("saved") == "1")
}

// renderPage shows the focus page with the durations form f (the stored
// durations when nil).
func (h *Handler) renderPage(c echo.Context, status int, f *views.SettingsForm, saved bool) error {
	p, err := h.load(c)
	if err != nil {
		return err
	}
	if f == nil {
		f = &views.SettingsForm{
			Focus: strconv.Itoa(int(p.settings.FocusMinutes)), Short: strconv.Itoa(int(p.settings.ShortBreakMinutes)),
			Long: strconv.Itoa(int(p.settings.LongBreakMinutes)), LongEvery: strconv.Itoa(int(p.settings.LongBreakEvery)),
			EndAction: p.settings.EndAction, Chime: map[bool]string{true: "on"}[p.settings.Chime],
		}
	}
	return web.Render(c, status, "Focus", views.Page(views.PageData{
		Active: p.active, Starts: p.starts, History: p.history, TodayCount: int(p.totals.DaySessions),
		TodayMinutes: int(p.totals.DaySeconds / 60), WeekMinutes: int(p.totals.WeekSeconds / 60), Form: *f, Saved: saved, Ended: p.ended,
	}))
}

// panel is the timer alone, which the page polls.
func (h *Handler) panel(c echo.Context) error {
	p, err := h.load(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, "Focus", views.Panel(p.active, p.starts, p.ended))
}
