// Package search serves the island's encrypted search index (E2EE.md):
// every kind of encrypted record the modules keep, as envelopes, a page at
// a time. The browser opens and searches them; the server only lists.
package search

import (
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/module"
)

// IndexURL is where the island reads the index from.
const IndexURL = "/search/index"

// pageSize is how many records a page of the index holds.
const pageSize = 500

// Handler serves the index.
type Handler struct {
	pool   *pgxpool.Pool
	sealed func() []module.Sealed
}

// Module is the encrypted search index.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, sealed: d.Registry.Sealed}
	return module.Module{
		Name: "search",
		Routes: func(r module.Router) {
			r.Private.GET(IndexURL, h.index)
		},
	}
}
