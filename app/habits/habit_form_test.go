package habits_test

import (
	"net/http"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// TestTheFormOpensWhenAskedAndShowsWhatTheCadenceNeeds: with habits the
// add form stays folded until asked for; each cadence brings its own
// fields; a title over the limit is refused whole, never cut.
func TestTheFormOpensWhenAskedAndShowsWhatTheCadenceNeeds(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("form@example.com", "")
	if _, open := c.Get("/habits").Do().Attr("#habit-form-card", "open"); !open {
		t.Error("with no habit yet the form is folded")
	}
	createHabit(t, c, "title", "Stretch", "cadence", "daily", "skill", "guts")
	page := c.Get("/habits").Do()
	if _, open := page.Attr("#habit-form-card", "open"); open {
		t.Error("the form is open without being asked for")
	}
	if page.Doc().Find("#habit-times, [name=weekday]").Length() != 0 {
		t.Error("a daily habit's form shows fields of other cadences")
	}
	if _, open := c.Get("/habits?add=1").Do().Attr("#habit-form-card", "open"); !open {
		t.Error("?add does not open the form")
	}

	weekly := c.Get("/habits/cadence?cadence=weekly&times_per_week=3").HTMX().Do().AssertStatus(http.StatusOK)
	if v, _ := weekly.Attr("#habit-times", "value"); v != "3" {
		t.Errorf("times per week = %q, want the 3 typed", v)
	}
	days := c.Get("/habits/cadence?cadence=weekdays&weekday=1&weekday=3").HTMX().Do()
	if n := days.Doc().Find("[name=weekday]").Length(); n != 7 {
		t.Errorf("%d day boxes, want 7", n)
	}
	if n := days.Doc().Find("[name=weekday][checked]").Length(); n != 2 {
		t.Errorf("%d days kept, want 2", n)
	}
	if strings.TrimSpace(string(c.Get("/habits/cadence?cadence=daily").HTMX().Do().Body)) != "" {
		t.Error("every day needs no more fields")
	}
	c.Get("/habits/cadence?cadence=hourly").HTMX().Do().AssertStatus(http.StatusBadRequest)

	long := strings.Repeat("é", 81)
	bad := c.Post("/habits").Form("title", long, "cadence", "weekly", "times_per_week", "3", "skill", "guts").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#habit-title-error", "at most 80 characters")
	if v, _ := bad.Attr("#habit-title", "value"); v != long {
		t.Errorf("the long title came back as %q", v)
	}
	if _, has := bad.Attr("#habit-title", "maxlength"); has {
		t.Error("the title field cuts what is pasted into it")
	}
	if v, _ := bad.Attr("#habit-times", "value"); v != "3" {
		t.Error("the weekly count was lost with the error")
	}
}

// TestAllHabitsByWeek: the page sums every habit's weeks and lists the
// best streaks.
func TestAllHabitsByWeek(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("weeks@example.com", "")
	id := createHabit(t, c, "title", "Scales", "cadence", "daily", "skill", "guts")
	createHabit(t, c, "title", "Run", "cadence", "weekly", "times_per_week", "2", "skill", "guts")
	c.Post("/habits/" + id + "/complete").Do()
	page := c.Get("/habits").Do()
	first := page.Doc().Find("#habit-weeks tbody tr").First()
	if got := first.Find("td").First().Text(); got != "1" {
		t.Errorf("this week's done = %q, want 1", got)
	}
	if n := page.Doc().Find("#habit-weeks tbody tr").Length(); n != 8 {
		t.Errorf("%d weeks, want 8", n)
	}
	page.AssertText("#habit-best", "Scales · 1-day streak")
}
