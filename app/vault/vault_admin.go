package vault

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/vault"
)

// adminList shows administrators who has a vault, when it last locked,
// and how many records of each encrypted kind it holds and their size:
// never anything of their content, which the server cannot read.
func (h *Handler) adminList(c echo.Context) error {
	var b store.Batch
	var rows []db.ListVaultOwnersRow
	store.Many(&b, db.ListVaultOwners, &rows)
	kinds := h.rotated()
	usage := make([][]usageRow, len(kinds))
	for i, k := range kinds {
		sizes := make([]string, len(k.Fields))
		for j, f := range k.Fields {
			sizes[j] = "coalesce(pg_column_size(" + pgx.Identifier{f}.Sanitize() + "), 0)"
		}
		store.Many(&b, "SELECT user_id, count(*)::integer AS n, sum("+strings.Join(sizes, " + ")+")::bigint AS bytes FROM "+
			pgx.Identifier{k.Table}.Sanitize()+" WHERE user_id IN (SELECT user_id FROM vaults) GROUP BY user_id", &usage[i])
	}
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("vault: unable to list vaults: %w", err)
	}
	owners := make([]views.Owner, len(rows))
	index := map[uuid.UUID]int{}
	for i, r := range rows {
		owners[i] = views.Owner{ID: r.ID.String(), Email: r.Email, CreatedAt: web.LocalTime(c, r.CreatedAt), LockedAt: web.LocalTime(c, r.LockedAt)}
		index[r.ID] = i
	}
	for i, k := range kinds {
		for _, u := range usage[i] {
			if o, ok := index[u.UserID]; ok && u.N > 0 {
				owners[o].Holds = append(owners[o].Holds, views.Count{N: int(u.N), One: k.One, Many: k.Many})
				owners[o].Bytes += u.Bytes
			}
		}
	}
	return web.Render(c, http.StatusOK, "Vaults", views.Admin(owners, c.QueryParam("done") == "locked"))
}

// usageRow is how many records of a kind a user has and their encrypted
// size in the database.
type usageRow struct {
	UserID uuid.UUID `db:"user_id"`
	N      int32     `db:"n"`
	Bytes  int64     `db:"bytes"`
}

// adminLock force-locks a user's vault on every device (a lost phone, a
// worry): each tab drops the key at its next poll.
func (h *Handler) adminLock(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return echo.ErrNotFound
	}
	err = Lock(c.Request().Context(), h.q, id, web.Calendar(c).Now)
	if errors.Is(err, ErrNoVault) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("vault: unable to force-lock the vault of %s: %w", id, err)
	}
	return web.Redirect(c, AdminURL+"?done=locked")
}
