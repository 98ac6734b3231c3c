package ideas

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
)

// sealed is Ideas for the island's search index: titles and notes, found
// with their moods.
var sealed = module.Sealed{Kind: "idea", Label: "Idea", One: "idea", Many: "ideas",
	Table: "ideas", Fields: []string{"title", "body", "private_tags"},
	Count: module.Counted(db.CountIdeas),
	Search: func(b *store.Batch, user uuid.UUID, offset, limit int) func() []module.SealedRecord {
		var rows []db.ListIdeasForSearchRow
		store.Many(b, db.ListIdeasForSearch, &rows, db.ListIdeasForSearchParams{UserID: user, PageSize: int32(limit), PageOffset: int32(offset)})
		return func() []module.SealedRecord {
			out := make([]module.SealedRecord, len(rows))
			for i, r := range rows {
				out[i] = module.SealedRecord{ID: r.ID.String(), URL: URL(r.ID), Name: "title", Plain: strings.Join(r.Moods, " "),
					Fields: module.Fields(map[string][]byte{"title": r.Title, "body": r.Body, "private_tags": r.PrivateTags})}
			}
			return out
		}
	},
	Destroy: func(ctx context.Context, q *db.Queries, user uuid.UUID) error { return q.DestroyIdeas(ctx, user) },
}

// memoSealed is the voice memos, for a vault reset's count of what it
// deletes: they go with their ideas, and their manifests are not searched.
var memoSealed = module.Sealed{Kind: "memo", Label: "Voice memo", One: "voice memo", Many: "voice memos",
	Table: "memos", Fields: []string{"manifest"}, Count: module.Counted(db.CountMemos)}
