package goals

import (
	"github.com/google/uuid"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
)

// paletteItems offers the user's goals to the command palette.
func paletteItems(b *store.Batch, user uuid.UUID) func() []module.Command {
	var rows []db.ListGoalTitlesRow
	store.Many(b, db.ListGoalTitles, &rows, user)
	return func() []module.Command {
		out := make([]module.Command, len(rows))
		for i, r := range rows {
			out[i] = module.Command{Label: r.Title, Keywords: "goal", Href: URL(r.ID), Group: "Goals"}
		}
		return out
	}
}
