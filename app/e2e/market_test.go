//go:build !fast

package e2e

import "testing"

func TestMarketBuyAndWear(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("shop@example.com", "Sky")
	// Coins as if earned: a ledger entry and the balance it moves.
	app.Exec(t, `WITH u AS (SELECT id FROM users WHERE email = 'shop@example.com'),
		l AS (INSERT INTO ledger_entries (user_id, key, reason, coins) SELECT id, 'test:grant', 'Test grant', 80 FROM u)
		INSERT INTO user_progress (user_id, coins) SELECT id, 80 FROM u`)

	tab.Click(`.sidebar a:has-text("Market")`)
	tab.WaitForPath("/market")
	tab.ExpectText("#coins", "80")
	tab.Click(`summary[aria-label="Buy Violet accent for 30 coins"]`)
	tab.ExpectText("#item-accent-violet .buy", "Spend 30 of your 80 coins on Violet accent?")
	tab.Click(`button[aria-label="Confirm: buy Violet accent"]`)
	tab.WaitForPath("/market?done=bought")
	tab.ExpectText("#coins", "50")
	tab.Click(`button[aria-label="Wear Violet accent"]`)
	tab.WaitForPath("/market?done=equipped")
	tab.ExpectAttr("html", "data-accent", "violet")

	tab.Click(`summary[aria-label="Buy Title: Beatsmith for 50 coins"]`)
	tab.Click(`button[aria-label="Confirm: buy Title: Beatsmith"]`)
	tab.WaitForPath("/market?done=bought")
	tab.Click(`button[aria-label="Wear Title: Beatsmith"]`)
	tab.WaitForPath("/market?done=equipped")
	tab.ExpectText("#item-theme-midnight .coins-short", "60 more coins")
	if n, _ := tab.Page.Locator(`#item-theme-midnight form`).Count(); n != 0 {
		t.Error("an item the user cannot afford can be bought")
	}
	tab.Audit()

	other := app.NewPhoneTab(t)
	other.SignIn("shop@example.com", "")
	other.Visit("/today")
	other.ExpectAttr("html", "data-accent", "violet")
	other.Click("#user-menu summary")
	other.ExpectText("#user-menu .user-title", "Beatsmith")
	other.Audit()
}
