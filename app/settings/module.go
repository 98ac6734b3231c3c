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
	panels          func() []module.Panel // the modules' sections of the preferences page
	privacy         func() []module.Privacy
}

// The settings pages.
const (
	URL         = "/settings"
	SecurityURL = URL + "/security"
	AccountURL  = URL + "/account"
	PrivacyURL  = URL + "/privacy"
)

// Module is settings: preferences, security (sessions and passkeys) and
// the account.
func Module(d module.Deps) module.Module {
	h := &Handler{passkeysEnabled: d.Config.PasskeysEnabled(), pool: d.Pool, q: d.Q, sessions: d.Sessions, auth: auth.NewHandler(d), panels: d.Registry.SettingsPanels, privacy: d.Registry.Privacy}
	return module.Module{
		Name:    "settings",
		Privacy: []module.Privacy{{Kind: "Preferences", Readable: []string{"Time zone, first day of the week, DAW, system, theme and notification choices"}}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.preferencesShow)
			r.Private.POST(URL+"/theme", h.themeUpdate)
			r.Private.POST(URL+"/preferences", h.preferencesUpdate)
			r.Private.POST(URL+"/suggestions", h.suggestionsUpdate)
			r.Private.GET(SecurityURL, h.securityShow)
			r.Private.POST(URL+"/sessions/:id/revoke", h.sessionRevoke)
			r.Private.POST(URL+"/passkeys/:id/rename", h.passkeyRename)
			r.Private.POST(URL+"/passkeys/:id/revoke", h.passkeyRevoke)
			r.Private.GET(AccountURL, h.accountShow)
			r.Private.GET(PrivacyURL, h.privacyShow)
			r.Private.GET(URL+"/account/export", h.accountExport)
			r.Private.POST(URL+"/account/delete", h.accountDelete)
		},
		Nav: []module.Nav{{Label: "Settings", Href: URL, Order: 90}},
		Commands: append([]module.Command{{Label: "Settings", Keywords: "preferences time zone theme", Href: URL}, {Label: "Security", Keywords: "passkeys sessions sign out", Href: SecurityURL},
			{Label: "Privacy", Keywords: "encryption what the server keeps data", Href: PrivacyURL}},
			themeCommands()...),
	}
}
