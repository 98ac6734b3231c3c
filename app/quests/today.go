package quests

import (
	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// todaySource offers Today the quests still to claim this period.
var todaySource = suggest.Source{
	Kind:  "quest",
	Order: 1,
	Queue: func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (suggest.Offer, error) {
		var rows []db.ListQuestStandingsRow
		store.Many(b, db.ListQuestStandings, &rows, standingsParams(user, cal, ""))
		return func() (suggest.Offer, error) {
			var offer suggest.Offer
			for _, s := range standingsOf(rows) {
				if s.Status.Claimed {
					continue
				}
				label := s.Quest.Title
				if s.Status.Complete {
					label = "Claim: " + label
				}
				offer.Candidates = append(offer.Candidates, suggest.Candidate{Key: Key(s.Quest.ID), Count: s.Claims,
					Days: suggest.DaysSince(cal.Day(s.LastClaimedAt), s.Claims > 0, cal.Today), Label: label})
			}
			return offer, nil
		}
	},
	Href: func(id string) (string, bool) { return URL(id), id != "" },
}
