package infobase

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/infobase"
)

// show is a note's page; its markdown is rendered in the browser once
// decrypted.
func (h *Handler) show(c echo.Context) error {
	e, err := h.load(c)
	if err != nil {
		return err
	}
	entry := view(e)
	entry.Updated = web.LocalTime(c, e.UpdatedAt)
	return web.Render(c, http.StatusOK, "Infobase", views.Show(views.ShowData{Entry: entry, Notice: notices[c.QueryParam("done")]}))
}

// load reads the route's note; another user's is 404.
func (h *Handler) load(c echo.Context) (db.InfobaseEntry, error) {
	id, err := entryID(c)
	if err != nil {
		return db.InfobaseEntry{}, err
	}
	v := web.CurrentViewer(c)
	e, err := h.q.GetInfobaseEntry(c.Request().Context(), db.GetInfobaseEntryParams{UserID: v.ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return db.InfobaseEntry{}, echo.ErrNotFound
	}
	if err != nil {
		return db.InfobaseEntry{}, fmt.Errorf("infobase: unable to load note %s: %w", id, err)
	}
	return e, nil
}

// edit shows the form of a stored note.
func (h *Handler) edit(c echo.Context) error {
	e, err := h.load(c)
	if err != nil {
		return err
	}
	return h.renderForm(c, http.StatusOK, formOf(e), true)
}
