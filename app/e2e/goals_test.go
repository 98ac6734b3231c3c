//go:build !fast

package e2e

import "testing"

func TestGoalWithMilestones(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("goals@example.com", "Gus")
	tab.Click(`.sidebar a:has-text("Goals")`)
	tab.WaitForPath("/goals")
	tab.ExpectText(".empty h2", "No goals yet")

	tab.Click(`#goal-form button[type=submit]`)
	tab.ExpectText("#goal-title-error", "Title is required.")
	tab.Audit()
	tab.Fill("#goal-title", "Release the EP")
	if _, err := tab.Page.Locator("#goal-category").SelectOption(selectValue("creative")); err != nil {
		t.Fatal(err)
	}
	tab.Fill("#goal-deadline", "2099-03-01")
	tab.Click(`#goal-form button[type=submit]`)
	tab.WaitForPath("/goals/**")
	tab.ExpectText("h1", "Release the EP")

	for _, m := range []string{"Write four songs", "Record", "Master"} {
		tab.Fill("#milestone-title", m)
		tab.Click(`#milestone-form button[type=submit]`)
		tab.ExpectText("#milestones", m)
	}
	tab.Click(`button[aria-label="Move Master up"]`)
	tab.ExpectText("#milestones li:nth-child(2)", "Master")
	tab.Click(`button[aria-label="Mark Write four songs done"]`)
	tab.ExpectText(".goal-progress", "33%")
	tab.Click(`summary[aria-label="Rename Record"]`)
	tab.Fill(`#milestones details[open] input[name=title]`, "Record vocals")
	tab.Click(`#milestones details[open] button[type=submit]`)
	tab.ExpectText("#milestones", "Record vocals")
	tab.Audit()

	tab.Click(`button:has-text("Complete goal")`)
	tab.ExpectText("#progress-title .badge", "Completed")

	other := app.NewPhoneTab(t)
	other.SignIn("goals@example.com", "")
	other.Visit("/goals")
	other.ExpectText("#goal-list .badge", "Completed")
	other.Visit("/progress")
	other.ExpectText("#coins", "10")

	// Deleting asks first; what it paid stays.
	tab.Click(`summary:has-text("Delete this goal")`)
	tab.Click("#goal-delete-confirm")
	tab.WaitForPath("/goals?done=deleted")
	tab.ExpectText(`[role="status"]`, "Goal deleted.")
	tab.Visit("/progress")
	tab.ExpectText("#coins", "10")
}
