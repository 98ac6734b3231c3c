package admin

import (
	"ignition/app/module"
	"ignition/app/store/db"
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
			g := r.Admin
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
