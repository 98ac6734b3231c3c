// Package progress keeps the rewards loop: the XP and coin ledger, levels
// and skills, and the progress page.
package progress

import "ignition/app/form"

func init() { form.Choices("skill", SkillIDs()...) }

// SkillIDs lists the skills' IDs, in display order.
func SkillIDs() []string {
	out := make([]string, len(Skills))
	for i, s := range Skills {
		out[i] = s.ID
	}
	return out
}

// Skills are the five skills rewarding actions feed, in display order.
var Skills = []Skill{
	{"knowledge", "Knowledge"},
	{"guts", "Guts"},
	{"proficiency", "Proficiency"},
	{"kindness", "Kindness"},
	{"charm", "Charm"},
}

// Skill is one of the five skills.
type Skill struct{ ID, Name string }

// SkillName returns the display name of a skill ID.
func SkillName(id string) string {
	for _, s := range Skills {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// Level describes where a total of XP stands on the level curve.
type Level struct {
	Number  int   // 1 for a new user
	Into    int64 // XP earned since reaching this level
	ToNext  int64 // XP this level takes in all
	Percent int   // Into as a percentage of ToNext
}

// LevelFor places xp on the curve: reaching level n+1 from level n takes
// 100·n XP, so level L starts at 50·L·(L−1) XP in total (100, 300, 600, …).
func LevelFor(xp int64) Level {
	if xp < 0 {
		xp = 0
	}
	n := int64(1)
	for 50*(n+1)*n <= xp {
		n++
	}
	into := xp - 50*n*(n-1)
	toNext := 100 * n
	return Level{Number: int(n), Into: into, ToNext: toNext, Percent: int(into * 100 / toNext)}
}
