package quests

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// The acts a quest pick offers on Today: claiming a complete quest, and
// marking a quest kept by hand as done.
const (
	claimAct   = "claim"
	advanceAct = "advance"
)

// todaySource offers Today the quests still to claim this period, with
// where the user stands on each and the step that moves it on.
var todaySource = suggest.Source{
	Kind:  "quest",
	Order: 1,
	Queue: func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (suggest.Offer, error) {
		var rows []db.ListQuestStandingsRow
		store.Many(b, db.ListQuestStandings, &rows, standingsParams(user, cal, ""))
		return func() (suggest.Offer, error) {
			var offer suggest.Offer
			for _, s := range standingsOf(rows) {
				if !offered(s) {
					continue
				}
				cand := suggest.Candidate{Key: Key(s.Quest.ID), Count: s.Claims,
					Days: suggest.DaysSince(cal.Day(s.LastClaimedAt), s.Claims > 0, cal.Today), Label: s.Quest.Title,
					Detail: progressLine(s), Reason: "Today's quest"}
				if s.Quest.Period == Weekly {
					cand.Reason = "This week's quest"
				}
				switch {
				case s.Status.Complete:
					cand.Act = claimAct
				case s.Quest.Metric == Manual:
					cand.Act = advanceAct
				}
				offer.Candidates = append(offer.Candidates, cand)
			}
			return offer, nil
		}
	},
	// A quest counted from other actions leads to where they are done.
	Href: func(id string) (string, bool) {
		switch metricOf(id) {
		case HabitCompletions:
			return "/habits", true
		case FocusSessions:
			return "/focus", true
		}
		return URL(id), id != ""
	},
	Acts: map[string]suggest.Act{
		claimAct: {Label: "Claim", Do: func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (suggest.Done, error) {
			s, err := fromToday(Claim(ctx, q, user, cal, id))
			return suggest.Done{Notice: fmt.Sprintf("Claimed “%s”: +%d XP, +%d coins.", s.Quest.Title, s.Quest.Xp, s.Quest.Coins)}, err
		}},
		advanceAct: {Label: "Mark done", Do: func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (suggest.Done, error) {
			s, err := fromToday(Advance(ctx, q, user, cal, id))
			return suggest.Done{Notice: "“" + s.Quest.Title + "”: " + progressLine(s) + "."}, err
		}},
	},
}

// offered reports whether Today offers the quest: not once claimed, and a
// quest another module counts (a workout quest) only once the period
// holds some of it, so Today does not push a domain the user does not use.
func offered(s Standing) bool {
	return !s.Status.Claimed && (!strings.HasPrefix(s.Quest.Metric, rewarded) || s.Status.Progress > 0)
}

// progressLine says where the user stands on a quest and what comes next.
func progressLine(s Standing) string {
	period := "today"
	if s.Quest.Period == Weekly {
		period = "this week"
	}
	if s.Status.Complete {
		return "Complete: claim the reward"
	}
	left := s.Status.Target - s.Status.Progress
	next := ""
	switch s.Quest.Metric {
	case HabitCompletions:
		next = plural(left, "habit", "habits") + " to go"
	case FocusSessions:
		next = plural(left, "focus session", "focus sessions") + " to go"
	default:
		return fmt.Sprintf("%d of %d %s", s.Status.Progress, s.Status.Target, period)
	}
	return fmt.Sprintf("%d of %d %s · %s", s.Status.Progress, s.Status.Target, period, next)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// metricOf is what a built-in quest counts ("" for another).
func metricOf(id string) string {
	for _, q := range Builtin {
		if q.ID == id {
			return q.Metric
		}
	}
	return ""
}

// fromToday puts a quest action's errors in Today's terms.
func fromToday(s Standing, err error) (Standing, error) {
	switch {
	case errors.Is(err, ErrNotFound):
		return s, suggest.ErrNotFound
	case errors.Is(err, ErrWrongState):
		return s, suggest.Refuse("That quest has moved on: it is claimed already or not complete yet.")
	}
	return s, err
}
