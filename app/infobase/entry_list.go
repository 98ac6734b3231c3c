package infobase

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/infobase"
)

// list shows the notes, reading them, the user's categories and tags and
// whether there is a vault in one round trip.
func (h *Handler) list(c echo.Context) error {
	v := web.CurrentViewer(c)
	filt, p, page := filters(c)
	p.UserID, p.PageSize, p.PageOffset = v.ID, pageSize+1, int32((page-1)*pageSize)
	var b store.Batch
	var rows []db.ListInfobaseEntriesRow
	var categories, tags []string
	var hasVault bool
	store.Many(&b, db.ListInfobaseEntries, &rows, p)
	store.Many(&b, db.ListInfobaseCategories, &categories, v.ID)
	store.Many(&b, db.ListInfobaseTags, &tags, v.ID)
	store.One(&b, db.HasVault, &hasVault, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("infobase: unable to list the notes of %s: %w", v.ID, err)
	}
	d := views.PageData{HasVault: hasVault, Filters: filt, Page: page, Notice: notices[c.QueryParam("done")],
		Categories: options("Any category", categories), Tags: options("Any tag", tags)}
	if len(rows) > pageSize {
		rows, d.More = rows[:pageSize], true
	}
	for _, r := range rows {
		d.Total = int(r.Total)
		e := view(r.InfobaseEntry)
		e.Updated = web.LocalTime(c, r.InfobaseEntry.UpdatedAt)
		d.Entries = append(d.Entries, e)
	}
	return web.Render(c, http.StatusOK, "Infobase", views.Page(d))
}

// filters reads the list's filters from the query; a tag that could not
// be one matches nothing rather than everything.
func filters(c echo.Context) (views.Filters, db.ListInfobaseEntriesParams, int) {
	f := views.Filters{Category: c.QueryParam("category"), Tag: c.QueryParam("tag")}
	var p db.ListInfobaseEntriesParams
	if cat := strings.Join(strings.Fields(f.Category), " "); cat != "" {
		p.Category = pgtype.Text{String: cat, Valid: true}
	}
	if f.Tag != "" {
		tag := f.Tag
		if tags, problem := form.Tags(f.Tag, 1, TagMax, "tag"); problem == "" && len(tags) == 1 {
			tag = tags[0]
		}
		p.Tag = pgtype.Text{String: tag, Valid: true}
	}
	page, err := strconv.Atoi(c.QueryParam("page"))
	if err != nil || page < 1 || page > 100_000 {
		page = 1
	}
	return f, p, page
}

// options are a filter's choices: "any" first, then each value used.
func options(any string, values []string) []components.Option {
	out := []components.Option{{Value: "", Label: any}}
	for _, v := range values {
		out = append(out, components.Option{Value: v, Label: v})
	}
	return out
}
