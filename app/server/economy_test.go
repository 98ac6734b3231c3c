package server_test

import (
	"slices"
	"testing"

	"ignition/app/focus"
	"ignition/app/habits"
	"ignition/app/market"
	"ignition/app/quests"
	"ignition/app/store/db"
)

// TestTheFirstItemTakesAboutTwoOrdinaryDays holds the economy the README's
// table states: on an ordinary day (two habits, one focus session, the
// day's intention) a new user earns 11 coins, so the cheapest item in the
// market is within reach on the second day, not the first.
func TestTheFirstItemTakesAboutTwoOrdinaryDays(t *testing.T) {
	t.Parallel()
	quest := func(id string) int32 {
		i := slices.IndexFunc(quests.Builtin, func(q db.UpsertQuestParams) bool { return q.ID == id })
		if i < 0 {
			t.Fatalf("no quest %s", id)
		}
		return quests.Builtin[i].Coins
	}
	day := 2*habits.RewardCoins + focus.RewardCoins + int(quest("daily-intention"))
	if day != 11 {
		t.Errorf("an ordinary day earns %d coins; the README says 11", day)
	}
	cheapest := market.Catalog[0].Price
	for _, it := range market.Catalog {
		cheapest = min(cheapest, it.Price)
	}
	if int(cheapest) <= day || int(cheapest) > 2*day {
		t.Errorf("the cheapest item costs %d coins: with %d a day it is not within reach on the second day", cheapest, day)
	}
}
