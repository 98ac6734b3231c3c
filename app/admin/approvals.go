// Package admin serves the administrators' pages. Every route answers 404
// to anyone who is not an administrator, as if it did not exist.
package admin

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/admin"
)

// Handler serves the admin routes.
type Handler struct {
	q *db.Queries
}

// Module is the administrators' pages: account approvals and the kill
// switches.
func Module(d module.Deps) module.Module {
	h := &Handler{q: d.Q}
	return module.Module{
		Name: "admin",
		Routes: func(r module.Router) {
			g := r.Private.With(requireAdmin)
			g.GET("/admin/approvals", h.approvalsList)
			g.POST("/admin/approvals/:id/approve", h.review("approved"))
			g.POST("/admin/approvals/:id/deny", h.review("denied"))
			g.GET("/admin/flags", h.flagsShow)
			g.POST("/admin/flags", h.flagsUpdate)
		},
		Nav: []module.Nav{
			{Label: "Approvals", Href: "/admin/approvals", Order: 100, Admin: true},
			{Label: "Kill switches", Href: "/admin/flags", Order: 110, Admin: true},
		},
	}
}

func requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if v := web.CurrentViewer(c); v == nil || !v.IsAdmin {
			return echo.ErrNotFound
		}
		return next(c)
	}
}

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

// review approves or denies a pending user and answers with the row's
// outcome; a user who is not pending is 404.
func (h *Handler) review(status string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := uuid.Parse(c.Param("id"))
		if err != nil {
			return echo.ErrNotFound
		}
		admin := web.CurrentViewer(c)
		n, err := h.q.ReviewUser(c.Request().Context(), db.ReviewUserParams{
			ID: id, Status: status, ReviewedBy: uuid.NullUUID{UUID: admin.ID, Valid: true},
		})
		if err != nil {
			return fmt.Errorf("admin: unable to review %s: %w", id, err)
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		if web.IsFragmentRequest(c) {
			return web.Render(c, http.StatusOK, "Approvals", views.Reviewed(status))
		}
		return c.Redirect(http.StatusSeeOther, "/admin/approvals")
	}
}

// Flags are the runtime kill switches administrators can turn.
var Flags = []struct{ Key, Help string }{
	{"KillSwitch_Ranking", "Today shows suggestions in a fixed order, without scores."},
	{"KillSwitch_Neo4j", "Ranking ignores the graph projection (sequence signal)."},
}

func (h *Handler) flagsShow(c echo.Context) error {
	rows, err := h.q.GetFlags(c.Request().Context())
	if err != nil {
		return fmt.Errorf("admin: unable to read flags: %w", err)
	}
	on := map[string]bool{}
	for _, r := range rows {
		on[r.Key] = r.Enabled
	}
	list := make([]views.Flag, len(Flags))
	for i, f := range Flags {
		list[i] = views.Flag{Key: f.Key, Help: f.Help, On: on[f.Key]}
	}
	return web.Render(c, http.StatusOK, "Kill switches", views.Flags(list, c.QueryParam("saved") == "1"))
}

// flagsUpdate sets every switch from the form: a ticked box turns it on.
func (h *Handler) flagsUpdate(c echo.Context) error {
	admin := web.CurrentViewer(c)
	for _, f := range Flags {
		err := h.q.SetFlag(c.Request().Context(), db.SetFlagParams{
			Key: f.Key, Enabled: c.FormValue(f.Key) == "on", UpdatedBy: uuid.NullUUID{UUID: admin.ID, Valid: true},
		})
		if err != nil {
			return fmt.Errorf("admin: unable to set %s: %w", f.Key, err)
		}
	}
	return web.Redirect(c, "/admin/flags?saved=1")
}
