package ideas

import (
	"context"
	"time"

	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/objects"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/vault"
	views "ignition/views/ideas"
)

// ListURL is the Ideas page.
const ListURL = "/ideas"

// URL is an idea's page.
func URL(id uuid.UUID) string { return ListURL + "/" + id.String() }

// Handler serves the Ideas routes.
type Handler struct {
	pool    *pgxpool.Pool
	q       *db.Queries
	objects *objects.Store // nil: no voice memos
	memoMax int64
}

// Module is Ideas: capture, list, filter, edit and delete ideas, their text
// encrypted in the browser.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q, objects: d.Objects, memoMax: d.Config.MemoMaxBytes}
	gate := vault.NewGate(d)
	var jobs []module.Job
	if d.Objects != nil {
		origin := d.Config.BaseURL.Scheme + "://" + d.Config.BaseURL.Host
		jobs = []module.Job{
			{Name: "object-store-setup", Every: 10 * time.Minute, Run: func(ctx context.Context, _ time.Time) error { return d.Objects.Ensure(ctx, origin) }},
			{Name: "memo-janitor", Every: 5 * time.Minute, Run: h.janitor},
		}
	}
	ideas := sealed
	ideas.Destroyed = h.deleteQueuedObjects
	return module.Module{
		Name:   "ideas",
		Sealed: []module.Sealed{ideas, memoSealed},
		Privacy: []module.Privacy{
			{Kind: "Ideas", Encrypted: []string{"Title", "Notes", "Private tags"},
				Readable: []string{"Key, BPM and moods, so the list can filter and sort by them", "When each idea was made and last changed"}, IfLost: "Without your passphrase or a recovery code no one can read them, not even whoever runs the server; they can only be deleted."},
			{Kind: "Voice memos", Encrypted: []string{"The audio, in 1 MiB chunks in the object store", "Each memo's file key and its chunks' checksums"},
				Readable: []string{"The size of each memo and of each chunk", "When it was recorded"}, IfLost: "Without your passphrase or a recovery code no one can read them, not even whoever runs the server; they can only be deleted."},
		},
		Routes: func(r module.Router) {
			r.Private.GET(ListURL, h.list)
			r.Private.POST(ListURL, h.create, gate.Require)
			r.Private.GET(ListURL+"/:id", h.show)
			r.Private.POST(ListURL+"/:id", h.update, gate.Require)
			r.Private.POST(ListURL+"/:id/delete", h.delete)
			if h.objects != nil { // voice memos need the object store
				r.Private.POST(ListURL+"/:id/memos", h.memoStart, gate.Require)
				r.Private.POST(ListURL+"/:id/memos/:mid/complete", h.memoComplete, gate.Require)
				r.Private.GET(ListURL+"/:id/memos/:mid", h.memoShow)
				r.Private.POST(ListURL+"/:id/memos/:mid/delete", h.memoDelete)
			}
			r.Admin.GET("/admin/ideas", h.adminCounts)
		},
		Nav:      []module.Nav{{Label: "Ideas", Href: ListURL, Order: 55, Tab: true}, {Label: "Idea counts", Href: "/admin/ideas", Order: 125, Admin: true}},
		Commands: []module.Command{{Label: "Ideas", Keywords: "ideas songs lyrics notes", Href: ListURL}, {Label: "New idea", Keywords: "capture idea", Href: ListURL + "#idea-form"}},
		Capture:  []module.Panel{{Order: 10, Queue: queueCapture}},
		Jobs:     jobs,
	}
}

// queueCapture reads whether the user has a vault, for Today's capture.
func queueCapture(b *store.Batch, user uuid.UUID, _ calendar.Calendar) func() (templ.Component, error) {
	var has bool
	store.One(b, db.HasVault, &has, user)
	return func() (templ.Component, error) {
		return views.Capture(views.CaptureData{Enabled: has, Limits: limits}), nil
	}
}

// ideaID parses the route's idea ID; a malformed one names nothing.
func ideaID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}
