package notifications

import (
	"errors"
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// The refusals of a device, as the user reads them.
var (
	ErrNoSubscription = errors.New("the browser sent no subscription: turning notifications on needs JavaScript")
	ErrTooManyDevices = fmt.Errorf("at most %d devices can get notifications: remove one first", maxSubscriptions)
)

// deviceAdd keeps the subscription this browser made, so notifications are
// pushed to it.
func (h *Handler) deviceAdd(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	sub := Subscription{Endpoint: strings.TrimSpace(c.FormValue("endpoint")), P256dh: strings.TrimSpace(c.FormValue("p256dh")), Auth: strings.TrimSpace(c.FormValue("auth"))}
	if sub.Endpoint == "" {
		return h.answerDevices(c, "", ErrNoSubscription)
	}
	if err := sub.Check(h.services); err != nil {
		return h.answerDevices(c, "", err)
	}
	others, err := h.q.CountOtherPushSubscriptions(ctx, db.CountOtherPushSubscriptionsParams{UserID: v.ID, Endpoint: sub.Endpoint})
	if err != nil {
		return fmt.Errorf("notifications: unable to count the devices of %s: %w", v.ID, err)
	}
	if others >= maxSubscriptions {
		return h.answerDevices(c, "", ErrTooManyDevices)
	}
	_, err = h.q.SavePushSubscription(ctx, db.SavePushSubscriptionParams{UserID: v.ID, Endpoint: sub.Endpoint, P256dh: sub.P256dh, Auth: sub.Auth,
		Device: web.DeviceSummary(c.Request().UserAgent())})
	if err != nil {
		return fmt.Errorf("notifications: unable to save a device of %s: %w", v.ID, err)
	}
	return h.answerDevices(c, "This device will get notifications.", nil)
}
