package focus

import (
	"time"

	"github.com/a-h/templ"
	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	views "ignition/views/focus"
)

// statsPanel is focus's section of the Progress page.
func statsPanel(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (templ.Component, error) {
	var st db.FocusStatsRow
	store.One(b, db.FocusStats, &st, db.FocusStatsParams{UserID: user, DayFrom: cal.TodayBegan(), WeekFrom: cal.WeekBegan(),
		Zone: cal.Zone.At(cal.Now).String()})
	return func() (templ.Component, error) {
		return views.Stats(views.StatsData{
			TodaySessions: int(st.DaySessions), TodayMinutes: int(st.DaySeconds / 60),
			WeekSessions: int(st.WeekSessions), WeekMinutes: int(st.WeekSeconds / 60),
			Streak: DayStreak(st.Days, cal.Today), Sessions: int(st.Sessions),
			// Every focus session trains one skill.
			BySkill: []views.SkillMinutes{{Skill: progress.SkillName(rewardSkill), Minutes: int(st.Seconds / 60)}},
		}), nil
	}
}

// DayStreak counts the days in a row, up to today, with a focus session:
// days are the user's local days with one, newest first. A streak still
// counts on a day without one yet, until that day is over.
func DayStreak(days []time.Time, today time.Time) int {
	want := today
	if len(days) > 0 && !days[0].Equal(today) {
		want = today.AddDate(0, 0, -1)
	}
	n := 0
	for _, d := range days {
		if !d.Equal(want) {
			break
		}
		n++
		want = want.AddDate(0, 0, -1)
	}
	return n
}
