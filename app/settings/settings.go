// Package settings serves the user's preferences, sessions and account.
package settings

import (
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/session"
	"ignition/app/store/db"
)

// Handler serves the settings routes.
type Handler struct {
	passkeysEnabled bool
	pool            *pgxpool.Pool
	q               *db.Queries
	sessions        *session.Store
	auth            *auth.Handler
	now             func() time.Time
}

// NewHandler returns the settings handler.
func NewHandler(pool *pgxpool.Pool, sessions *session.Store, auth *auth.Handler, passkeysEnabled bool) *Handler {
	return &Handler{passkeysEnabled: passkeysEnabled, pool: pool, q: db.New(pool), sessions: sessions, auth: auth, now: time.Now}
}

// Register adds the settings routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/settings", h.preferencesShow).Name = "settings"
	e.POST("/settings/theme", h.themeUpdate).Name = "settings.theme"
	e.POST("/settings/preferences", h.preferencesUpdate).Name = "settings.preferences"
	e.POST("/settings/suggestions", h.suggestionsUpdate).Name = "settings.suggestions"
	e.GET("/settings/security", h.securityShow).Name = "settings.security"
	e.POST("/settings/sessions/:id/revoke", h.sessionRevoke).Name = "settings.sessions.revoke"
	e.POST("/settings/passkeys/:id/rename", h.passkeyRename).Name = "settings.passkeys.rename"
	e.POST("/settings/passkeys/:id/revoke", h.passkeyRevoke).Name = "settings.passkeys.revoke"
	e.GET("/settings/account", h.accountShow).Name = "settings.account"
	e.GET("/settings/account/export", h.accountExport).Name = "settings.account.export"
	e.POST("/settings/account/delete", h.accountDelete).Name = "settings.account.delete"
}
