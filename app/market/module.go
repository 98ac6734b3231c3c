// Package market sells cosmetics for coins: colour themes, accent colours,
// badges and titles. A purchase checks and debits the balance and grants
// the item in one transaction, so coins for one item buy exactly one.
package market

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/seed"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/layout"
)

// Kinds are the kinds of item: a colour theme, an accent colour, a badge
// beside the avatar, a title under the name.
var Kinds = []string{"theme", "accent", "badge", "title"}

// Catalog is the built-in market.
var Catalog = []db.UpsertMarketItemParams{
	{ID: "accent-violet", Kind: "accent", Name: "Violet accent", Description: "Buttons and highlights in violet.", Value: "violet", Price: 30, Position: 10},
	{ID: "accent-teal", Kind: "accent", Name: "Teal accent", Description: "Buttons and highlights in teal.", Value: "teal", Price: 30, Position: 20},
	{ID: "accent-rose", Kind: "accent", Name: "Rose accent", Description: "Buttons and highlights in rose.", Value: "rose", Price: 30, Position: 30},
	{ID: "theme-midnight", Kind: "theme", Name: "Midnight", Description: "A deeper, blue-black dark theme.", Value: "midnight", Price: 60, Position: 10},
	{ID: "theme-paper", Kind: "theme", Name: "Paper", Description: "A warm, off-white light theme.", Value: "paper", Price: 60, Position: 20},
	{ID: "badge-headphones", Kind: "badge", Name: "Headphones badge", Description: "Shown beside your avatar.", Value: "headphones", Price: 20, Position: 10},
	{ID: "badge-flame", Kind: "badge", Name: "Flame badge", Description: "Shown beside your avatar.", Value: "flame", Price: 20, Position: 20},
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
}

// Module is the market: buying cosmetics, and wearing them on every page.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool}
	return module.Module{
		Name:    "market",
		Privacy: []module.Privacy{{Kind: "Market", Readable: []string{"What you bought and what you wear"}}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.list)
			r.Private.POST(URL+"/:id/buy", h.buy)
			r.Private.POST(URL+"/:id/equip", h.equip(true))
			r.Private.POST(URL+"/:id/unequip", h.equip(false))
		},
		Nav:      []module.Nav{{Label: "Market", Href: URL, Order: 70}},
		Commands: []module.Command{{Label: "Market", Keywords: "shop buy themes badges titles coins", Href: URL}},
		Shell:    []web.ShellSource{worn},
		Seeds:    []seed.Set{Seed},
	}
}

// URL is the market's page; an item's actions are below it.
const URL = "/market"

// worn shows on every page what the user wears: the theme and accent on
// the document, the badge and title in the user menu.
func worn(b *store.Batch, sessionHash []byte) web.ShellFill {
	var w db.GetWornBySessionRow
	store.One(b, db.GetWornBySession, &w, sessionHash)
	return func(s *layout.Shell, _ calendar.Calendar) {
		s.Skin, s.Accent = w.Skin, w.Accent
		if s.User != nil {
			s.User.Badge, s.User.Title = w.Badge, w.Title
		}
	}
}
