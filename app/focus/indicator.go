package focus

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/focus"
	"ignition/views/layout"
)

// indicatorSource puts the running session (on any device) in the bottom
// bar of every page; the indicator then keeps itself current.
func indicatorSource(b *store.Batch, sessionHash []byte) web.ShellFill {
	var s db.FocusSession
	var running bool
	store.Maybe(b, db.GetActiveFocusBySession, &s, &running, sessionHash)
	return func(shell *layout.Shell, cal calendar.Calendar) {
		var a *views.Active
		if running {
			a = activeView(s, cal)
		}
		shell.Indicators = append(shell.Indicators, views.Indicator(a, nil))
	}
}

// indicator answers the indicator's own poll, every 30 s on every open
// page, so it reads only the running session and, when the page names the
// session it showed (?after=), that one and the settings. At the end of a
// session it is what plays the chime and shows the notification, on
// whatever page the user is.
func (h *Handler) indicator(c echo.Context) error {
	v, cal := web.CurrentViewer(c), web.Calendar(c)
	var b store.Batch
	var s, shown db.FocusSession
	var running, found bool
	var set db.GetFocusSettingsRow
	store.Maybe(&b, db.GetActiveFocus, &s, &running, v.ID)
	after, err := uuid.Parse(c.QueryParam("after"))
	if err == nil {
		store.Maybe(&b, db.GetFocusSession, &shown, &found, db.GetFocusSessionParams{ID: after, UserID: v.ID})
		store.One(&b, db.GetFocusSettings, &set, v.ID)
	}
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("focus: unable to read the indicator of %s: %w", v.ID, err)
	}
	if running && timerOf(s).Done(cal.Now) {
		// Its time is up: end it (or wait for the request ending it) and
		// answer with what follows, as the focus page does.
		p, err := h.load(c)
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusOK, "Focus", views.Indicator(p.active, p.ended))
	}
	var a *views.Active
	if running {
		a = activeView(s, cal)
	}
	var hist []db.FocusSession
	if found {
		hist = []db.FocusSession{shown}
	}
	return web.Render(c, http.StatusOK, "Focus", views.Indicator(a, endedView(c.QueryParam("after"), hist, a, set, cal.Now)))
}
