// Package goals keeps long-term goals with ordered milestones, progress
// computed from the milestones, overdue marking and a one-time reward.
package goals

import (
	"time"

	"github.com/google/uuid"
)

// Category is a kind of goal and the skill completing one feeds.
type Category struct{ ID, Name, Skill string }

// Categories of goals, in display order.
var Categories = []Category{
	{"health", "Health", "guts"},
	{"career", "Career", "proficiency"},
	{"personal", "Personal", "kindness"},
	{"creative", "Creative", "charm"},
	{"financial", "Financial", "knowledge"},
}

// Reward is what completing a goal pays, once.
const (
	RewardXP    = 50
	RewardCoins = 10
)

// CategoryOf looks a category up by ID.
func CategoryOf(id string) Category {
	for _, c := range Categories {
		if c.ID == id {
			return c
		}
	}
	return Category{ID: id, Name: id}
}

// Percent is a goal's progress: the share of its milestones done, 100 once
// the goal is complete, 0 when it has none.
func Percent(done, total int, completed bool) int {
	switch {
	case completed:
		return 100
	case total == 0:
		return 0
	}
	return done * 100 / total
}

// Overdue reports whether an open goal's deadline has passed: a deadline
// is met until the end of its own day.
func Overdue(deadline time.Time, hasDeadline, completed bool, today time.Time) bool {
	return hasDeadline && !completed && deadline.Before(today)
}

// Move returns ids with the one at index i moved by delta (−1 up, +1 down);
// a move past either end changes nothing.
func Move(ids []uuid.UUID, i, delta int) []uuid.UUID {
	out := append([]uuid.UUID(nil), ids...)
	j := i + delta
	if i < 0 || i >= len(out) || j < 0 || j >= len(out) {
		return out
	}
	out[i], out[j] = out[j], out[i]
	return out
}
