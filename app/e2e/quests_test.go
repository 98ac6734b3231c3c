//go:build !fast

package e2e

import "testing"

func TestQuestsAdvanceAndClaim(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("quests@example.com", "Quinn")
	tab.Click(`.sidebar a:has-text("Quests")`)
	tab.WaitForPath("/quests")
	tab.ExpectText("#quest-daily-three-habits .progress-count", "0 / 3")

	// A habit completion moves the habit quests.
	tab.AddHabit("Stretch")
	tab.Click(`button[aria-label="Mark Stretch done"]`)
	tab.ExpectText("#habit-list .badge", "Done today")
	tab.Visit("/quests")
	tab.ExpectText("#quest-daily-three-habits .progress-count", "1 / 3")
	tab.ExpectText("#quest-weekly-fifteen-habits .progress-count", "1 / 15")

	// A quest marked by hand, then claimed once.
	tab.Click(`button[aria-label="Mark progress on Set an intention"]`)
	tab.ExpectText("#quest-daily-intention .progress-count", "1 / 1")
	tab.Click(`button[aria-label="Claim Set an intention"]`)
	tab.ExpectText("#quest-daily-intention .badge", "Claimed")
	tab.Audit()

	other := app.NewPhoneTab(t)
	other.SignIn("quests@example.com", "")
	other.Visit("/quests")
	other.ExpectText("#quest-daily-intention .badge", "Claimed")
	other.Visit("/progress")
	other.ExpectText("#coins", "4") // 2 for the habit, 2 for the quest
	other.ExpectText("#activity", "Quest “Set an intention”")
}
