package quests

import (
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"ignition/app/calendar"
	"ignition/app/store/db"
)

// Standing is a quest, where the user stands on it this period, and how
// often they claimed it before (LastClaimedAt is zero when never).
type Standing struct {
	Quest         db.Quest
	Status        Status
	Claims        int
	LastClaimedAt time.Time
}

// standingsParams asks for the active quests (or the one with id, when not
// "") and the user's standing on each in the periods of cal.
func standingsParams(user uuid.UUID, cal calendar.Calendar, id string) db.ListQuestStandingsParams {
	week := PeriodStart(Weekly, cal.Today, cal.WeekStart)
	weekEnd := PeriodEnd(Weekly, week)
	return db.ListQuestStandingsParams{
		UserID: user, Day: cal.Today, WeekStart: week, WeekEnd: weekEnd,
		DayFrom: cal.TodayBegan(), DayTo: cal.Midnight(cal.Today.AddDate(0, 0, 1)),
		WeekFrom: cal.Midnight(week), WeekTo: cal.Midnight(weekEnd.AddDate(0, 0, 1)),
		QuestID: pgtype.Text{String: id, Valid: id != ""},
	}
}

// standingsOf turns the rows of ListQuestStandings into standings.
func standingsOf(rows []db.ListQuestStandingsRow) []Standing {
	out := make([]Standing, len(rows))
	for i, r := range rows {
		done := int(r.Manual)
		switch r.Quest.Metric {
		case HabitCompletions:
			done = int(r.HabitsDone)
		case FocusSessions:
			done = int(r.FocusDone)
		default:
			if strings.HasPrefix(r.Quest.Metric, rewarded) {
				done = int(r.RewardedDone)
			}
		}
		out[i] = Standing{Quest: r.Quest, Status: StatusOf(int(r.Quest.Target), done, r.Claimed),
			Claims: int(r.Claims), LastClaimedAt: r.LastClaimedAt}
	}
	return out
}
