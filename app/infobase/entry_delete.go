package infobase

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/infobase"
)

// delete removes a note; another user's is 404.
func (h *Handler) delete(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := entryID(c)
	if err != nil {
		return err
	}
	n, err := h.q.DeleteInfobaseEntry(c.Request().Context(), db.DeleteInfobaseEntryParams{UserID: v.ID, ID: id})
	if err != nil {
		return fmt.Errorf("infobase: unable to delete note %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, views.URL+"?done=deleted")
}
