package infobase

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	views "ignition/views/infobase"
)

// sealed is the Infobase for the island's search index: titles, texts and
// private tags, found with their category and tags.
var sealed = module.Sealed{Kind: "infobase", Label: "Note", One: "infobase note", Many: "infobase notes",
	Table: "infobase_entries", Fields: []string{"title", "body", "private_tags"},
	Count: module.Counted(db.CountInfobaseEntries),
	Search: func(b *store.Batch, user uuid.UUID, offset, limit int) func() []module.SealedRecord {
		var rows []db.ListInfobaseForSearchRow
		store.Many(b, db.ListInfobaseForSearch, &rows, db.ListInfobaseForSearchParams{UserID: user, PageSize: int32(limit), PageOffset: int32(offset)})
		return func() []module.SealedRecord {
			out := make([]module.SealedRecord, len(rows))
			for i, r := range rows {
				out[i] = module.SealedRecord{ID: r.ID.String(), URL: views.EntryURL(r.ID.String()), Name: "title",
					Plain:  strings.TrimSpace(r.Category.String + " " + strings.Join(r.Tags, " ")),
					Fields: module.Fields(map[string][]byte{"title": r.Title, "body": r.Body, "private_tags": r.PrivateTags})}
			}
			return out
		}
	},
	Destroy: func(ctx context.Context, q *db.Queries, user uuid.UUID) error {
		return q.DestroyInfobaseEntries(ctx, user)
	},
}
