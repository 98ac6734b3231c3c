package ideas

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// delete removes an idea. It needs no unlock: nothing is encrypted.
func (h *Handler) delete(c echo.Context) error {
	id, err := ideaID(c)
	if err != nil {
		return err
	}
	n, err := h.q.DeleteIdea(c.Request().Context(), db.DeleteIdeaParams{UserID: web.CurrentViewer(c).ID, ID: id})
	if err != nil {
		return fmt.Errorf("ideas: unable to delete idea %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, ListURL+"?done=deleted")
}
