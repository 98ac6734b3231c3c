package palette

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/web"
	views "ignition/views/palette"
)

// search lists what matches the query: the modules' commands and the
// user's items, read in one round trip and ranked here.
func (h *Handler) search(c echo.Context) error {
	v := web.CurrentViewer(c)
	query := c.QueryParam("q")
	var b store.Batch
	readers := h.registry.Items()
	items := make([]func() []module.Command, len(readers))
	for i, read := range readers {
		items[i] = read(&b, v.ID)
	}
	if err := b.Send(c.Request().Context(), h.db); err != nil {
		return fmt.Errorf("palette: unable to read the items of %s: %w", v.ID, err)
	}
	entries := h.registry.Commands()
	for _, read := range items {
		entries = append(entries, read()...)
	}
	r := views.Results{Query: query}
	for _, e := range Rank(query, entries, Shown) {
		r.Entries = append(r.Entries, entry(e))
	}
	if web.IsFragmentRequest(c) {
		return web.Render(c, http.StatusOK, "Search", views.List(r))
	}
	return web.Render(c, http.StatusOK, "Search", views.Page(r))
}

// entry is how a command shows in the palette.
func entry(e module.Command) views.Entry {
	group := e.Group
	switch {
	case group != "":
	case e.Action != "":
		group = "Action"
	default:
		group = "Go to"
	}
	return views.Entry{Label: e.Label, Group: group, Href: e.Href, Action: e.Action, Fields: e.Fields}
}
