package ideas

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// memoDelete deletes a memo; its objects are queued for deletion with it
// and deleted at once when the store answers (else by the janitor).
func (h *Handler) memoDelete(c echo.Context) error {
	idea, err := ideaID(c)
	if err != nil {
		return err
	}
	id, err := memoID(c)
	if err != nil {
		return err
	}
	n, err := h.q.DeleteMemo(c.Request().Context(), db.DeleteMemoParams{UserID: web.CurrentViewer(c).ID, IdeaID: idea, ID: id})
	if err != nil {
		return fmt.Errorf("ideas: unable to delete memo %s: %w", id, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	h.deleteMemoObjects(c.Request().Context(), []uuid.UUID{id})
	return web.Redirect(c, URL(idea)+"?done=memo-deleted#memos")
}
