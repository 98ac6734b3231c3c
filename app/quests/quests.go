// Package quests keeps the universal daily and weekly quests: progress that
// follows what the user does, periods that reset at the user's local day
// and week boundary, and a one-time claim of each period's reward.
package quests

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"ignition/app/calendar"
	"ignition/app/seed"
	"ignition/app/store/db"
)

// The periods and metrics.
const (
	Daily  = "daily"
	Weekly = "weekly"

	HabitCompletions = "habit_completions" // habits completed in the period
	FocusSessions    = "focus_sessions"    // focus sessions completed in the period
	Manual           = "manual"            // advanced by hand
)

// Rewarded is the metric of a quest another module keeps: it counts the
// rewards paid in the period whose ledger key starts with prefix + ":"
// (Rewarded("exercise-session") counts finished workouts). The module
// seeds such a quest itself, so quests never read its tables.
func Rewarded(prefix string) string { return rewarded + prefix }

const rewarded = "rewarded:"

// Periods and Metrics list the periods and the metrics of this module's
// own quests.
var (
	Periods = []string{Daily, Weekly}
	Metrics = []string{HabitCompletions, FocusSessions, Manual}
)

// Builtin are the universal quests every installation starts with.
var Builtin = []db.UpsertQuestParams{
	{ID: "daily-three-habits", Title: "Complete 3 habits today", Description: "Any three of your habits.",
		Period: Daily, Metric: HabitCompletions, Target: 3, Skill: "proficiency", Xp: 30, Coins: 5, Position: 10},
	{ID: "daily-intention", Title: "Set an intention", Description: "Write down the one thing that would make today a good day, then mark it here.",
		Period: Daily, Metric: Manual, Target: 1, Skill: "knowledge", Xp: 10, Coins: 2, Position: 20},
	{ID: "daily-two-focus", Title: "Finish 2 focus sessions", Description: "Two full focus sessions today.",
		Period: Daily, Metric: FocusSessions, Target: 2, Skill: "guts", Xp: 40, Coins: 8, Position: 15},
	{ID: "weekly-fifteen-habits", Title: "Complete 15 habits this week", Description: "Keep the chain going all week.",
		Period: Weekly, Metric: HabitCompletions, Target: 15, Skill: "guts", Xp: 100, Coins: 20, Position: 30},
	{ID: "weekly-share", Title: "Share your progress", Description: "Tell a friend or collaborator what you made this week, then mark it here.",
		Period: Weekly, Metric: Manual, Target: 1, Skill: "kindness", Xp: 40, Coins: 10, Position: 40},
}

// Seed loads the built-in quests; loading again updates them in place.
var Seed = seed.Set{Name: "quests", Apply: func(ctx context.Context, tx pgx.Tx) error {
	q := db.New(tx)
	for _, quest := range Builtin {
		if err := q.UpsertQuest(ctx, quest); err != nil {
			return err
		}
	}
	return nil
}}

// PeriodStart is the first day of the period that contains today: today
// itself for a daily quest, the start of the user's week for a weekly one.
func PeriodStart(period string, today time.Time, weekStart time.Weekday) time.Time {
	if period == Weekly {
		return calendar.WeekOf(today, weekStart)
	}
	return today
}

// PeriodEnd is the last day of the period that starts on start.
func PeriodEnd(period string, start time.Time) time.Time {
	if period == Weekly {
		return start.AddDate(0, 0, 6)
	}
	return start
}

// Status is where a user stands on a quest this period.
type Status struct {
	Progress int // capped at the target
	Target   int
	Complete bool
	Claimed  bool
}

// StatusOf combines what the user did (done) with the claim.
func StatusOf(target, done int, claimed bool) Status {
	p := min(max(done, 0), target)
	return Status{Progress: p, Target: target, Complete: p >= target, Claimed: claimed}
}
