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

// update saves changes to a note; its fields stay sealed to its ID.
func (h *Handler) update(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := entryID(c)
	if err != nil {
		return err
	}
	in, f, err := bindEntry(c, vault.Of(c))
	if err != nil {
		return err
	}
	if in.ID != id {
		return echo.NewHTTPError(http.StatusBadRequest, "This form belongs to another note.")
	}
	if len(f.Errors) > 0 {
		if _, err := h.load(c); err != nil {
			return err
		}
		return h.renderForm(c, http.StatusUnprocessableEntity, f, true)
	}
	n, err := h.q.UpdateInfobaseEntry(c.Request().Context(), db.UpdateInfobaseEntryParams{ID: id, UserID: v.ID, Title: in.Title, Body: in.Body,
		PrivateTags: in.PrivateTags, Category: in.Category, Tags: in.Tags})
	if err != nil {
		return fmt.Errorf("infobase: unable to update note %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	return web.Redirect(c, views.EntryURL(id.String())+"?done=saved")
}
