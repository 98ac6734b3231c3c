package notifications

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/notifications"
)

// list is the panel: the latest notifications, newest first.
func (h *Handler) list(c echo.Context) error {
	v := web.CurrentViewer(c)
	rows, err := h.q.ListNotifications(c.Request().Context(), db.ListNotificationsParams{UserID: v.ID, MaxRows: shown})
	if err != nil {
		return fmt.Errorf("notifications: unable to list those of %s: %w", v.ID, err)
	}
	items := make([]views.Item, len(rows))
	for i, n := range rows {
		items[i] = views.Item{Title: n.Title, Body: n.Body, Href: n.Href, At: web.LocalTime(c, n.CreatedAt), Unread: !n.ReadAt.Valid}
	}
	return web.Render(c, http.StatusOK, "Notifications", views.List(items))
}
