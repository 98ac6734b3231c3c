package today

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"ignition/app/store/db"
)

// exposureBatch is the most records one statement writes.
const exposureBatch = 256

// deleteBatch is the most expired exposures one statement deletes, so that
// clearing a long backlog never holds many locks at once.
const deleteBatch = 5000

// Exposure is one decision_exposed record: what one rendered Today showed.
type Exposure struct {
	ID         uuid.UUID
	UserID     uuid.UUID
	Context    []byte // JSON
	Candidates []byte // JSON
	At         time.Time
}

// Exposures writes decision_exposed records off the request path (spec
// §12.6: the exposure is emitted asynchronously). A page queues its record
// and renders; one writer inserts whatever has queued in one statement. When
// traffic is light a record is written at once; under load many page views
// share a round trip.
type Exposures struct {
	q      *db.Queries
	logger *slog.Logger
	queue  chan exposureItem
	done   chan struct{}
	mu     sync.RWMutex // held to send, and to close the queue
	closed bool
}

// errClosed is what recording after Close returns: a request still running
// when shutdown stopped waiting for it.
var errClosed = errors.New("the exposure writer is closed")

// exposureItem is a record to write, or (without one) a flush marker;
// written is closed once it and everything queued before it is written.
type exposureItem struct {
	exposure *Exposure
	written  chan struct{}
}

// NewExposures starts the writer. Close stops it.
func NewExposures(q *db.Queries, logger *slog.Logger) *Exposures {
	e := &Exposures{q: q, logger: logger, queue: make(chan exposureItem, 4*exposureBatch), done: make(chan struct{})}
	go e.run()
	return e
}

// Record queues x. With the queue full it waits (or gives up with ctx)
// rather than drop a record the page already links to.
func (e *Exposures) Record(ctx context.Context, x Exposure) error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return errClosed
	}
	select {
	case e.queue <- exposureItem{exposure: &x}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Flush returns once every record queued before it is written.
func (e *Exposures) Flush(ctx context.Context) error {
	written := make(chan struct{})
	e.mu.RLock()
	if e.closed {
		e.mu.RUnlock()
		<-e.done // Close writes everything queued
		return nil
	}
	select {
	case e.queue <- exposureItem{written: written}:
		e.mu.RUnlock()
	case <-ctx.Done():
		e.mu.RUnlock()
		return ctx.Err()
	}
	select {
	case <-written:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close writes what is queued and stops the writer; later records are
// refused. Close the HTTP server first.
func (e *Exposures) Close() {
	e.mu.Lock()
	if !e.closed {
		e.closed = true
		close(e.queue)
	}
	e.mu.Unlock()
	<-e.done
}

func (e *Exposures) run() {
	defer close(e.done)
	for first := range e.queue {
		batch := []exposureItem{first}
	fill:
		for len(batch) < exposureBatch {
			select {
			case it, ok := <-e.queue:
				if !ok {
					break fill
				}
				batch = append(batch, it)
			default:
				break fill
			}
		}
		e.write(batch)
	}
}

// write inserts the batch's records and releases its flush markers. A
// failed write loses those records (telemetry, not user data) and is logged
// with their count only.
func (e *Exposures) write(batch []exposureItem) {
	var p db.InsertExposuresParams
	for _, it := range batch {
		if x := it.exposure; x != nil {
			p.Ids = append(p.Ids, x.ID)
			p.UserIds = append(p.UserIds, x.UserID)
			p.Contexts = append(p.Contexts, x.Context)
			p.Candidates = append(p.Candidates, x.Candidates)
			p.CreatedAts = append(p.CreatedAts, x.At)
		}
	}
	if len(p.Ids) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := e.q.InsertExposures(ctx, p); err != nil {
			e.logger.Warn("today: unable to record exposures", "records", len(p.Ids), "error", err.Error())
		}
		cancel()
	}
	for _, it := range batch {
		if it.written != nil {
			close(it.written)
		}
	}
}

// DeleteOldExposures deletes the exposures recorded before before, and
// their outcomes with them, and returns how many it deleted.
func DeleteOldExposures(ctx context.Context, q *db.Queries, before time.Time) (int64, error) {
	var total int64
	for {
		n, err := q.DeleteOldExposures(ctx, db.DeleteOldExposuresParams{Before: before, Batch: deleteBatch})
		total += n
		if err != nil {
			return total, fmt.Errorf("today: unable to delete exposures from before %s: %w", before.Format(time.RFC3339), err)
		}
		if n < deleteBatch {
			return total, nil
		}
	}
}
