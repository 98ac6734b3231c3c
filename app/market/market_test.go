package market_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"ignition/app/apptest"
	"ignition/app/decision"
	"ignition/app/progress"
	"ignition/app/store/db"
)

// grant gives the user coins through the ledger, as earning would.
func grant(t *testing.T, env *apptest.Env, email string, coins int32) {
	t.Helper()
	var id uuid.UUID
	if err := env.Pool.QueryRow(t.Context(), "SELECT id FROM users WHERE email = $1", email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	err := pgx.BeginFunc(t.Context(), env.Pool, func(tx pgx.Tx) error {
		_, err := progress.Reward(t.Context(), db.New(tx), id, decision.Key{Kind: "test", ID: "grant"}, progress.Entry{Key: "test:" + uuid.NewString(), Reason: "Test grant", Coins: coins})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func coinsOf(t *testing.T, env *apptest.Env, email string) (coins, ledger int64, items int) {
	t.Helper()
	err := env.Pool.QueryRow(t.Context(), `SELECT p.coins, (SELECT sum(coins) FROM ledger_entries l WHERE l.user_id = u.id),
		(SELECT count(*) FROM user_items i WHERE i.user_id = u.id)
		FROM users u JOIN user_progress p ON p.user_id = u.id WHERE u.email = $1`, email).Scan(&coins, &ledger, &items)
	if err != nil {
		t.Fatal(err)
	}
	if coins != ledger {
		t.Fatalf("balance %d disagrees with the ledger's %d", coins, ledger)
	}
	return coins, ledger, items
}

func TestBuyEquipAndWear(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("shopper@example.com", "")
	page := c.Get("/market").Do().AssertStatus(http.StatusOK)
	page.AssertText("#coins", "0")
	if page.Doc().Find(`#item-accent-violet form[action$="/buy"]`).Length() != 0 {
		t.Error("an unaffordable item can be bought")
	}
	page.AssertText("#item-accent-violet .coins-short", "30 more coins").AssertText("#market-level", "1")
	if page.Doc().Find("#item-theme-midnight .swatch-theme-midnight").Length() != 1 || page.Doc().Find("#item-badge-flame svg.badge-icon").Length() != 1 {
		t.Error("themes and badges are described, not shown")
	}
	c.Post("/market/accent-violet/buy").Do().AssertStatus(http.StatusConflict).AssertText(".alert-error", "Not enough coins")

	grant(t, env, "shopper@example.com", 50)
	c.Post("/market/accent-violet/buy").Do().AssertRedirect("/market?done=bought")
	c.Post("/market/accent-violet/buy").Do().AssertStatus(http.StatusConflict).AssertText(".alert-error", "already own")
	if coins, _, items := coinsOf(t, env, "shopper@example.com"); coins != 20 || items != 1 {
		t.Fatalf("after buying: %d coins, %d items; want 20 and 1", coins, items)
	}
	c.Post("/market/badge-flame/equip").Do().AssertStatus(http.StatusConflict).AssertText(".alert-error", "Buy it first")
	c.Post("/market/no-such-item/buy").Do().AssertStatus(http.StatusNotFound)

	c.Post("/market/accent-violet/equip").Do().AssertRedirect("/market?done=equipped")
	if a, _ := c.Get("/today").Do().Attr("html", "data-accent"); a != "violet" {
		t.Errorf("accent on every page = %q, want violet", a)
	}
	grant(t, env, "shopper@example.com", 100)
	c.Post("/market/badge-headphones/buy").Do()
	c.Post("/market/badge-headphones/equip").Do()
	c.Post("/market/title-beatsmith/buy").Do()
	c.Post("/market/title-beatsmith/equip").Do()
	today := c.Get("/today").Do()
	if today.Doc().Find("#user-menu .user-badge svg.badge-icon").Length() != 1 {
		t.Error("the worn badge is not drawn")
	}
	today.AssertText("#user-menu .user-title", "Beatsmith")
	c.Get("/progress").Do().AssertText("#activity", "Bought “Title: Beatsmith”")

	c.Post("/market/accent-violet/unequip").Do().AssertRedirect("/market?done=unequipped")
	if _, has := c.Get("/today").Do().Attr("html", "data-accent"); has {
		t.Error("a removed accent is still worn")
	}
	other := env.SignIn("other@example.com", "")
	if _, has := other.Get("/today").Do().Attr("html", "data-accent"); has {
		t.Error("another user wears this user's accent")
	}
}

// TestParallelPurchasesSpendOnce sends simultaneous purchases of two items
// with coins for only one: exactly one succeeds.
func TestParallelPurchasesSpendOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("racer@example.com", "")
	grant(t, env, "racer@example.com", 60) // enough for one theme
	items := []string{"theme-midnight", "theme-paper", "theme-midnight", "theme-paper", "theme-midnight", "theme-paper"}
	statuses := make([]int, len(items))
	var wg sync.WaitGroup
	for i, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = c.Post("/market/" + item + "/buy").Do().StatusCode
		}()
	}
	wg.Wait()
	bought := 0
	for _, s := range statuses {
		if s == http.StatusSeeOther {
			bought++
		} else if s != http.StatusConflict {
			t.Errorf("unexpected status %d", s)
		}
	}
	coins, _, owned := coinsOf(t, env, "racer@example.com")
	if bought != 1 || owned != 1 || coins != 0 {
		t.Fatalf("%d purchases succeeded, %d items owned, %d coins left; want 1, 1, 0 (%v)", bought, owned, coins, statuses)
	}
}
