package admin

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/admin"
)

// review approves or denies a pending user and answers with the row's
// outcome (who, and what became of them) and the new waiting count; a
// user who is not pending is 404.
func (h *Handler) review(status string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := uuid.Parse(c.Param("id"))
		if err != nil {
			return echo.ErrNotFound
		}
		admin := web.CurrentViewer(c)
		r, err := h.q.ReviewUser(c.Request().Context(), db.ReviewUserParams{
			ID: id, Status: status, ReviewedBy: uuid.NullUUID{UUID: admin.ID, Valid: true},
		})
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("admin: unable to review %s: %w", id, err)
		}
		if web.IsFragmentRequest(c) {
			return web.Render(c, http.StatusOK, "Approvals", views.Reviewed(r.Email, status, int(r.Waiting)))
		}
		return c.Redirect(http.StatusSeeOther, "/admin/approvals")
	}
}
