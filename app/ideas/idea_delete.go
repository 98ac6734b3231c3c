package ideas

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// delete removes an idea and its memos. It needs no unlock: nothing is
// encrypted. The memos' objects are deleted at once when the store
// answers, else by the janitor.
func (h *Handler) delete(c echo.Context) error {
	id, err := ideaID(c)
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	memos, err := h.q.ListIdeaMemoIDs(ctx, db.ListIdeaMemoIDsParams{UserID: v.ID, IdeaID: id})
	if err != nil {
		return fmt.Errorf("ideas: unable to list the memos of idea %s: %w", id, err)
	}
	n, err := h.q.DeleteIdea(ctx, db.DeleteIdeaParams{UserID: v.ID, ID: id})
	if err != nil {
		return fmt.Errorf("ideas: unable to delete idea %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	h.deleteMemoObjects(ctx, memos)
	return web.Redirect(c, ListURL+"?done=deleted")
}
