package ideas

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/ideas"
)

func (h *Handler) show(c echo.Context) error {
	id, err := ideaID(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, http.StatusOK, id, nil)
}

// renderShow shows an idea's page with the form f (the stored idea's when
// nil); another user's idea is 404.
func (h *Handler) renderShow(c echo.Context, status int, id uuid.UUID, f *views.Form) error {
	i, err := h.q.GetIdea(c.Request().Context(), db.GetIdeaParams{UserID: web.CurrentViewer(c).ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("ideas: unable to load idea %s: %w", id, err)
	}
	if f == nil {
		stored := formOf(i)
		f = &stored
	}
	return web.Render(c, status, "Idea", views.Edit(views.EditData{ID: id.String(), Form: *f, Keys: keyOptions("No key"), Limits: limits,
		Created: web.LocalTime(c, i.CreatedAt), Updated: web.LocalTime(c, i.UpdatedAt)}))
}
