package notifications

import (
	"context"
	"io"
	"net/http"

	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/notifications"
)

// DevicesURL is where a browser subscribes to push notifications.
const DevicesURL = URL + "/devices"

// devicesPanel is the Settings section listing the devices that get
// pushes, read with the rest of the page.
func (h *Handler) devicesPanel(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (templ.Component, error) {
	devices := queueDevices(b, user, cal)
	return func() (templ.Component, error) { return h.devices(devices()), nil }
}

// queueDevices queues the read of the user's devices in b.
func queueDevices(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() views.DevicesData {
	var rows []db.ListPushSubscriptionsRow
	store.Many(b, db.ListPushSubscriptions, &rows, user)
	return func() views.DevicesData {
		d := views.DevicesData{Full: len(rows) >= maxSubscriptions}
		for _, r := range rows {
			dev := views.Device{ID: r.ID.String(), Name: r.Device, Since: cal.Local(r.CreatedAt)}
			if r.LastSentAt.Valid {
				dev.LastSent = cal.Local(r.LastSentAt.Time)
			}
			d.Devices = append(d.Devices, dev)
		}
		return d
	}
}

// devices renders the section with the VAPID public key browsers
// subscribe with (read once per process, when first rendered).
func (h *Handler) devices(d views.DevicesData) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		key, err := h.pusher.PublicKey(ctx)
		if err != nil {
			return err
		}
		d.Key = key
		return views.Devices(d).Render(ctx, w)
	})
}

// answerDevices answers a change to the devices: the section again, with
// what happened (or, for a page that posted without htmx, the Settings
// page on success).
func (h *Handler) answerDevices(c echo.Context, notice string, refusal error) error {
	if refusal == nil && !web.IsFragmentRequest(c) {
		return web.Redirect(c, "/settings#push")
	}
	var b store.Batch
	devices := queueDevices(&b, web.CurrentViewer(c).ID, web.Calendar(c))
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return err
	}
	d, status := devices(), http.StatusOK
	d.Notice = notice
	if refusal != nil {
		d.Error, status = refusal.Error(), http.StatusUnprocessableEntity
	}
	return web.Render(c, status, "Settings", h.devices(d))
}
