package ideas

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

type memoDownload struct {
	Manifest json.RawMessage `json:"manifest"`
	URLs     []string        `json:"urls"` // one signed download per chunk
}

// memoShow gives the island a finished memo's manifest and signed URLs
// for its chunks, to download and decrypt in the page.
func (h *Handler) memoShow(c echo.Context) error {
	v := web.CurrentViewer(c)
	idea, err := ideaID(c)
	if err != nil {
		return err
	}
	id, err := memoID(c)
	if err != nil {
		return err
	}
	m, err := h.q.GetMemo(c.Request().Context(), db.GetMemoParams{UserID: v.ID, IdeaID: idea, ID: id})
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !m.CompletedAt.Valid) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("ideas: unable to load memo %s: %w", id, err)
	}
	down := memoDownload{Manifest: m.Manifest, URLs: make([]string, len(m.ChunkSizes))}
	for i := range m.ChunkSizes {
		if down.URLs[i], err = h.objects.GetURL(c.Request().Context(), objectKey(id, i)); err != nil {
			return err
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, down)
}
