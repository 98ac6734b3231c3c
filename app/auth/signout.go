package auth

import (
	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

// signOut ends this device's session.
func (h *Handler) signOut(c echo.Context) error {
	if err := h.EndSession(c); err != nil {
		return err
	}
	return web.Redirect(c, "/signin")
}

// EndSession deletes this device's session and gives the browser a fresh
// CSRF token: nothing of the signed-in session works after it. The modules
// hear of it first (the vault locks everywhere).
func (h *Handler) EndSession(c echo.Context) error {
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	if v := web.CurrentViewer(c); v != nil && h.registry != nil {
		if err := h.registry.SignOut(c.Request().Context(), v.ID); err != nil {
			return err
		}
	}
	if err := h.sessions.Destroy(c.Request(), c.Response(), sess); err != nil {
		return err
	}
	web.RotateCSRF(c)
	return nil
}

// signOutEverywhere ends every session of the user, this one included.
func (h *Handler) signOutEverywhere(c echo.Context) error {
	if _, err := h.sessions.DestroyAllForUser(c.Request().Context(), web.CurrentViewer(c).ID); err != nil {
		return err
	}
	if err := h.EndSession(c); err != nil {
		return err
	}
	return web.Redirect(c, "/signin")
}
