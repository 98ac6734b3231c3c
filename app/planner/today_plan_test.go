package planner

import (
	"fmt"
	"testing"
	"time"

	views "ignition/views/planner"
)

// TestTodayListsWhatIsOnAndNext: events already over are counted, not
// listed; an all-day one lasts the day; past the first few the rest are
// counted; the link names both.
func TestTodayListsWhatIsOnAndNext(t *testing.T) {
	day := time.Date(2027, 3, 8, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return day.Add(time.Duration(h) * time.Hour) }
	event := func(title string, from, to int) views.Event {
		return views.Event{Title: title, Start: at(from), End: at(to)}
	}
	allDay := views.Event{Title: "Holiday", AllDay: true, Start: day, End: day.AddDate(0, 0, 1)}
	cases := []struct {
		name           string
		events         []views.Event
		now            int
		shown          string
		earlier, later int
		rest           string
	}{
		{"a morning", []views.Event{allDay, event("Run", 7, 8), event("Lesson", 10, 11)}, 6, "[Holiday Run Lesson]", 0, 0, ""},
		{"one over, one on", []views.Event{event("Run", 7, 8), event("Lesson", 10, 12)}, 11, "[Lesson]", 1, 0, "See the whole day (1 earlier)"},
		{"ends as it is read", []views.Event{event("Run", 7, 8)}, 8, "[]", 1, 0, "See the whole day (1 earlier)"},
		{"all day at night", []views.Event{allDay, event("Run", 7, 8)}, 23, "[Holiday]", 1, 0, "See the whole day (1 earlier)"},
		{"a full day", []views.Event{event("A", 1, 2), event("B", 9, 10), event("C", 10, 11), event("D", 11, 12), event("E", 12, 13), event("F", 13, 14), event("G", 14, 15), event("H", 15, 16)},
			9, "[B C D E F]", 1, 2, "See the whole day (1 earlier, 2 later)"},
		{"nothing over", []views.Event{event("B", 9, 10), event("C", 10, 11), event("D", 11, 12), event("E", 12, 13), event("F", 13, 14), event("G", 14, 15)},
			0, "[B C D E F]", 0, 1, "See the whole day (1 later)"},
	}
	for _, c := range cases {
		p := todayPlan(c.events, at(c.now), day)
		var titles []string
		for _, e := range p.Events {
			titles = append(titles, e.Title)
		}
		if got := fmt.Sprint(titles); got != c.shown || p.Earlier != c.earlier || p.Later != c.later {
			t.Errorf("%s: shows %s, %d earlier, %d later; want %s, %d, %d", c.name, got, p.Earlier, p.Later, c.shown, c.earlier, c.later)
		}
		if rest := p.Rest(); c.rest != "" && rest != c.rest {
			t.Errorf("%s: says %q, want %q", c.name, rest, c.rest)
		}
	}
}
