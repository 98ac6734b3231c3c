package focus

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
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
}

// load reads the page: the running session, what can start, the history
// and today's and this week's totals. A session whose time has run out is
// ended first (the server is the clock), and the session the page showed
// before (?after=) is reported when it has just ended.
func (h *Handler) load(c echo.Context) (page, error) {
	p, active, running, err := h.read(c)
	if err != nil || !running {
		return p, err
	}
	if p.active == nil || !p.active.Done {
		return p, nil
	}
	// Its time is up: end it (or wait for the request ending it), then
	// read what follows.
	if _, err := h.settle(c, active); err != nil {
		return p, err
	}
	p, _, _, err = h.read(c)
	return p, err
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
