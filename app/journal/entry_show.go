package journal

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/journal"
)

func (h *Handler) show(c echo.Context) error {
	d, err := day(c, web.Calendar(c))
	if err != nil {
		return err
	}
	return h.renderDay(c, http.StatusOK, d, nil)
}

// renderDay shows a day's entry with the form f (the stored entry's, or a
// blank one, when nil).
func (h *Handler) renderDay(c echo.Context, status int, day time.Time, f *views.Form) error {
	v := web.CurrentViewer(c)
	e, err := h.q.GetJournalEntry(c.Request().Context(), db.GetJournalEntryParams{UserID: v.ID, Day: day})
	exists := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("journal: unable to load the entry of %s for %s: %w", v.ID, day.Format(time.DateOnly), err)
	}
	if f == nil {
		stored := views.Form{Day: day}
		if exists {
			stored = formOf(e)
		}
		f = &stored
	}
	return web.Render(c, status, "Journal", views.Day(views.DayData{Form: *f, Limits: limits, Exists: exists,
		Updated: web.LocalTime(c, e.UpdatedAt), Notice: notices[c.QueryParam("done")]}))
}
