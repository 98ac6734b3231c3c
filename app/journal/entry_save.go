package journal

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
	views "ignition/views/journal"
)

// save writes a day's entry, from the journal's page (today) or the day's
// own page. Sending the same form twice saves it once; a new entry for a
// day another device has written meanwhile is refused, kept as typed.
func (h *Handler) save(c echo.Context) error {
	d, err := day(c, web.Calendar(c))
	if err != nil {
		return err
	}
	f := views.Form{Day: d}
	in, err := bindEntry(c, vault.Of(c), &f)
	if err != nil {
		return err
	}
	if len(f.Errors) == 0 {
		if err := h.write(c, d, in, &f); err != nil {
			return err
		}
	}
	if len(f.Errors) > 0 {
		if isToday(c, d) {
			return h.renderList(c, http.StatusUnprocessableEntity, &f)
		}
		return h.renderDay(c, http.StatusUnprocessableEntity, d, &f)
	}
	if isToday(c, d) {
		return web.Redirect(c, views.URL+"?done=saved")
	}
	return web.Redirect(c, views.DayURL(d)+"?done=saved")
}

// write stores the entry; when nothing was written it says why in f.
func (h *Handler) write(c echo.Context, d time.Time, in entry, f *views.Form) error {
	ctx := c.Request().Context()
	v := web.CurrentViewer(c)
	n, err := h.q.SaveJournalEntry(ctx, db.SaveJournalEntryParams{ID: in.ID, UserID: v.ID, Day: d, Body: in.Body, PrivateTags: in.PrivateTags, Tags: in.Tags})
	if err != nil {
		return fmt.Errorf("journal: unable to save the entry of %s for %s: %w", v.ID, d.Format(time.DateOnly), err)
	}
	if n > 0 {
		return nil
	}
	stored, err := h.q.GetJournalEntry(ctx, db.GetJournalEntryParams{UserID: v.ID, Day: d})
	switch {
	case errors.Is(err, pgx.ErrNoRows), err == nil && stored.ID == in.ID:
		return echo.NewHTTPError(http.StatusBadRequest, "This form has no valid entry ID.")
	case err != nil:
		return fmt.Errorf("journal: unable to read the entry of %s for %s: %w", v.ID, d.Format(time.DateOnly), err)
	}
	f.Errors["body"] = "This day's entry was written on another device meanwhile: copy your text, then reload the page to see it."
	return nil
}
