package market

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

var (
	// ErrOwned refuses to sell an item the user already has.
	ErrOwned = errors.New("market: already owned")
	// ErrUnknown is an item the market does not sell.
	ErrUnknown = errors.New("market: no such item")
)

// Buy debits the item's price and grants it to the user, through q (the
// purchase's transaction). The row lock on the balance makes simultaneous
// purchases queue, so coins for one item buy exactly one; past the balance
// it refuses with progress.ErrNotEnoughCoins.
func Buy(ctx context.Context, q *db.Queries, user uuid.UUID, itemID string) error {
	item, err := q.GetMarketItem(ctx, itemID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrUnknown
	}
	if err != nil {
		return err
	}
	coins, err := q.LockCoins(ctx, user)
	if errors.Is(err, pgx.ErrNoRows) {
		coins = 0
	} else if err != nil {
		return err
	}
	owned, err := q.OwnsItem(ctx, db.OwnsItemParams{UserID: user, ItemID: item.ID})
	switch {
	case err != nil:
		return err
	case owned:
		return ErrOwned
	case coins < int64(item.Price):
		return progress.ErrNotEnoughCoins
	}
	if _, err := q.GrantItem(ctx, db.GrantItemParams{UserID: user, ItemID: item.ID}); err != nil {
		return err
	}
	_, err = progress.Spend(ctx, q, user, progress.Entry{Key: "market:" + item.ID, Reason: "Bought “" + item.Name + "”", Coins: -item.Price})
	return err
}

func (h *Handler) buy(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err := store.Tx(ctx, h.pool, func(q *db.Queries) error { return Buy(ctx, q, v.ID, c.Param("id")) })
	switch {
	case errors.Is(err, ErrUnknown):
		return echo.ErrNotFound
	case errors.Is(err, ErrOwned):
		return h.render(c, http.StatusConflict, "", "You already own that.")
	case errors.Is(err, progress.ErrNotEnoughCoins):
		return h.render(c, http.StatusConflict, "", "Not enough coins for that yet. Complete habits, quests and goals to earn more.")
	case err != nil:
		return fmt.Errorf("market: unable to sell %s to %s: %w", c.Param("id"), v.ID, err)
	}
	return web.Redirect(c, URL+"?done=bought")
}
