package settings

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

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
	return web.Redirect(c, SecurityURL+"?done=revoked")
}
