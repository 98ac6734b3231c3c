package admin

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/admin"
)

// Flags are the runtime kill switches administrators can turn.
var Flags = []struct{ Key, Label, Help string }{
	{"KillSwitch_Ranking", "Turn off ranking", "Today shows its suggestions in a fixed order (by how often each was done, then by kind), without scores or “why this?” lines."},
	{"KillSwitch_Neo4j", "Turn off the graph signal", "Ranking stops asking Neo4j what usually follows the last action; frequency and recency still rank."},
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
		list[i] = views.Flag{Key: f.Key, Label: f.Label, Help: f.Help, On: on[f.Key]}
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
