package ideas

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/ideas"
)

// adminCounts shows administrators how many ideas and voice memos each
// user has and their encrypted size: counts and sizes only, for the server
// cannot read an idea.
func (h *Handler) adminCounts(c echo.Context) error {
	rows, err := h.q.CountIdeasByUser(c.Request().Context())
	if err != nil {
		return fmt.Errorf("ideas: unable to count ideas: %w", err)
	}
	counts := make([]views.Count, len(rows))
	for i, r := range rows {
		counts[i] = views.Count{Email: r.Email, Ideas: int(r.Ideas), Memos: int(r.Memos), Bytes: r.TextBytes + r.MemoBytes}
	}
	return web.Render(c, http.StatusOK, "Ideas", views.Admin(counts))
}
