package journal

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/journal"
)

// delete removes a day's entry; a day without one is 404.
func (h *Handler) delete(c echo.Context) error {
	v := web.CurrentViewer(c)
	d, err := day(c, web.Calendar(c))
	if err != nil {
		return err
	}
	n, err := h.q.DeleteJournalEntry(c.Request().Context(), db.DeleteJournalEntryParams{UserID: v.ID, Day: d})
	if err != nil {
		return fmt.Errorf("journal: unable to delete the entry of %s for %s: %w", v.ID, d.Format(time.DateOnly), err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, views.URL+"?done=deleted")
}
