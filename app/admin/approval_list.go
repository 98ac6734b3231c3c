// Package admin serves the administrators' pages. Every route answers 404
// to anyone who is not an administrator, as if it did not exist.
package admin

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/admin"
)

func (h *Handler) approvalsList(c echo.Context) error {
	pending, err := h.q.ListPendingUsers(c.Request().Context())
	if err != nil {
		return fmt.Errorf("admin: unable to list pending users: %w", err)
	}
	rows := make([]views.PendingUser, len(pending))
	for i, p := range pending {
		rows[i] = views.PendingUser{ID: p.ID.String(), Email: p.Email, Name: p.Name, CreatedAt: web.LocalTime(c, p.CreatedAt)}
	}
	return web.Render(c, http.StatusOK, "Approvals", views.Approvals(rows))
}
