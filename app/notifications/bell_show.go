package notifications

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/notifications"
)

// bell answers the top bar's bell again, when a new notification is
// announced.
func (h *Handler) bell(c echo.Context) error {
	v := web.CurrentViewer(c)
	n, err := h.q.CountUnread(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("notifications: unable to count those of %s: %w", v.ID, err)
	}
	return web.Render(c, http.StatusOK, "Notifications", views.Bell(int(n)))
}
