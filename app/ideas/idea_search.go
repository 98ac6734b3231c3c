package ideas

import (
	"strings"

	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
)

// sealed is Ideas for the island's search index: titles and notes, found
// with their moods.
var sealed = module.Sealed{Kind: "idea", Label: "Idea",
	Count: func(b *store.Batch, user uuid.UUID) func() int {
		var n int32
		store.One(b, db.CountIdeas, &n, user)
		return func() int { return int(n) }
	},
	Search: func(b *store.Batch, user uuid.UUID, offset, limit int) func() []module.SealedRecord {
		var rows []db.ListIdeasForSearchRow
		store.Many(b, db.ListIdeasForSearch, &rows, db.ListIdeasForSearchParams{UserID: user, PageSize: int32(limit), PageOffset: int32(offset)})
		return func() []module.SealedRecord {
			out := make([]module.SealedRecord, len(rows))
			for i, r := range rows {
				out[i] = module.SealedRecord{ID: r.ID.String(), URL: URL(r.ID), Name: "title", Plain: strings.Join(r.Moods, " "),
					Fields: module.Fields(map[string][]byte{"title": r.Title, "body": r.Body})}
			}
			return out
		}
	},
}
