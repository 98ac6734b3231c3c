package ideas

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
	views "ignition/views/ideas"
)

// create saves a new idea, from the Ideas page or Today's quick capture
// (which is answered in place). Sending the same form twice saves it once:
// the browser made its ID.
func (h *Handler) create(c echo.Context) error {
	v := web.CurrentViewer(c)
	capture := c.FormValue("from") == "capture"
	in, f, err := bindIdea(c, vault.Of(c))
	if err != nil {
		return err
	}
	if len(f.Errors) > 0 {
		if capture {
			return web.Render(c, http.StatusUnprocessableEntity, "Today", views.Capture(views.CaptureData{Enabled: true, Limits: limits, Title: f.Title, Error: f.Errors["title"]}))
		}
		return h.renderList(c, http.StatusUnprocessableEntity, f)
	}
	ctx := c.Request().Context()
	n, err := h.q.CreateIdea(ctx, db.CreateIdeaParams{ID: in.ID, UserID: v.ID, Title: in.Title, Body: in.Body, PrivateTags: in.PrivateTags,
		KeyPitch: in.Pitch, KeyMode: in.Mode, Bpm: in.BPM, Moods: in.Moods})
	if err != nil {
		return fmt.Errorf("ideas: unable to create an idea for %s: %w", v.ID, err)
	}
	if n == 0 { // sent before, or the ID is someone else's
		if _, err := h.q.GetIdea(ctx, db.GetIdeaParams{UserID: v.ID, ID: in.ID}); err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "This form has no valid idea ID.")
		}
	}
	if capture {
		return web.Render(c, http.StatusOK, "Today", views.Capture(views.CaptureData{Enabled: true, Limits: limits, Saved: true}))
	}
	return web.Redirect(c, ListURL+"?done=saved")
}
