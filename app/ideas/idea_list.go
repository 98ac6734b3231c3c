package ideas

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/ideas"
)

// pageSize is how many ideas one page of the list shows.
const pageSize = 50

var notices = map[string]string{
	"saved":   "Idea saved.",
	"deleted": "Idea deleted.",
}

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, views.Form{})
}

// filters reads the list's filters from the query: a value that does not
// parse is reported beside its field and not applied.
func filters(c echo.Context) (views.Filters, db.ListIdeasParams, int) {
	f := views.Filters{Key: c.QueryParam("key"), Mood: c.QueryParam("mood"), BPMMin: c.QueryParam("bpm_min"),
		BPMMax: c.QueryParam("bpm_max"), Sort: c.QueryParam("sort"), Errors: form.Errors{}}
	var p db.ListIdeasParams
	if k, ok, problem := ParseKey(f.Key); problem != "" {
		f.Errors["key"] = problem
	} else if ok {
		p.KeyPitch, p.KeyMode = pgtype.Int2{Int16: k.Pitch, Valid: true}, pgtype.Text{String: k.Mode, Valid: true}
	}
	if f.Mood != "" {
		if moods, problem := ParseMoods(f.Mood); problem == "" && len(moods) == 1 {
			p.Mood = pgtype.Text{String: moods[0], Valid: true}
		}
	}
	var problem string
	if p.BpmMin, problem = ParseBPM(f.BPMMin); problem != "" {
		f.Errors["bpm_min"] = problem
	}
	if p.BpmMax, problem = ParseBPM(f.BPMMax); problem != "" {
		f.Errors["bpm_max"] = problem
	}
	if !slices.Contains(Sorts, f.Sort) {
		f.Sort = Sorts[0]
	}
	p.Sort = f.Sort
	page, err := strconv.Atoi(c.QueryParam("page"))
	if err != nil || page < 1 || page > 100_000 {
		page = 1
	}
	return f, p, page
}

// renderList shows the Ideas page with the idea form f, reading the list,
// the user's moods and whether there is a vault in one round trip.
func (h *Handler) renderList(c echo.Context, status int, f views.Form) error {
	v := web.CurrentViewer(c)
	filt, p, page := filters(c)
	p.UserID, p.PageSize, p.PageOffset = v.ID, pageSize+1, int32((page-1)*pageSize)
	var b store.Batch
	var rows []db.ListIdeasRow
	var moods []string
	var hasVault bool
	store.Many(&b, db.ListIdeas, &rows, p)
	store.Many(&b, db.ListIdeaMoods, &moods, v.ID)
	store.One(&b, db.HasVault, &hasVault, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("ideas: unable to list the ideas of %s: %w", v.ID, err)
	}
	d := views.PageData{HasVault: hasVault, Form: f, Filters: filt, Page: page, Keys: keyOptions("Any key"), FormKeys: keyOptions("No key"), Limits: limits,
		Notice: notices[c.QueryParam("done")], Sorts: sortOptions()}
	d.Moods = []components.Option{{Value: "", Label: "Any mood"}}
	for _, m := range moods {
		d.Moods = append(d.Moods, components.Option{Value: m, Label: m})
	}
	if len(rows) > pageSize {
		rows, d.More = rows[:pageSize], true
	}
	for _, r := range rows {
		i := view(r.Idea)
		i.Memos = int(r.Memos)
		d.Ideas = append(d.Ideas, i)
		d.Total = int(r.Total)
	}
	return web.Render(c, status, "Ideas", views.Page(d))
}

func sortOptions() []components.Option {
	labels := map[string]string{"newest": "Newest first", "oldest": "Oldest first", "bpm": "By BPM", "key": "By key"}
	out := make([]components.Option, len(Sorts))
	for i, s := range Sorts {
		out[i] = components.Option{Value: s, Label: labels[s]}
	}
	return out
}
