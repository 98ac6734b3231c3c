package focus

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// todaySource offers Today a focus session while none runs; its pick
// starts one.
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
				cand := suggest.Candidate{Key: Start, Count: int(st.Completions),
					Days: suggest.DaysSince(cal.Day(st.LastCompletedAt), last, cal.Today), Label: "Start a focus session",
					Act: Start.ID, Reason: "No focus session yet today"}
				if cand.Days == 0 {
					cand.Reason = "Another block of focused time"
				}
				offer.Candidates = []suggest.Candidate{cand}
			}
			return offer, nil
		}
	},
	Href: func(id string) (string, bool) { return URL, id == Start.ID },
	Acts: map[string]suggest.Act{Start.ID: {
		Label: "Start",
		Do: func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (suggest.Done, error) {
			if id != Start.ID {
				return suggest.Done{}, suggest.ErrNotFound
			}
			err := StartSession(ctx, q, user, cal, Focus)
			if errors.Is(err, ErrUnknownKind) {
				return suggest.Done{}, suggest.ErrNotFound
			}
			return suggest.Done{Next: URL}, err
		},
	}},
}
