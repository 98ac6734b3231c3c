package notifications

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

// markRead marks every notification of the viewer read.
func (h *Handler) markRead(c echo.Context) error {
	v := web.CurrentViewer(c)
	if err := h.q.MarkNotificationsRead(c.Request().Context(), v.ID); err != nil {
		return fmt.Errorf("notifications: unable to mark those of %s read: %w", v.ID, err)
	}
	return web.Redirect(c, URL)
}
