package market

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/market"
)

var notices = map[string]string{
	"bought":     "Bought. Wear it with the button beside it.",
	"equipped":   "Now wearing it everywhere in the app.",
	"unequipped": "Taken off.",
}

func (h *Handler) list(c echo.Context) error {
	return h.render(c, http.StatusOK, notices[c.QueryParam("done")], "")
}

// render shows the catalog with what the viewer owns and wears, and a
// notice or a problem.
func (h *Handler) render(c echo.Context, status int, notice, problem string) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var items []db.ListMarketRow
	var bal db.GetBalancesRow
	store.Many(&b, db.ListMarket, &items, v.ID)
	store.One(&b, db.GetBalances, &bal, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("market: unable to list items for %s: %w", v.ID, err)
	}
	out := make([]views.Item, len(items))
	for i, it := range items {
		out[i] = views.Item{ID: it.ID, Kind: it.Kind, Name: it.Name, Description: it.Description, Value: it.Value, Price: int(it.Price),
			Owned: it.Owned, Equipped: it.Equipped, Short: max(0, int64(it.Price)-bal.Coins)}
	}
	return web.Render(c, status, "Market", views.List(views.ListData{Items: out, Coins: bal.Coins, XP: bal.Xp,
		Level: progress.LevelFor(bal.Xp).Number, Name: v.DisplayName(), Notice: notice, Problem: problem}))
}
