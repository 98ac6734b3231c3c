package exercise

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// renameTemplate renames a template; a name to fix comes back (422).
func (h *Handler) renameTemplate(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var f views.TemplateForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Name: f})
	}
	n, err := h.q.RenameWorkoutTemplate(c.Request().Context(), db.RenameWorkoutTemplateParams{ID: id, UserID: web.CurrentViewer(c).ID, Name: f.Name})
	if err := notFoundIfNone(n, err); err != nil {
		return routeError(err, "rename template", id)
	}
	return web.Redirect(c, views.TemplateURL(id.String())+"?done=renamed")
}

// deleteTemplate deletes a template; the sessions done with it stay.
func (h *Handler) deleteTemplate(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	n, err := h.q.DeleteWorkoutTemplate(c.Request().Context(), db.DeleteWorkoutTemplateParams{ID: id, UserID: web.CurrentViewer(c).ID})
	if err := notFoundIfNone(n, err); err != nil {
		return routeError(err, "delete template", id)
	}
	return web.Redirect(c, views.URL+"?done=template-deleted")
}
