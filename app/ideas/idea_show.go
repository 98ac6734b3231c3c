package ideas

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/ideas"
)

func (h *Handler) show(c echo.Context) error {
	id, err := ideaID(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, http.StatusOK, id, nil)
}

// renderShow shows an idea's page with the form f (the stored idea's when
// nil); another user's idea is 404.
func (h *Handler) renderShow(c echo.Context, status int, id uuid.UUID, f *views.Form) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var i db.Idea
	var found bool
	var memos []db.Memo
	store.Maybe(&b, db.GetIdea, &i, &found, db.GetIdeaParams{UserID: v.ID, ID: id})
	store.Many(&b, db.ListIdeaMemos, &memos, db.ListIdeaMemosParams{UserID: v.ID, IdeaID: id})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("ideas: unable to load idea %s: %w", id, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	if f == nil {
		stored := formOf(i)
		f = &stored
	}
	d := views.EditData{ID: id.String(), Form: *f, Keys: keyOptions("No key"), Limits: limits,
		Created: web.LocalTime(c, i.CreatedAt), Updated: web.LocalTime(c, i.UpdatedAt),
		MemosEnabled: h.objects != nil, MemoMax: h.memoMax, Notice: editNotices[c.QueryParam("done")]}
	for _, m := range memos {
		d.Memos = append(d.Memos, views.Memo{ID: m.ID.String(), Size: m.Size, Created: web.LocalTime(c, m.CreatedAt)})
	}
	return web.Render(c, status, "Idea", views.Edit(d))
}

var editNotices = map[string]string{
	"memo-saved":   "Voice memo saved.",
	"memo-deleted": "Voice memo deleted.",
}
