package infobase

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
	views "ignition/views/infobase"
)

// create saves a new note. Sending the same form twice saves it once: the
// browser made its ID.
func (h *Handler) create(c echo.Context) error {
	v := web.CurrentViewer(c)
	in, f, err := bindEntry(c, vault.Of(c))
	if err != nil {
		return err
	}
	if len(f.Errors) > 0 {
		return h.renderForm(c, http.StatusUnprocessableEntity, f, false)
	}
	ctx := c.Request().Context()
	n, err := h.q.CreateInfobaseEntry(ctx, db.CreateInfobaseEntryParams{ID: in.ID, UserID: v.ID, Title: in.Title, Body: in.Body,
		PrivateTags: in.PrivateTags, Category: in.Category, Tags: in.Tags})
	if err != nil {
		return fmt.Errorf("infobase: unable to create a note for %s: %w", v.ID, err)
	}
	if n == 0 { // sent before, or the ID is someone else's
		if _, err := h.q.GetInfobaseEntry(ctx, db.GetInfobaseEntryParams{UserID: v.ID, ID: in.ID}); err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "This form has no valid note ID.")
		}
	}
	return web.Redirect(c, views.EntryURL(in.ID.String())+"?done=created")
}
