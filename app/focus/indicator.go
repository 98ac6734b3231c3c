package focus

import (
	"net/http"

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

// indicator answers the indicator's own poll. At the end of a session it
// is what plays the chime and shows the notification, on whatever page
// the user is.
func (h *Handler) indicator(c echo.Context) error {
	p, err := h.load(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, "Focus", views.Indicator(p.active, p.ended))
}
