package quests

import (
	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
)

// paletteItems offers the active quests to the command palette.
func paletteItems(b *store.Batch, _ uuid.UUID) func() []module.Command {
	var rows []db.ListQuestTitlesRow
	store.Many(b, db.ListQuestTitles, &rows)
	return func() []module.Command {
		out := make([]module.Command, len(rows))
		for i, r := range rows {
			out[i] = module.Command{Label: r.Title, Keywords: "quest", Href: URL(r.ID), Group: "Quests"}
		}
		return out
	}
}
