package notifications

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// deviceRemove stops pushes to one of the viewer's devices; another user's
// device is not found.
func (h *Handler) deviceRemove(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	n, err := h.q.DeletePushSubscription(c.Request().Context(), db.DeletePushSubscriptionParams{ID: id, UserID: v.ID})
	if err != nil {
		return fmt.Errorf("notifications: unable to remove device %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return h.answerDevices(c, "That device will get no more notifications.", nil)
}
