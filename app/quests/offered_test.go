package quests

import (
	"testing"

	"ignition/app/store/db"
)

func TestTodayOffersAnotherModulesQuestOnceItHasProgress(t *testing.T) {
	t.Parallel()
	workouts := Rewarded("exercise-session")
	for _, c := range []struct {
		metric   string
		progress int
		claimed  bool
		want     bool
	}{
		{HabitCompletions, 0, false, true},
		{Manual, 0, false, true},
		{HabitCompletions, 3, true, false}, // claimed
		{workouts, 0, false, false},        // a domain not used this period
		{workouts, 1, false, true},
		{workouts, 3, true, false},
	} {
		s := Standing{Quest: db.Quest{Metric: c.metric}, Status: Status{Progress: c.progress, Target: 3, Claimed: c.claimed}}
		if got := offered(s); got != c.want {
			t.Errorf("%s at %d (claimed %v): offered %v, want %v", c.metric, c.progress, c.claimed, got, c.want)
		}
	}
}
