package ideas

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

type memoStart struct {
	Chunks []int64 `json:"chunks"` // each stored chunk's size, in order
}

type memoUpload struct {
	MemoID string   `json:"memo_id"`
	URLs   []string `json:"urls"` // one signed upload per chunk, for its exact size
}

// memoStart begins a memo's upload: the server chooses its ID and keys and
// signs one upload URL per chunk, each for the chunk's exact size.
func (h *Handler) memoStart(c echo.Context) error {
	v := web.CurrentViewer(c)
	idea, err := ideaID(c)
	if err != nil {
		return err
	}
	var r memoStart
	if err := web.BindJSON(c, &r, memoBody); err != nil {
		if done, answer := web.ProblemOf(c, err); done {
			return answer
		}
		return err
	}
	total, problem := CheckChunks(r.Chunks, h.memoMax)
	if problem != "" {
		status := http.StatusBadRequest
		if total > h.memoMax {
			status = http.StatusRequestEntityTooLarge
		}
		return web.Problem(c, status, problem)
	}
	id := uuid.New()
	sizes := make([]int32, len(r.Chunks))
	for i, s := range r.Chunks {
		sizes[i] = int32(s)
	}
	n, err := h.q.CreateMemo(c.Request().Context(), db.CreateMemoParams{ID: id, UserID: v.ID, IdeaID: idea, ChunkSizes: sizes, Size: total})
	if err != nil {
		return fmt.Errorf("ideas: unable to start a memo for idea %s: %w", idea, err)
	}
	if n == 0 {
		return echo.ErrNotFound
	}
	up := memoUpload{MemoID: id.String(), URLs: make([]string, len(r.Chunks))}
	for i, s := range r.Chunks {
		if up.URLs[i], err = h.objects.PutURL(c.Request().Context(), objectKey(id, i), s); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, up)
}
