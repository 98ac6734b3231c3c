package ideas

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/objects"
	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
)

type memoDone struct {
	Manifest string `json:"manifest"` // a record field envelope
}

// memoComplete finishes a memo once every chunk is stored at its size; the
// manifest (the file's key and chunk hashes) is sealed like any field.
func (h *Handler) memoComplete(c echo.Context) error {
	v := web.CurrentViewer(c)
	idea, err := ideaID(c)
	if err != nil {
		return err
	}
	id, err := memoID(c)
	if err != nil {
		return err
	}
	var r memoDone
	if err := web.BindJSON(c, &r, memoBody); err != nil {
		if done, answer := web.ProblemOf(c, err); done {
			return answer
		}
		return err
	}
	manifest, empty, err := vault.Field(vault.Of(c), r.Manifest, manifestMax)
	if err != nil || empty {
		return web.Problem(c, http.StatusBadRequest, "The memo's manifest is malformed.")
	}
	ctx := c.Request().Context()
	key := db.GetMemoParams{UserID: v.ID, IdeaID: idea, ID: id}
	m, err := h.q.GetMemo(ctx, key)
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("ideas: unable to load memo %s: %w", id, err)
	}
	for i, want := range m.ChunkSizes {
		size, err := h.objects.Size(ctx, objectKey(id, i))
		switch {
		case errors.Is(err, objects.ErrMissing) || (err == nil && size != int64(want)):
			return web.Problem(c, http.StatusConflict, "Part of the memo did not arrive. Try the upload again.")
		case err != nil:
			return storeDown(c)
		}
	}
	if _, err := h.q.CompleteMemo(ctx, db.CompleteMemoParams{Manifest: manifest, UserID: v.ID, IdeaID: idea, ID: id}); err != nil {
		return fmt.Errorf("ideas: unable to complete memo %s: %w", id, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"memo_id": id.String()})
}
