package settings

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/settings"
)

// securityNotices are the messages the security page shows after a change.
var securityNotices = map[string]string{
	"revoked": "Session signed out.",
	"added":   "Passkey added.",
	"renamed": "Passkey renamed.",
	"removed": "Passkey removed. It can no longer sign in.",
}

func (h *Handler) securityShow(c echo.Context) error {
	return h.renderSecurity(c, http.StatusOK, securityNotices[c.QueryParam("done")], views.RenamePasskeyForm{})
}

// renderSecurity shows the sessions and passkeys; rename carries a rejected
// rename to show beside its passkey.
func (h *Handler) renderSecurity(c echo.Context, status int, notice string, rename views.RenamePasskeyForm) error {
	v := web.CurrentViewer(c)
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	rows, err := h.sessions.ListForUser(c.Request().Context(), v.ID, sess)
	if err != nil {
		return err
	}
	list := make([]views.Session, len(rows))
	for i, r := range rows {
		list[i] = views.Session{ID: r.PublicID.String(), Device: web.DeviceSummary(r.UserAgent), Created: web.LocalTime(c, r.CreatedAt), LastSeen: web.LocalTime(c, r.LastSeenAt), Current: r.Current}
	}
	keys, err := h.q.ListPasskeys(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("settings: unable to list passkeys of %s: %w", v.ID, err)
	}
	passkeys := make([]views.Passkey, len(keys))
	for i, k := range keys {
		passkeys[i] = views.Passkey{ID: k.ID.String(), Name: k.Name, Created: web.LocalTime(c, k.CreatedAt), PRF: k.PrfEnabled}
		if k.LastUsedAt.Valid {
			used := web.LocalTime(c, k.LastUsedAt.Time)
			passkeys[i].LastUsed = &used
		}
	}
	return web.Render(c, status, "Security", views.Security(views.SecurityData{Sessions: list, Passkeys: passkeys, PasskeysEnabled: h.passkeysEnabled, Rename: rename, Notice: notice}))
}
