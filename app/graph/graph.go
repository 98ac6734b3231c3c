// Package graph keeps a read-only projection of users' action sequences in
// Neo4j and reads the sequence signal of the Starter Engine from it:
// S_i = P(next action = i | previous action), per user. Postgres stays the
// source of truth: the projection is rebuilt from its outbox, only opaque
// IDs cross over, and every read degrades to "no signal" rather than fail.
package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"ignition/app/store/db"
)

// Limits of the sequence signal (spec §12.7).
const (
	QueryTimeout = 200 * time.Millisecond // default: a slower answer counts as none
	MaxStaleness = 6 * time.Hour          // an older projection counts as none
	batchSize    = 500
)

// Graph is a connection to Neo4j.
type Graph struct {
	driver  neo4j.DriverWithContext
	timeout time.Duration
	log     *slog.Logger

	// Answers change only when the projection moves, so they are kept per
	// (user, last action, sync position read from Postgres): every app
	// process sees a new position the moment graph-sync records it.
	mu    sync.Mutex
	cache map[string]map[string]float64

	// The driver sets itself up on its first connection without a lock,
	// so nothing else uses it until Open's first contact is over: ready
	// is closed then.
	ready chan struct{}

	flights map[string]*flight // reads in progress, by question
	pause   time.Duration      // current wait after a failure; 0 while Neo4j answers
	retryAt time.Time          // while failing, Neo4j is not asked before this

	staleSince time.Time // the last sync of a projection found stale, logged once
}

// cacheLimit bounds the remembered answers; past it the cache starts over.
const cacheLimit = 10000

// After a failed read Neo4j is not asked for minBackoff, doubling with each
// further failure up to maxBackoff: a stalled server must not hold every
// page for the timeout, nor be flooded when it comes back.
const (
	minBackoff = time.Second
	maxBackoff = 30 * time.Second
)

// followerWait is how long a caller waits for another caller's read of the
// same answer: ample for a Neo4j that answers (a few milliseconds), short
// enough that a stalled one holds only the caller that asked, for the
// timeout, and not everyone who asked after it.
const followerWait = 25 * time.Millisecond

// flight is a read in progress; done is closed when probs or err is set.
type flight struct {
	done  chan struct{}
	probs map[string]float64
	err   error
}

// Open connects to the Neo4j server at url (bolt://host:port); a read that
// takes longer than timeout counts as no signal. It does not wait for the
// server: a Graph that cannot reach it answers "no signal". Failed reads
// go to logger.
func Open(url string, timeout time.Duration, logger *slog.Logger) (*Graph, error) {
	d, err := neo4j.NewDriverWithContext(url, neo4j.NoAuth(), func(c *config.Config) {
		c.SocketConnectTimeout = 2 * time.Second
		c.ConnectionAcquisitionTimeout = timeout
	})
	if err != nil {
		return nil, fmt.Errorf("graph: invalid Neo4j URL: %w", err)
	}
	g := &Graph{driver: d, timeout: timeout, log: logger, cache: map[string]map[string]float64{},
		flights: map[string]*flight{}, ready: make(chan struct{})}
	go func() {
		defer close(g.ready)
		g.warm(context.Background(), 30*time.Second)
	}()
	return g, nil
}

// wait returns once Open's first contact with the server is over.
func (g *Graph) wait(ctx context.Context) error {
	select {
	case <-g.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the connection.
func (g *Graph) Close(ctx context.Context) error { return g.driver.Close(ctx) }

// Sync projects the outbox events after the last synced one: each user's
// move from their previous action to the next adds one to the count of
// that transition. It records how far it got, so it can run on any app
// process, again and again.
func (g *Graph) Sync(ctx context.Context, q *db.Queries, now time.Time) (int, error) {
	if err := g.wait(ctx); err != nil {
		return 0, err
	}
	pos, err := ReadPosition(ctx, q)
	if err != nil {
		return 0, err
	}
	after, total := pos.EventID, 0
	for {
		events, err := q.ListEventsAfter(ctx, db.ListEventsAfterParams{After: after, MaxRows: batchSize})
		if err != nil {
			return total, fmt.Errorf("graph: unable to read events: %w", err)
		}
		if len(events) == 0 {
			break
		}
		var rows []map[string]any
		for _, e := range events {
			if e.PrevAction != "" {
				rows = append(rows, map[string]any{"user": e.UserID.String(), "prev": e.PrevAction, "next": e.Action})
			}
		}
		if len(rows) > 0 {
			_, err = neo4j.ExecuteQuery(ctx, g.driver, `
				UNWIND $rows AS row
				MERGE (p:Action {user: row.user, id: row.prev})
				MERGE (n:Action {user: row.user, id: row.next})
				MERGE (p)-[t:NEXT]->(n)
				ON CREATE SET t.count = 1
				ON MATCH SET t.count = t.count + 1`,
				map[string]any{"rows": rows}, neo4j.EagerResultTransformer)
			if err != nil {
				return total, fmt.Errorf("graph: unable to project events: %w", err)
			}
		}
		after = events[len(events)-1].ID
		total += len(events)
		if err := q.SetGraphSync(ctx, db.SetGraphSyncParams{LastEventID: after, LastSyncAt: now}); err != nil {
			return total, fmt.Errorf("graph: unable to record sync state: %w", err)
		}
	}
	if total > 0 {
		// New labels and counts make the server plan the read again: do it
		// here, not in a page's 200 ms.
		if err := g.warm(ctx, 30*time.Second); err != nil {
			return total, fmt.Errorf("graph: unable to warm the read query: %w", err)
		}
	} else {
		// Nothing new: the projection is still current as of now.
		if err := q.SetGraphSync(ctx, db.SetGraphSyncParams{LastEventID: after, LastSyncAt: now}); err != nil {
			return 0, fmt.Errorf("graph: unable to record sync state: %w", err)
		}
	}
	return total, nil
}

const nextQuery = `
	MATCH (:Action {user: $user, id: $last})-[t:NEXT]->(n:Action)
	RETURN n.id AS id, t.count AS count`

// Warm opens a connection, makes sure actions are indexed by user and ID,
// and has the server plan the sequence query, so that the first page does
// not spend its 200 ms budget on any of it. Open starts it; Warm does it
// again once that is over. It gives up after timeout.
func (g *Graph) Warm(ctx context.Context, timeout time.Duration) error {
	if err := g.wait(ctx); err != nil {
		return err
	}
	return g.warm(ctx, timeout)
}

func (g *Graph) warm(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := neo4j.ExecuteQuery(ctx, g.driver, `CREATE INDEX action_user_id IF NOT EXISTS FOR (a:Action) ON (a.user, a.id)`,
		nil, neo4j.EagerResultTransformer)
	var neoErr *neo4j.Neo4jError
	if errors.As(err, &neoErr) && neoErr.Code == "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists" {
		err = nil // another process created it at the same moment
	}
	if err != nil {
		return err
	}
	_, err = neo4j.ExecuteQuery(ctx, g.driver, nextQuery, map[string]any{"user": "", "last": ""}, neo4j.EagerResultTransformer)
	return err
}

// Errors that mean "no sequence signal".
var (
	ErrStale       = errors.New("graph: projection is stale")
	ErrUnavailable = errors.New("graph: Neo4j failed recently; not asking again yet")
	ErrConnecting  = errors.New("graph: still making first contact with Neo4j")
	ErrPending     = errors.New("graph: another request's read of the same answer is still pending")
)

// Position is how far the projection has got: the last event it holds and
// when it was last brought up to date.
type Position struct {
	EventID  int64
	SyncedAt time.Time
}

// ReadPosition reads the projection's position from Postgres.
func ReadPosition(ctx context.Context, q *db.Queries) (Position, error) {
	state, err := q.GetGraphSync(ctx)
	if err != nil {
		return Position{}, fmt.Errorf("graph: unable to read sync state: %w", err)
	}
	return Position{EventID: state.LastEventID, SyncedAt: state.LastSyncAt}, nil
}

// NextProbabilities returns P(next = i | previous = last) for the user's
// actions seen after last, as of the projection's position pos. It refuses
// a projection last synced more than MaxStaleness before now, and gives up
// after the Graph's timeout. Callers asking the same question at the same
// time share one read, waiting for it at most followerWait. After a
// failure Neo4j is asked again only after a pause (see minBackoff), by one
// caller at a time, so a stalled server holds one request for the timeout
// now and then, not every page. The map may be shared with other callers:
// read it only.
func (g *Graph) NextProbabilities(ctx context.Context, user uuid.UUID, last string, pos Position, now time.Time) (map[string]float64, error) {
	if now.Sub(pos.SyncedAt) > MaxStaleness {
		g.mu.Lock()
		first := !g.staleSince.Equal(pos.SyncedAt)
		g.staleSince = pos.SyncedAt
		g.mu.Unlock()
		if first {
			g.log.Warn("sequence signal off: the projection is stale", "last_sync", pos.SyncedAt)
		}
		return nil, ErrStale
	}
	select {
	case <-g.ready:
	default:
		return nil, ErrConnecting
	}
	key := fmt.Sprintf("%s|%d|%s", user, pos.EventID, last)
	g.mu.Lock()
	cached, ok := g.cache[key]
	failing := !ok && g.pause > 0
	if failing && !time.Now().Before(g.retryAt) {
		// This caller tries Neo4j again; everyone else carries on without
		// the signal until it has answered or the next pause is over.
		g.retryAt, failing = time.Now().Add(g.pause), false
	}
	f, leader := g.flights[key], false
	if !ok && !failing && f == nil {
		f, leader = &flight{done: make(chan struct{})}, true
		g.flights[key] = f
	}
	g.mu.Unlock()
	if ok {
		return cached, nil
	}
	if failing {
		return nil, ErrUnavailable
	}
	var giveUp <-chan time.Time // the leader's read ends by itself, at the timeout
	if leader {
		// The read outlives a caller that gives up: others may wait for it.
		go g.fetch(context.WithoutCancel(ctx), user, last, key, f)
	} else {
		t := time.NewTimer(followerWait)
		defer t.Stop()
		giveUp = t.C
	}
	select {
	case <-f.done:
		return f.probs, f.err
	case <-giveUp:
		return nil, ErrPending
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fetch asks Neo4j for flight f, remembers the answer under key, and on
// failure starts (or lengthens) a pause before Neo4j is asked again.
func (g *Graph) fetch(ctx context.Context, user uuid.UUID, last, key string, f *flight) {
	f.probs, f.err = g.read(ctx, user, last, key)
	g.mu.Lock()
	delete(g.flights, key)
	g.mu.Unlock()
	close(f.done)
}

func (g *Graph) read(ctx context.Context, user uuid.UUID, last, key string) (map[string]float64, error) {
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, g.driver, nextQuery,
		map[string]any{"user": user.String(), "last": last}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(g.timeout)))
	if err != nil {
		g.mu.Lock()
		g.pause = min(max(2*g.pause, minBackoff), maxBackoff)
		g.retryAt = time.Now().Add(g.pause)
		pause := g.pause
		g.mu.Unlock()
		// Logged here, once per failed read, not by every page that then
		// renders without the signal.
		g.log.Warn("sequence signal off: Neo4j read failed", "error", err.Error(), "retry_in", pause.String())
		return nil, fmt.Errorf("graph: sequence query failed: %w", err)
	}
	counts := map[string]int64{}
	var sum int64
	for _, r := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		n, _, _ := neo4j.GetRecordValue[int64](r, "count")
		counts[id] = n
		sum += n
	}
	out := make(map[string]float64, len(counts))
	for id, n := range counts {
		out[id] = float64(n) / float64(sum)
	}
	g.mu.Lock()
	if g.pause > 0 {
		g.log.Info("sequence signal on: Neo4j answers again")
	}
	g.pause = 0
	if len(g.cache) >= cacheLimit {
		g.cache = map[string]map[string]float64{}
	}
	g.cache[key] = out
	g.mu.Unlock()
	return out, nil
}
