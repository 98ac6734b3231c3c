package focus

import (
	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// todaySource offers Today a focus session while none runs.
var todaySource = suggest.Source{
	Kind:  "focus",
	Order: 3,
	Queue: func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (suggest.Offer, error) {
		var st db.GetFocusSignalsRow
		store.One(b, db.GetFocusSignals, &st, user)
		return func() (suggest.Offer, error) {
			offer := suggest.Offer{LastActive: st.LastStartedAt}
			if !st.Running {
				last := st.LastCompletedAt.Year() > 1
				offer.Candidates = []suggest.Candidate{{Key: Start, Count: int(st.Completions),
					Days: suggest.DaysSince(cal.Day(st.LastCompletedAt), last, cal.Today), Label: "Start a focus session"}}
			}
			return offer, nil
		}
	},
	Href: func(id string) (string, bool) { return URL, id == Start.ID },
}
