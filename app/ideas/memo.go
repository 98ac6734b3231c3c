package ideas

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/web"
)

// A memo is encrypted in chunks of ChunkBytes (E2EE.md, Files); each stored
// chunk is its nonce, ciphertext and tag: ChunkOverhead bytes more.
const (
	ChunkBytes    = 1 << 20
	ChunkOverhead = 12 + 16
	maxChunks     = 1000
	memoBody      = 256 << 10 // the largest memo request (a manifest)
	manifestMax   = 100_000   // characters of a manifest
)

// memoPrefix is where a memo's chunks are stored (the deletion trigger of
// migration 00020 names the same prefix).
func memoPrefix(memo uuid.UUID) string { return "memos/" + memo.String() + "/" }

// objectKey is where chunk i of a memo is stored.
func objectKey(memo uuid.UUID, i int) string { return memoPrefix(memo) + strconv.Itoa(i) }

// CheckChunks validates a memo's stored chunk sizes: every chunk full but
// the last, none empty, and the total at most max bytes. It returns the
// total, or a message for the user.
func CheckChunks(sizes []int64, max int64) (int64, string) {
	if len(sizes) == 0 || len(sizes) > maxChunks {
		return 0, "A memo has between 1 and " + strconv.Itoa(maxChunks) + " chunks."
	}
	var total int64
	for i, s := range sizes {
		last := i == len(sizes)-1
		if s <= ChunkOverhead || s > ChunkBytes+ChunkOverhead || (!last && s != ChunkBytes+ChunkOverhead) {
			return 0, "The memo's chunks are not the sizes encryption makes."
		}
		total += s
	}
	if total > max {
		return total, fmt.Sprintf("This memo is %.1f MB; the most a memo may be is %.0f MB.", float64(total)/1e6, float64(max)/1e6)
	}
	return total, ""
}

// memoID parses the route's memo ID.
func memoID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("mid"))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}

// storeDown answers when the object store does not answer.
func storeDown(c echo.Context) error {
	return web.Problem(c, http.StatusServiceUnavailable, "The file store is not answering, so the memo was not saved (your idea's text is). Try again in a moment.")
}
