// Package palette is the command palette (Ctrl/⌘ K on every page): the
// server ranks the modules' commands and the user's own plaintext items
// for what is typed; a few lines of glue open it and move through the list.
package palette

import (
	"github.com/a-h/templ"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/web"
	"ignition/views/layout"
	views "ignition/views/palette"
)

// URL answers the palette's queries.
const URL = "/palette"

// Handler serves the palette.
type Handler struct {
	db       store.DB
	registry *module.Registry
}

// Module is the palette: its route and its dialog in every page's top bar.
func Module(d module.Deps) module.Module {
	h := &Handler{db: d.Pool, registry: d.Registry}
	return module.Module{
		Name:   "palette",
		Routes: func(r module.Router) { r.Private.GET(URL, h.search) },
		Shell:  []web.ShellSource{dialogSource},
	}
}

// dialogSource puts the palette's button and dialog first in the top bar;
// it reads nothing.
func dialogSource(*store.Batch, []byte) web.ShellFill {
	return func(shell *layout.Shell, _ calendar.Calendar) {
		shell.Topbar = append([]templ.Component{views.Dialog()}, shell.Topbar...)
	}
}
