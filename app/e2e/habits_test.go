//go:build !fast

package e2e

import (
	"testing"
)

func TestHabitLoopUpdatesEveryPage(t *testing.T) {
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("loop@example.com", "Lou")

	laptop.Click(`.sidebar a:has-text("Habits")`)
	laptop.WaitForPath("/habits")
	laptop.ExpectText(".empty h2", "No habits yet")

	// Each cadence brings its own fields, from the server.
	if n, _ := laptop.Page.Locator("#habit-times, [name=weekday]").Count(); n != 0 {
		t.Error("an every-day habit's form shows other cadences' fields")
	}
	laptop.Click(`label.choice:has-text("Times per week")`)
	laptop.ExpectAttr("#habit-times", "type", "number")

	// A bad habit is refused with the fields kept.
	laptop.Fill("#habit-title", "")
	laptop.Click(`label.choice:has-text("On chosen days")`)
	laptop.ExpectText("#habit-cadence-fields", "Wed")
	laptop.Click(`#habit-form button[type=submit]`)
	laptop.ExpectText("#habit-title-error", "Title is required.")
	laptop.ExpectText("#habit-weekday-error", "Choose at least one day.")
	laptop.Audit()

	laptop.Fill("#habit-title", "Morning pages")
	laptop.Click(`label.choice:has-text("Every day")`)
	if _, err := laptop.Page.Locator("#habit-skill").SelectOption(selectValue("knowledge")); err != nil {
		t.Fatal(err)
	}
	laptop.Click(`#habit-form button[type=submit]`)
	laptop.WaitForPath("/habits")
	laptop.ExpectText("#habit-list", "Morning pages")
	laptop.ExpectText("#habit-list .streak", "No streak yet")

	laptop.Click(`button[aria-label="Mark Morning pages done"]`)
	laptop.ExpectText("#habit-list .streak", "1-day streak")
	laptop.ExpectText("#habit-list .badge", "Done today")
	laptop.ExpectText("#habit-weeks", "1")
	laptop.Audit()
	// With a habit, adding another waits until asked for.
	if open, _ := laptop.Page.Locator("#habit-form-card").GetAttribute("open"); open != "" {
		t.Error("the add form is open unasked")
	}
	laptop.Click(`#habit-form-card summary`)
	laptop.ExpectAttr("#habit-form-card", "open", "")

	laptop.Click(`.sidebar a:has-text("Progress")`)
	laptop.WaitForPath("/progress")
	laptop.ExpectText("#coins", "2")
	laptop.ExpectText("#xp-into", "10")
	laptop.ExpectText("#activity", "Completed “Morning pages”")
	laptop.ExpectText("#skill-totals", "Knowledge")

	// Another device sees the same after loading.
	phone := app.NewPhoneTab(t)
	phone.SignIn("loop@example.com", "")
	phone.Visit("/habits")
	phone.ExpectText("#habit-list .streak", "1-day streak")
	phone.Visit("/progress")
	phone.ExpectText("#coins", "2")

	// The habit's own page: figures, heatmap, edit, archive.
	laptop.Visit("/habits")
	laptop.Click(`a.habit-title:has-text("Morning pages")`)
	laptop.WaitForPath("/habits/**")
	laptop.ExpectText("#stat-current", "1-day streak")
	laptop.ExpectText("#stat-rate7", "100%")
	if n, _ := laptop.Page.Locator(".heatmap rect.hm-done").Count(); n != 1 {
		t.Errorf("heatmap shows %d done days, want 1", n)
	}

	// Undo takes back the streak and the reward everywhere.
	laptop.Visit("/habits")
	laptop.Click(`button[aria-label="Undo Morning pages"]`)
	laptop.ExpectText("#habit-list .streak", "No streak yet")
	phone.Visit("/progress")
	phone.ExpectText("#coins", "0")
	phone.ExpectText("#activity", "Undid “Morning pages”")
}
