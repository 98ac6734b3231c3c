package progress

import (
	"ignition/app/module"
	"ignition/app/store"
)

// URL is the progress page.
const URL = "/progress"

// Handler serves the progress page.
type Handler struct {
	db store.DB
}

// Module is progress: levels, skills and the activity feed.
func Module(d module.Deps) module.Module {
	h := &Handler{db: d.Pool}
	return module.Module{
		Name:     "progress",
		Routes:   func(r module.Router) { r.Private.GET(URL, h.show) },
		Nav:      []module.Nav{{Label: "Progress", Href: URL, Order: 60, Tab: true}},
		Commands: []module.Command{{Label: "Progress", Keywords: "level xp skills coins activity", Href: URL}},
	}
}
