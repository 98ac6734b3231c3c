package search

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/web"
)

// record is one record of the index, with its kind.
type record struct {
	Kind  string `json:"k"`
	Label string `json:"l"`
	module.SealedRecord
}

// page is a page of the index: its records, how many there are in all,
// and the offset of the next page (none after the last).
type page struct {
	Total int      `json:"total"`
	Next  *int     `json:"next"`
	Items []record `json:"items"`
}

// index answers a page of the user's encrypted records at ?offset, every
// kind in module order, each kind in its list's order. Reading ciphertext
// is allowed while the vault is locked.
func (h *Handler) index(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	offset, err := strconv.Atoi(c.QueryParam("offset"))
	if c.QueryParam("offset") == "" {
		offset, err = 0, nil
	}
	if err != nil || offset < 0 {
		return echo.NewHTTPError(http.StatusBadRequest, "The offset is a whole number from 0.")
	}
	// Two round trips: how many of each kind, then the pages that hold
	// offset onwards.
	var sources []module.Sealed
	for _, s := range h.sealed() {
		if s.Search != nil {
			sources = append(sources, s)
		}
	}
	var counts store.Batch
	totals := make([]func() int, len(sources))
	for i, s := range sources {
		totals[i] = s.Count(&counts, v.ID)
	}
	if err := counts.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("search: unable to count the encrypted records of %s: %w", v.ID, err)
	}
	out := page{Items: []record{}}
	var pages store.Batch
	var read []func() []record
	skip, room := offset, pageSize
	for i, s := range sources {
		n := totals[i]()
		out.Total += n
		if skip >= n || room == 0 {
			skip = max(skip-n, 0)
			continue
		}
		take := min(n-skip, room)
		recs := s.Search(&pages, v.ID, skip, take)
		read = append(read, func() []record {
			var rs []record
			for _, r := range recs() {
				rs = append(rs, record{Kind: s.Kind, Label: s.Label, SealedRecord: r})
			}
			return rs
		})
		skip, room = 0, room-take
	}
	if err := pages.Send(ctx, h.pool); err != nil {
		return fmt.Errorf("search: unable to list the encrypted records of %s: %w", v.ID, err)
	}
	for _, r := range read {
		out.Items = append(out.Items, r()...)
	}
	if next := offset + len(out.Items); next < out.Total {
		out.Next = &next
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
