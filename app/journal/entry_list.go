package journal

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/journal"
)

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, nil)
}

// filters reads the list's filters from the query: a value that does not
// parse is reported beside its field and not applied.
func filters(c echo.Context) (views.Filters, db.ListJournalEntriesParams, int) {
	f := views.Filters{From: c.QueryParam("from"), To: c.QueryParam("to"), Tag: c.QueryParam("tag"), Errors: form.Errors{}}
	var p db.ListJournalEntriesParams
	for _, d := range []struct {
		name, value string
		into        *pgtype.Date
	}{{"from", f.From, &p.FromDay}, {"to", f.To, &p.ToDay}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.value)
		if err != nil {
			f.Errors[d.name] = "Enter a date as year-month-day, like 2026-03-31."
			continue
		}
		*d.into = pgtype.Date{Time: t, Valid: true}
	}
	if p.FromDay.Valid && p.ToDay.Valid && p.ToDay.Time.Before(p.FromDay.Time) {
		f.Errors["to"] = "The end comes before the start."
		p.ToDay = pgtype.Date{}
	}
	if tags, problem := form.Tags(f.Tag, 1, TagMax, "tag"); problem == "" && len(tags) == 1 {
		p.Tag = pgtype.Text{String: tags[0], Valid: true}
	}
	page, err := strconv.Atoi(c.QueryParam("page"))
	if err != nil || page < 1 || page > 100_000 {
		page = 1
	}
	return f, p, page
}

// renderList shows the journal with today's form (the stored entry's when
// nil), reading today's entry, the list, the user's tags and whether there
// is a vault in one round trip.
func (h *Handler) renderList(c echo.Context, status int, today *views.Form) error {
	v := web.CurrentViewer(c)
	cal := web.Calendar(c)
	filt, p, page := filters(c)
	p.UserID, p.PageSize, p.PageOffset = v.ID, pageSize+1, int32((page-1)*pageSize)
	var b store.Batch
	var rows []db.ListJournalEntriesRow
	var tags []string
	var hasVault, written bool
	var stored db.JournalEntry
	store.Many(&b, db.ListJournalEntries, &rows, p)
	store.Many(&b, db.ListJournalTags, &tags, v.ID)
	store.One(&b, db.HasVault, &hasVault, v.ID)
	store.Maybe(&b, db.GetJournalEntry, &stored, &written, db.GetJournalEntryParams{UserID: v.ID, Day: cal.Today})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("journal: unable to list the entries of %s: %w", v.ID, err)
	}
	if today == nil {
		f := views.Form{Day: cal.Today}
		if written {
			f = formOf(stored)
		}
		today = &f
	}
	d := views.PageData{HasVault: hasVault, Today: *today, Filters: filt, Page: page, Limits: limits, Notice: notices[c.QueryParam("done")]}
	d.Tags = []components.Option{{Value: "", Label: "Any tag"}}
	for _, t := range tags {
		d.Tags = append(d.Tags, components.Option{Value: t, Label: t})
	}
	if len(rows) > pageSize {
		rows, d.More = rows[:pageSize], true
	}
	for _, r := range rows {
		d.Total = int(r.Total)
		e := r.JournalEntry
		d.Entries = append(d.Entries, views.Entry{ID: e.ID.String(), Day: e.Day, Body: string(e.Body), PrivateTags: string(e.PrivateTags), Tags: e.Tags})
	}
	return web.Render(c, status, "Journal", views.Page(d))
}
