package ideas

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
)

// update saves changes to an idea; its fields stay sealed to its ID.
func (h *Handler) update(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := ideaID(c)
	if err != nil {
		return err
	}
	in, f, err := bindIdea(c, vault.Of(c))
	if err != nil {
		return err
	}
	if in.ID != id {
		return echo.NewHTTPError(http.StatusBadRequest, "This form belongs to another idea.")
	}
	if len(f.Errors) > 0 {
		return h.renderShow(c, http.StatusUnprocessableEntity, id, &f)
	}
	n, err := h.q.UpdateIdea(c.Request().Context(), db.UpdateIdeaParams{ID: id, UserID: v.ID, Title: in.Title, Body: in.Body, PrivateTags: in.PrivateTags,
		KeyPitch: in.Pitch, KeyMode: in.Mode, Bpm: in.BPM, Moods: in.Moods})
	if err != nil {
		return fmt.Errorf("ideas: unable to update idea %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, ListURL+"?done=saved")
}
