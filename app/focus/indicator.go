package focus

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
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
		shell.Indicators = append(shell.Indicators, views.Indicator(a))
	}
}

// indicator answers the indicator's own poll.
func (h *Handler) indicator(c echo.Context) error {
	v := web.CurrentViewer(c)
	s, err := h.q.GetActiveFocus(c.Request().Context(), v.ID)
	var a *views.Active
	switch {
	case err == nil:
		a = activeView(s, web.Calendar(c))
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("focus: unable to load the active session of %s: %w", v.ID, err)
	}
	return web.Render(c, http.StatusOK, "Focus", views.Indicator(a))
}
