package notifications

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

// devicePing sends a test notification to every device of the viewer (and
// to the panel), so they can see that pushes arrive.
func (h *Handler) devicePing(c echo.Context) error {
	v := web.CurrentViewer(c)
	err := Add(c.Request().Context(), h.q, v.ID, Notice{Kind: Test, Key: "test:" + uuid.NewString(),
		Title: "Notifications work", Body: "This device will show your reminders.", Href: URL})
	if err != nil {
		return err
	}
	return h.answerDevices(c, "Test notification sent: it arrives within a few seconds.", nil)
}
