// Package infobase keeps the user's notes: a title, a markdown text and
// private tags encrypted in the browser (the server stores envelopes it
// cannot open, and the island renders the markdown), with a category and
// tags the user is told the server sees, so the list can filter by them.
package infobase

import (
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/vault"
	views "ignition/views/infobase"
)

// A note's bounds.
const (
	TitleMax       = 200    // characters
	BodyMax        = 50_000 // characters
	PrivateTagsMax = 300    // characters, as typed
	CategoryMax    = 40     // characters
	TagsMax        = 10
	TagMax         = 24 // characters per tag
)

// pageSize is how many notes a page of the list shows.
const pageSize = 30

var limits = views.Limits{Title: TitleMax, Body: BodyMax, Category: CategoryMax, Tags: TagsMax, PrivateTags: PrivateTagsMax}

// Handler serves the Infobase's routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is the Infobase: write, read, edit and delete notes, filtered by
// category and tag.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	gate := vault.NewGate(d)
	return module.Module{
		Name:   "infobase",
		Sealed: []module.Sealed{sealed},
		Privacy: []module.Privacy{
			{Kind: "Infobase", Encrypted: []string{"Each note's title and text", "Its private tags"},
				Readable: []string{"Its category and tags, so the list can filter by them", "When it was written and last changed"},
				IfLost:   "Without your passphrase or a recovery code no one can read your notes, not even whoever runs the server; they can only be deleted."},
		},
		Routes: func(r module.Router) {
			r.Private.GET(views.URL, h.list)
			r.Private.POST(views.URL, h.create, gate.Require)
			r.Private.GET(views.NewURL, h.new)
			r.Private.GET(views.URL+"/:id", h.show)
			r.Private.GET(views.URL+"/:id/edit", h.edit)
			r.Private.POST(views.URL+"/:id", h.update, gate.Require)
			r.Private.POST(views.URL+"/:id/delete", h.delete)
		},
		Nav: []module.Nav{{Label: "Infobase", Href: views.URL, Order: 56}},
		Commands: []module.Command{{Label: "Infobase", Keywords: "infobase notes knowledge wiki", Href: views.URL},
			{Label: "New note", Keywords: "infobase write note", Href: views.NewURL}},
	}
}

// entryID parses the route's note ID; a malformed one names nothing.
func entryID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}

var notices = map[string]string{
	"created": "Note saved.",
	"saved":   "Changes saved.",
	"deleted": "Note deleted.",
}
