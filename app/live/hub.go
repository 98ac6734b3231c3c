package live

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Event is one change, as a stream sends it.
type Event struct {
	ID   int64
	Name string
}

// How a process keeps its streams.
const (
	streamBuffer = 16 // events a stream may have waiting; more drops it (it reconnects and catches up)
	maxStreams   = 10 // streams one user may have open on one process
)

// ErrTooManyStreams refuses a stream beyond maxStreams.
var ErrTooManyStreams = errors.New("live: too many streams for this user")

// hub is one process's listener: one connection of its own LISTENs on the
// channel, and each announcement goes to the streams of its user here.
type hub struct {
	config *pgx.ConnConfig
	logger *slog.Logger

	mu      sync.Mutex
	streams map[uuid.UUID]map[*stream]struct{}
	ready   chan struct{} // closed once the first LISTEN is in place
	readyOK sync.Once
	start   sync.Once
	ctx     context.Context
	stop    context.CancelFunc
	stopped chan struct{}
}

// stream is one open stream's mailbox.
type stream struct {
	events chan Event
	gone   chan struct{} // closed when the hub drops the stream
	drop   sync.Once
}

func (s *stream) close() { s.drop.Do(func() { close(s.gone) }) }

func newHub(config *pgx.ConnConfig, logger *slog.Logger) *hub {
	ctx, stop := context.WithCancel(context.Background())
	return &hub{config: config, logger: logger, streams: map[uuid.UUID]map[*stream]struct{}{},
		ready: make(chan struct{}), ctx: ctx, stop: stop, stopped: make(chan struct{})}
}

// subscribe opens a mailbox for one of the user's streams, starting the
// listener with the first.
func (h *hub) subscribe(user uuid.UUID) (*stream, error) {
	h.start.Do(func() { go h.listen() })
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.streams[user]) >= maxStreams {
		return nil, ErrTooManyStreams
	}
	s := &stream{events: make(chan Event, streamBuffer), gone: make(chan struct{})}
	if h.streams[user] == nil {
		h.streams[user] = map[*stream]struct{}{}
	}
	h.streams[user][s] = struct{}{}
	return s, nil
}

func (h *hub) unsubscribe(user uuid.UUID, s *stream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams[user], s)
	if len(h.streams[user]) == 0 {
		delete(h.streams, user)
	}
}

// waitReady waits, up to d, for the listener to be in place, so a stream
// that catches up from the table then misses nothing announced after.
func (h *hub) waitReady(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-h.ready:
	case <-t.C:
	case <-ctx.Done():
	}
}

// deliver hands an event to the user's streams here; a stream whose
// mailbox is full is dropped rather than let it grow.
func (h *hub) deliver(user uuid.UUID, ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.streams[user] {
		select {
		case s.events <- ev:
		default:
			s.close()
		}
	}
}

// dropAll drops every stream: after the listener lost its connection they
// reconnect and catch up from the table.
func (h *hub) dropAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, streams := range h.streams {
		for s := range streams {
			s.close()
		}
	}
}

// listen keeps a LISTEN connection until the hub stops, reconnecting with
// a growing pause when it is lost.
func (h *hub) listen() {
	defer close(h.stopped)
	pause := time.Second
	for {
		err := h.listenOnce()
		if h.ctx.Err() != nil {
			return
		}
		h.logger.Warn("live: listener lost", "error", err.Error())
		h.dropAll()
		select {
		case <-h.ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 30*time.Second)
	}
}

func (h *hub) listenOnce() error {
	conn, err := pgx.ConnectConfig(h.ctx, h.config)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(h.ctx, "LISTEN "+channel); err != nil {
		return err
	}
	h.readyOK.Do(func() { close(h.ready) })
	for {
		n, err := conn.WaitForNotification(h.ctx)
		if err != nil {
			return err
		}
		if user, ev, ok := parse(n.Payload); ok {
			h.deliver(user, ev)
		}
	}
}

// parse reads "<id> <user> <name>".
func parse(payload string) (uuid.UUID, Event, bool) {
	parts := strings.Fields(payload)
	if len(parts) != 3 {
		return uuid.Nil, Event{}, false
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	user, err2 := uuid.Parse(parts[1])
	if err1 != nil || err2 != nil {
		return uuid.Nil, Event{}, false
	}
	return user, Event{ID: id, Name: parts[2]}, true
}

// close stops the listener and drops the streams.
func (h *hub) close() {
	h.stop()
	h.dropAll()
	h.start.Do(func() { close(h.stopped) }) // never started
	<-h.stopped
}
