package market

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// ErrNotOwned refuses to put on an item the user has not bought.
var ErrNotOwned = errors.New("market: not owned")

// Equip puts an owned item on (replacing any other of its kind), or with on
// false takes it off.
func Equip(ctx context.Context, q *db.Queries, user uuid.UUID, itemID string, on bool) error {
	item, err := q.GetMarketItem(ctx, itemID)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrUnknown
	}
	if err != nil {
		return err
	}
	owned, err := q.OwnsItem(ctx, db.OwnsItemParams{UserID: user, ItemID: item.ID})
	switch {
	case err != nil:
		return err
	case !owned:
		return ErrNotOwned
	case on:
		return q.EquipItem(ctx, db.EquipItemParams{UserID: user, Kind: item.Kind, ItemID: item.ID})
	}
	_, err = q.UnequipKind(ctx, db.UnequipKindParams{UserID: user, Kind: item.Kind, ItemID: item.ID})
	return err
}

func (h *Handler) equip(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := web.CurrentViewer(c)
		err := Equip(c.Request().Context(), db.New(h.pool), v.ID, c.Param("id"), on)
		switch {
		case errors.Is(err, ErrUnknown):
			return echo.ErrNotFound
		case errors.Is(err, ErrNotOwned):
			return h.render(c, http.StatusConflict, "", "Buy it first to wear it.")
		case err != nil:
			return fmt.Errorf("market: unable to equip %s for %s: %w", c.Param("id"), v.ID, err)
		case on:
			return web.Redirect(c, URL+"?done=equipped")
		}
		return web.Redirect(c, URL+"?done=unequipped")
	}
}
