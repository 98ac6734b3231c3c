package infobase

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/infobase"
)

// new shows the form of a new note; without a vault there is nothing to
// seal it with, so the list says how to set one up.
func (h *Handler) new(c echo.Context) error {
	return h.renderForm(c, http.StatusOK, views.Form{}, false)
}

// renderForm shows the note form f, with the user's categories to pick
// from; editing says whether it edits a stored note.
func (h *Handler) renderForm(c echo.Context, status int, f views.Form, editing bool) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var categories []string
	var hasVault bool
	store.Many(&b, db.ListInfobaseCategories, &categories, v.ID)
	store.One(&b, db.HasVault, &hasVault, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("infobase: unable to load the form of %s: %w", v.ID, err)
	}
	if !hasVault {
		return web.Redirect(c, views.URL)
	}
	return web.Render(c, status, "Infobase", views.FormPage(views.FormData{Form: f, Categories: categories, Limits: limits}, editing))
}
