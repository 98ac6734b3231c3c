// Package market sells cosmetics for coins: colour themes, accent colours,
// badges and titles. A purchase checks and debits the balance and grants
// the item in one transaction, so coins for one item buy exactly one.
package market

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/seed"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/market"
)

// Catalog is the built-in market.
var Catalog = []db.UpsertMarketItemParams{
	{ID: "accent-violet", Kind: "accent", Name: "Violet accent", Description: "Buttons and highlights in violet.", Value: "violet", Price: 30, Position: 10},
	{ID: "accent-teal", Kind: "accent", Name: "Teal accent", Description: "Buttons and highlights in teal.", Value: "teal", Price: 30, Position: 20},
	{ID: "accent-rose", Kind: "accent", Name: "Rose accent", Description: "Buttons and highlights in rose.", Value: "rose", Price: 30, Position: 30},
	{ID: "theme-midnight", Kind: "theme", Name: "Midnight", Description: "A deeper, blue-black dark theme.", Value: "midnight", Price: 60, Position: 10},
	{ID: "theme-paper", Kind: "theme", Name: "Paper", Description: "A warm, off-white light theme.", Value: "paper", Price: 60, Position: 20},
	{ID: "badge-headphones", Kind: "badge", Name: "Headphones badge", Description: "Shown beside your avatar.", Value: "🎧", Price: 20, Position: 10},
	{ID: "badge-flame", Kind: "badge", Name: "Flame badge", Description: "Shown beside your avatar.", Value: "🔥", Price: 20, Position: 20},
	{ID: "title-relentless", Kind: "title", Name: "Title: The Relentless", Description: "Shown under your name.", Value: "The Relentless", Price: 50, Position: 10},
	{ID: "title-beatsmith", Kind: "title", Name: "Title: Beatsmith", Description: "Shown under your name.", Value: "Beatsmith", Price: 50, Position: 20},
}

// Seed loads the catalog; loading again updates it in place.
var Seed = seed.Set{Name: "market", Apply: func(ctx context.Context, tx pgx.Tx) error {
	q := db.New(tx)
	for _, item := range Catalog {
		if err := q.UpsertMarketItem(ctx, item); err != nil {
			return err
		}
	}
	return nil
}}

// Handler serves the market routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// NewHandler returns the market handler.
func NewHandler(pool *pgxpool.Pool) *Handler { return &Handler{pool: pool, q: db.New(pool)} }

// Register adds the market routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/market", h.list).Name = "market"
	e.POST("/market/:id/buy", h.buy).Name = "market.buy"
	e.POST("/market/:id/equip", h.equip(true)).Name = "market.equip"
	e.POST("/market/:id/unequip", h.equip(false)).Name = "market.unequip"
}

var notices = map[string]string{
	"bought":     "Bought. Wear it with the button beside it.",
	"equipped":   "Now wearing it everywhere in the app.",
	"unequipped": "Taken off.",
}

func (h *Handler) list(c echo.Context) error {
	return h.render(c, http.StatusOK, notices[c.QueryParam("done")], "")
}

func (h *Handler) render(c echo.Context, status int, notice, problem string) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	items, err := h.q.ListMarket(ctx, v.ID)
	if err != nil {
		return fmt.Errorf("market: unable to list items: %w", err)
	}
	bal, err := h.q.GetBalances(ctx, v.ID)
	if err != nil {
		return fmt.Errorf("market: unable to load balance of %s: %w", v.ID, err)
	}
	out := make([]views.Item, len(items))
	for i, it := range items {
		out[i] = views.Item{ID: it.ID, Kind: it.Kind, Name: it.Name, Description: it.Description, Price: int(it.Price),
			Owned: it.Owned, Equipped: it.Equipped, Affordable: bal.Coins >= int64(it.Price)}
	}
	return web.Render(c, status, "Market", views.List(out, bal.Coins, notice, problem, web.CSRFToken(c)))
}

var (
	errOwned        = errors.New("already owned")
	errInsufficient = errors.New("not enough coins")
)

// buy debits the price and grants the item in one transaction. The row
// lock on the balance makes simultaneous purchases queue, so coins for one
// item buy exactly one.
func (h *Handler) buy(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
		item, err := q.GetMarketItem(ctx, c.Param("id"))
		if err != nil {
			return err
		}
		coins, err := q.LockCoins(ctx, v.ID)
		if errors.Is(err, pgx.ErrNoRows) {
			coins = 0
		} else if err != nil {
			return err
		}
		owned, err := q.OwnsItem(ctx, db.OwnsItemParams{UserID: v.ID, ItemID: item.ID})
		switch {
		case err != nil:
			return err
		case owned:
			return errOwned
		case coins < int64(item.Price):
			return errInsufficient
		}
		if _, err := q.GrantItem(ctx, db.GrantItemParams{UserID: v.ID, ItemID: item.ID}); err != nil {
			return err
		}
		_, err = progress.Award(ctx, q, v.ID, progress.Entry{
			Key: "market:" + item.ID, Reason: "Bought “" + item.Name + "”", Coins: -item.Price,
		})
		return err
	})
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return echo.ErrNotFound
	case errors.Is(err, errOwned):
		return h.render(c, http.StatusConflict, "", "You already own that.")
	case errors.Is(err, errInsufficient):
		return h.render(c, http.StatusConflict, "", "Not enough coins for that yet. Complete habits, quests and goals to earn more.")
	case err != nil:
		return fmt.Errorf("market: unable to sell %s to %s: %w", c.Param("id"), v.ID, err)
	}
	return web.Redirect(c, "/market?done=bought")
}

// equip wears an owned item (replacing any other of its kind), or takes it
// off.
func (h *Handler) equip(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := web.CurrentViewer(c)
		ctx := c.Request().Context()
		item, err := h.q.GetMarketItem(ctx, c.Param("id"))
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("market: unable to load %s: %w", c.Param("id"), err)
		}
		owned, err := h.q.OwnsItem(ctx, db.OwnsItemParams{UserID: v.ID, ItemID: item.ID})
		if err != nil {
			return fmt.Errorf("market: unable to check ownership of %s: %w", item.ID, err)
		}
		if !owned {
			return h.render(c, http.StatusConflict, "", "Buy it first to wear it.")
		}
		if on {
			err = h.q.EquipItem(ctx, db.EquipItemParams{UserID: v.ID, Kind: item.Kind, ItemID: item.ID})
		} else {
			_, err = h.q.UnequipKind(ctx, db.UnequipKindParams{UserID: v.ID, Kind: item.Kind, ItemID: item.ID})
		}
		if err != nil {
			return fmt.Errorf("market: unable to equip %s: %w", item.ID, err)
		}
		if on {
			return web.Redirect(c, "/market?done=equipped")
		}
		return web.Redirect(c, "/market?done=unequipped")
	}
}
