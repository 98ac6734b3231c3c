package settings

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// suggestionsUpdate turns the recording of what Today suggests, and what
// the user picks, on or off.
func (h *Handler) suggestionsUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	on := c.FormValue("record") == "on"
	if err := h.q.SetDecisionTelemetry(c.Request().Context(), db.SetDecisionTelemetryParams{UserID: v.ID, DecisionTelemetry: on}); err != nil {
		return fmt.Errorf("settings: unable to save suggestion recording of %s: %w", v.ID, err)
	}
	return web.Redirect(c, URL+"?saved=suggestions")
}
