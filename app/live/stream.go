package live

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

// How a stream behaves.
const (
	heartbeat = 20 * time.Second // a comment, so proxies and the browser know it is alive
	lifetime  = 10 * time.Minute // then it ends and the browser reconnects, with its session checked again
	retry     = 2 * time.Second  // how soon the browser reconnects
	keep      = 10 * time.Minute // how long changes are kept for streams that reconnect
	writeWait = 10 * time.Second // the longest one write may wait for the client
)

// stream is the user's Server-Sent Events stream: first what was missed
// since the event named by Last-Event-ID (or ?after, the one the page was
// rendered after), then each change as it is announced.
func (h *Handler) stream(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	after, _ := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	if id := c.Request().Header.Get("Last-Event-ID"); id != "" {
		after, _ = strconv.ParseInt(id, 10, 64)
	}
	s, err := h.hub.subscribe(v.ID)
	if errors.Is(err, ErrTooManyStreams) {
		c.Response().Header().Set("Retry-After", "60")
		return echo.NewHTTPError(http.StatusTooManyRequests, "Too many open tabs are listening for changes.")
	}
	defer h.hub.unsubscribe(v.ID, s)
	h.hub.waitReady(ctx, 2*time.Second)
	missed, err := h.missed(c, after)
	if err != nil {
		return err
	}

	// The stream outlives the server's write timeout; each write instead
	// has writeWait, so a client that stops reading is let go.
	rc := http.NewResponseController(c.Response())
	flush := func() error {
		if err := rc.SetWriteDeadline(time.Now().Add(writeWait)); err != nil {
			return err
		}
		return rc.Flush()
	}
	w := c.Response()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: %d\n\n", retry.Milliseconds())
	last := after
	send := func(ev Event) {
		switch {
		case ev.ID == 0: // "something may have changed", without an id of its own
			fmt.Fprintf(w, "data: %s\n\n", ev.Name)
		case ev.ID > last: // each change once, though it may come both from the table and the listener
			fmt.Fprintf(w, "id: %d\ndata: %s\n\n", ev.ID, ev.Name)
			last = ev.ID
		}
	}
	for _, ev := range missed {
		send(ev)
	}
	if err := flush(); err != nil {
		return nil // gone already
	}

	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	end := time.NewTimer(lifetime)
	defer end.Stop()
	for {
		select {
		case ev := <-s.events:
			send(ev)
		case <-beat.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-s.gone: // too slow, or the listener was lost: reconnect and catch up
			return nil
		case <-end.C:
			return nil
		case <-web.Draining():
			return nil
		case <-ctx.Done():
			return nil
		}
		if err := flush(); err != nil {
			return nil // the client went, or stopped reading
		}
	}
}

// missed lists the changes after the event id after. When changes that old
// are no longer kept, every kind of change counts as missed.
func (h *Handler) missed(c echo.Context, after int64) ([]Event, error) {
	if after <= 0 {
		return nil, nil
	}
	ctx := c.Request().Context()
	v := web.CurrentViewer(c)
	oldest, err := h.q.OldestLiveEvent(ctx)
	if err != nil {
		return nil, fmt.Errorf("live: unable to read the oldest change: %w", err)
	}
	rows, err := h.q.ListLiveEventsAfter(ctx, db.ListLiveEventsAfterParams{UserID: v.ID, After: after})
	if err != nil {
		return nil, fmt.Errorf("live: unable to read what %s missed: %w", v.ID, err)
	}
	var out []Event
	if oldest > after+1 || len(rows) == 100 {
		for _, name := range append(slices.Clone(Names), h.names()...) {
			out = append(out, Event{Name: name})
		}
	}
	for _, r := range rows {
		out = append(out, Event{ID: r.ID, Name: r.Name})
	}
	return out, nil
}
