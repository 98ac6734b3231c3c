// Package journal keeps the user's journal: one entry per local day, its
// text encrypted in the browser (the server stores an envelope it cannot
// open); the day and the tags are metadata the user is told the server
// sees, so the journal can filter by them.
package journal

import (
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/vault"
	"ignition/app/web"
	views "ignition/views/journal"
)

// The entry's bounds.
const (
	BodyMax        = 20_000 // characters
	TagsMax        = 10
	TagMax         = 24  // characters per tag
	PrivateTagsMax = 300 // characters, as typed
)

// pageSize is how many entries a page of the list shows.
const pageSize = 30

var limits = views.Limits{Body: BodyMax, Tags: TagsMax, PrivateTags: PrivateTagsMax}

// Handler serves the journal's routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is the journal: today's entry ready to write, the other days'
// editable, filtered by date range and tag.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	gate := vault.NewGate(d)
	return module.Module{
		Name:   "journal",
		Sealed: []module.Sealed{sealed},
		Privacy: []module.Privacy{
			{Kind: "Journal", Encrypted: []string{"Each entry's text", "Its private tags"},
				Readable: []string{"The day of each entry, and when it was last changed", "Its tags, so the journal can filter by them"},
				IfLost:   "Without your passphrase or a recovery code no one can read your entries, not even whoever runs the server; they can only be deleted."},
		},
		Routes: func(r module.Router) {
			r.Private.GET(views.URL, h.list)
			r.Private.GET(views.URL+"/:day", h.show)
			r.Private.POST(views.URL+"/:day", h.save, gate.Require)
			r.Private.POST(views.URL+"/:day/delete", h.delete)
		},
		Nav:      []module.Nav{{Label: "Journal", Href: views.URL, Order: 57}},
		Commands: []module.Command{{Label: "Journal", Keywords: "journal diary today entry learn write", Href: views.URL}},
	}
}

// day reads the :day of a route: a local day no later than the user's
// today (a journal has no entries for days to come); anything else is 404.
func day(c echo.Context, cal calendar.Calendar) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, c.Param("day"), time.UTC)
	if err != nil || d.After(cal.Today) || d.Year() < 1900 {
		return time.Time{}, echo.ErrNotFound
	}
	return d, nil
}

var notices = map[string]string{
	"saved":   "Entry saved.",
	"deleted": "Entry deleted.",
}

// isToday reports whether day is the user's today.
func isToday(c echo.Context, day time.Time) bool { return day.Equal(web.Calendar(c).Today) }
