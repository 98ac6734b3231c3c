package habits

import (
	"time"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/decision"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// newHabit is the decision to add a habit, offered while none is active.
const newHabit = "new"

// todaySource offers Today the habits due and not done; with none active,
// adding one, the daily loop's backbone.
var todaySource = suggest.Source{
	Kind:  "habit",
	Order: 0,
	Queue: func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (suggest.Offer, error) {
		var rows []db.ListHabitSignalsRow
		var last time.Time
		store.Many(b, db.ListHabitSignals, &rows, db.ListHabitSignalsParams{UserID: user, Today: cal.Today})
		store.One(b, db.LastHabitCompletionAt, &last, user)
		return func() (suggest.Offer, error) {
			offer := suggest.Offer{LastActive: last}
			for _, r := range rows {
				s := Schedule{Cadence: Cadence(r.Cadence), Weekdays: uint8(r.Weekdays), TimesPerWeek: int(r.TimesPerWeek), Start: cal.Day(r.CreatedAt)}
				if r.DoneToday || !s.Due(cal.Today) {
					continue
				}
				offer.Candidates = append(offer.Candidates, suggest.Candidate{Key: Key(r.ID), Count: int(r.Completions),
					Days: suggest.DaysSince(r.LastDay, r.HasLast, cal.Today), Label: r.Title})
			}
			if len(rows) == 0 {
				offer.Candidates = append(offer.Candidates, suggest.Candidate{Key: decision.Key{Kind: "habit", ID: newHabit}, Days: -1, Label: "Add a habit"})
			}
			return offer, nil
		}
	},
	Href: func(id string) (string, bool) {
		if id == newHabit {
			return FormURL, true
		}
		u, err := uuid.Parse(id)
		return URL(u), err == nil
	},
}
