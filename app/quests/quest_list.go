package quests

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/quests"
)

func (h *Handler) list(c echo.Context) error {
	v := web.CurrentViewer(c)
	rows, err := h.q.ListQuestStandings(c.Request().Context(), standingsParams(v.ID, web.Calendar(c), ""))
	if err != nil {
		return fmt.Errorf("quests: unable to load the standings of %s: %w", v.ID, err)
	}
	var daily, weekly []views.Quest
	for _, s := range standingsOf(rows) {
		item := view(s.Quest, s.Status)
		if s.Quest.Period == Weekly {
			weekly = append(weekly, item)
		} else {
			daily = append(daily, item)
		}
	}
	return web.Render(c, http.StatusOK, "Quests", views.List(daily, weekly))
}
