package palette

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"ignition/app/module"
)

func labelsOf(cs []module.Command) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}

// TestRank: label matches before keyword matches, the better match first,
// the app's commands before the user's items on a tie, the same order
// whatever order the entries came in; an empty query lists the app's
// commands as declared; a query longer than anything matches nothing.
func TestRank(t *testing.T) {
	t.Parallel()
	entries := []module.Command{
		{Label: "Habits", Keywords: "habits streaks daily", Href: "/habits"},
		{Label: "Start a focus session", Keywords: "begin pomodoro timer", Action: "/focus/start"},
		{Label: "Focus", Keywords: "focus timer pomodoro break", Href: "/focus"},
		{Label: "Settings", Keywords: "preferences time zone theme", Href: "/settings"},
		{Label: "Focus", Keywords: "habit", Href: "/habits/1", Group: "Habits"},
		{Label: "Scales", Keywords: "habit", Href: "/habits/2", Group: "Habits"},
		{Label: "Sing scales daily", Keywords: "goal", Href: "/goals/3", Group: "Goals"},
	}
	if got := labelsOf(Rank("", entries, 3)); !slices.Equal(got, []string{"Habits", "Start a focus session", "Focus"}) {
		t.Errorf("empty query lists %q", got)
	}
	got := Rank("focus", entries, Shown)
	if want := []string{"Focus", "Focus", "Start a focus session"}; !slices.Equal(labelsOf(got)[:3], want) {
		t.Fatalf("focus lists %q, want %q first", labelsOf(got), want)
	}
	if got[0].Group != "" || got[1].Group != "Habits" {
		t.Errorf("on a tie the app's page comes before the user's habit: %+v", got[:2])
	}
	if got := labelsOf(Rank("pomodoro", entries, Shown)); len(got) != 2 || !slices.Contains(got, "Focus") {
		t.Errorf("keywords find %q", got)
	}
	if got := labelsOf(Rank("scales", entries, Shown)); !slices.Equal(got, []string{"Scales", "Sing scales daily"}) {
		t.Errorf("scales lists %q", got)
	}
	reversed := slices.Clone(entries)
	slices.Reverse(reversed)
	for _, q := range []string{"s", "fo", "sca", "ti"} {
		a, b := labelsOf(Rank(q, entries, Shown)), labelsOf(Rank(q, reversed, Shown))
		if !slices.Equal(a, b) {
			t.Errorf("%q lists %q or %q depending on the entries' order", q, a, b)
		}
	}
	if got := Rank(strings.Repeat("a", maxQuery+1), entries, Shown); len(got) != 0 {
		t.Errorf("an overlong query matched %d", len(got))
	}
	if got := Rank("zzzz", entries, Shown); len(got) != 0 {
		t.Errorf("zzzz matched %q", labelsOf(got))
	}
	many := slices.Clone(entries)
	for i := range 600 {
		many = append(many, module.Command{Label: fmt.Sprintf("Habit %d", i), Href: fmt.Sprint(i), Group: "Habits"})
	}
	if got := Rank("habit", many, Shown); len(got) != Shown || got[0].Label != "Habits" {
		t.Errorf("600 items: %d listed, first %q", len(got), got[0].Label)
	}
}
