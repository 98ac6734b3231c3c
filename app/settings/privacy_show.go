package settings

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/settings"
)

// privacyShow lists what the server keeps of each kind of content, as the
// modules declare it.
func (h *Handler) privacyShow(c echo.Context) error {
	var kinds []views.PrivacyKind
	for _, p := range h.privacy() {
		kinds = append(kinds, views.PrivacyKind{Kind: p.Kind, Encrypted: p.Encrypted, Readable: p.Readable, IfLost: p.IfLost})
	}
	return web.Render(c, http.StatusOK, "Privacy", views.Privacy(kinds))
}
