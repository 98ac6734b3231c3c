package journal

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	views "ignition/views/journal"
)

// sealed is the journal for the island's search index: each entry's text,
// named by its day and found with its tags.
var sealed = module.Sealed{Kind: "journal", Label: "Journal", One: "journal entry", Many: "journal entries",
	Table: "journal_entries", Fields: []string{"body", "private_tags"},
	Count: module.Counted(db.CountJournalEntries),
	Search: func(b *store.Batch, user uuid.UUID, offset, limit int) func() []module.SealedRecord {
		var rows []db.ListJournalForSearchRow
		store.Many(b, db.ListJournalForSearch, &rows, db.ListJournalForSearchParams{UserID: user, PageSize: int32(limit), PageOffset: int32(offset)})
		return func() []module.SealedRecord {
			out := make([]module.SealedRecord, len(rows))
			for i, r := range rows {
				out[i] = module.SealedRecord{ID: r.ID.String(), URL: views.DayURL(r.Day), Title: r.Day.Format("Monday 2 January 2006"),
					Plain: strings.Join(r.Tags, " "), Fields: module.Fields(map[string][]byte{"body": r.Body, "private_tags": r.PrivateTags})}
			}
			return out
		}
	},
	Destroy: func(ctx context.Context, q *db.Queries, user uuid.UUID) error {
		return q.DestroyJournalEntries(ctx, user)
	},
}
