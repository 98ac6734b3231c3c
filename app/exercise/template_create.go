package exercise

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// createTemplate makes a named, empty template and opens it to add its
// exercises; a name to fix comes back on the overview (422).
func (h *Handler) createTemplate(c echo.Context) error {
	var f views.TemplateForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderHome(c, http.StatusUnprocessableEntity, views.HomeData{Form: f})
	}
	t, err := h.q.CreateWorkoutTemplate(ctx, db.CreateWorkoutTemplateParams{UserID: v.ID, Name: f.Name})
	if err != nil {
		return fmt.Errorf("exercise: unable to make a template for %s: %w", v.ID, err)
	}
	return web.Redirect(c, views.TemplateURL(t.ID.String()))
}
