package settings

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/session"
	"ignition/app/web"
	views "ignition/views/settings"
)

func (h *Handler) securityShow(c echo.Context) error {
	v := web.CurrentViewer(c)
	sess, err := h.sessions.Get(c.Request(), session.CookieName)
	if err != nil {
		return err
	}
	rows, err := h.sessions.ListForUser(c.Request().Context(), v.ID, sess)
	if err != nil {
		return err
	}
	list := make([]views.Session, len(rows))
	for i, r := range rows {
		list[i] = views.Session{ID: r.PublicID.String(), Device: DeviceSummary(r.UserAgent), Created: r.CreatedAt, LastSeen: r.LastSeenAt, Current: r.Current}
	}
	return web.Render(c, http.StatusOK, "Security", views.Security(list, c.QueryParam("revoked") == "1", web.CSRFToken(c)))
}

// sessionRevoke signs out one of the user's other sessions; any other ID,
// including another user's session, is 404.
func (h *Handler) sessionRevoke(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	ok, err := h.sessions.RevokeForUser(c.Request().Context(), web.CurrentViewer(c).ID, id)
	if err != nil {
		return err
	}
	if !ok {
		return echo.ErrNotFound
	}
	return web.Redirect(c, "/settings/security?revoked=1")
}
