package habits

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/decision"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// newHabit is the decision to add a habit, offered while none is active.
const newHabit = "new"

// markDone is the act that completes a habit from Today.
const markDone = "done"

// todaySource offers Today the habits due and not done, each to be marked
// done in place; with none active, adding one, the daily loop's backbone.
var todaySource = suggest.Source{
	Kind:  "habit",
	Order: 0,
	Queue: func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (suggest.Offer, error) {
		var rows []db.ListHabitSignalsRow
		var last time.Time
		store.Many(b, db.ListHabitSignals, &rows, db.ListHabitSignalsParams{UserID: user, Today: cal.Today, WeekStart: cal.Week()})
		store.One(b, db.LastHabitCompletionAt, &last, user)
		return func() (suggest.Offer, error) {
			offer := suggest.Offer{LastActive: last}
			for _, r := range rows {
				s := Schedule{Cadence: Cadence(r.Cadence), Weekdays: uint8(r.Weekdays), TimesPerWeek: int(r.TimesPerWeek), Start: cal.Day(r.CreatedAt)}
				if r.DoneToday || !s.Due(cal.Today) {
					continue
				}
				cand := suggest.Candidate{Key: Key(r.ID), Count: int(r.Completions),
					Days: suggest.DaysSince(r.LastDay, r.HasLast, cal.Today), Label: r.Title, Act: markDone, Reason: "Due today"}
				if s.Cadence == Weekly {
					cand.Detail = fmt.Sprintf("%d of %d this week", r.WeekDone, r.TimesPerWeek)
					cand.Reason = "Part of this week's count"
				}
				offer.Candidates = append(offer.Candidates, cand)
			}
			if len(rows) == 0 {
				offer.Candidates = append(offer.Candidates, suggest.Candidate{Key: decision.Key{Kind: "habit", ID: newHabit}, Days: -1,
					Label: "Add a habit", Reason: "Habits are where a day's plan starts"})
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
	Acts: map[string]suggest.Act{markDone: {
		Label: "Mark done",
		Do: func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (suggest.Done, error) {
			hb, err := fromToday(ctx, q, user, cal, id, Complete)
			return suggest.Done{Notice: "“" + hb.Title + "” is done for today."}, err
		},
		Undo: func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) error {
			_, err := fromToday(ctx, q, user, cal, id, Undo)
			return err
		},
	}},
}

// fromToday applies Complete or Undo to the habit a Today decision names,
// in Today's terms.
func fromToday(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string,
	op func(context.Context, *db.Queries, uuid.UUID, calendar.Calendar, uuid.UUID) (db.Habit, error)) (db.Habit, error) {
	u, err := uuid.Parse(id)
	if err != nil {
		return db.Habit{}, suggest.ErrNotFound
	}
	hb, err := op(ctx, q, user, cal, u)
	switch {
	case errors.Is(err, ErrNotFound):
		return hb, suggest.ErrNotFound
	case errors.Is(err, ErrNotDue):
		return hb, suggest.Refuse("That habit is not due today.")
	case errors.Is(err, progress.ErrNotEnoughCoins):
		return hb, suggest.Refuse(coinsSpent)
	}
	return hb, err
}
