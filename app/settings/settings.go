// Package settings serves the user's preferences, sessions and account.
package settings

import (
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/auth"
	"ignition/app/form"
	"ignition/app/module"
	"ignition/app/session"
	"ignition/app/store/db"
	"ignition/views/components"
	"ignition/views/layout"
	views "ignition/views/settings"
)

// The enumerations the preferences form accepts, as its views offer them.
func init() {
	form.Choices("week_start", components.Values(views.Weeks)...)
	form.Choices("daw", components.Values(views.DAWs)...)
	form.Choices("os", components.Values(views.Systems)...)
	var themes []string
	for _, t := range layout.Themes {
		themes = append(themes, t.Value)
	}
	form.Choices("theme", themes...)
}

// Handler serves the settings routes.
type Handler struct {
	passkeysEnabled bool
	pool            *pgxpool.Pool
	q               *db.Queries
	sessions        *session.Store
	auth            *auth.Handler
}

// Module is settings: preferences, security (sessions and passkeys) and
// the account.
func Module(d module.Deps) module.Module {
	h := &Handler{passkeysEnabled: d.Config.PasskeysEnabled(), pool: d.Pool, q: d.Q, sessions: d.Sessions, auth: auth.NewHandler(d)}
	return module.Module{
		Name: "settings",
		Routes: func(r module.Router) {
			r.Private.GET("/settings", h.preferencesShow)
			r.Private.POST("/settings/theme", h.themeUpdate)
			r.Private.POST("/settings/preferences", h.preferencesUpdate)
			r.Private.POST("/settings/suggestions", h.suggestionsUpdate)
			r.Private.GET("/settings/security", h.securityShow)
			r.Private.POST("/settings/sessions/:id/revoke", h.sessionRevoke)
			r.Private.POST("/settings/passkeys/:id/rename", h.passkeyRename)
			r.Private.POST("/settings/passkeys/:id/revoke", h.passkeyRevoke)
			r.Private.GET("/settings/account", h.accountShow)
			r.Private.GET("/settings/account/export", h.accountExport)
			r.Private.POST("/settings/account/delete", h.accountDelete)
		},
		Nav:      []module.Nav{{Label: "Settings", Href: "/settings", Order: 90}},
		Commands: []module.Command{{Label: "Settings", Keywords: "preferences time zone theme", Href: "/settings"}, {Label: "Security", Keywords: "passkeys sessions sign out", Href: "/settings/security"}},
	}
}
