//go:build !fast

package graph_test

import (
	"bytes"
	"errors"
	"log/slog"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/graph"
	"ignition/app/graphtest"
	"ignition/app/store/db"
	"ignition/app/testdb"
)

func newUser(t *testing.T, q *db.Queries, email string) uuid.UUID {
	t.Helper()
	u, err := q.UpsertDevUser(t.Context(), db.UpsertDevUserParams{Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func record(t *testing.T, q *db.Queries, user uuid.UUID, actions ...string) {
	t.Helper()
	for _, a := range actions {
		if err := q.RecordActivity(t.Context(), db.RecordActivityParams{UserID: user, Action: a}); err != nil {
			t.Fatal(err)
		}
	}
}

func position(t *testing.T, q *db.Queries) graph.Position {
	t.Helper()
	pos, err := graph.ReadPosition(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	return pos
}

func TestProjectionStalenessAndTimeout(t *testing.T) {
	t.Parallel()
	neo := graphtest.Start(t)
	pool := testdb.New(t)
	q := db.New(pool)
	// Correctness does not depend on speed: read with a generous timeout
	// here, and check the 200 ms one against a stalled server below.
	g, err := graph.Open(neo.URL, 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close(t.Context())
	ctx := t.Context()
	if err := g.Warm(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	now := time.Now()

	ann, bob := newUser(t, q, "ann@example.com"), newUser(t, q, "bob@example.com")
	record(t, q, ann, "habit:x", "focus:start", "habit:x", "focus:start", "habit:x", "quest:q")
	record(t, q, bob, "habit:x", "quest:q")
	if n, err := g.Sync(ctx, q, now); err != nil || n != 8 {
		t.Fatalf("Sync = %d, %v; want 8 events", n, err)
	}
	probs, err := g.NextProbabilities(ctx, ann, "habit:x", position(t, q), now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"focus:start": 2.0 / 3, "quest:q": 1.0 / 3}
	if len(probs) != len(want) {
		t.Fatalf("P(next | habit:x) = %v, want %v", probs, want)
	}
	for k, v := range want {
		if math.Abs(probs[k]-v) > 1e-9 {
			t.Errorf("P(%s | habit:x) = %v, want %v", k, probs[k], v)
		}
	}
	if p, _ := g.NextProbabilities(ctx, bob, "habit:x", position(t, q), now); p["quest:q"] != 1 || len(p) != 1 {
		t.Errorf("another user's history leaked into bob's: %v", p)
	}

	// Syncing again with nothing new changes nothing; new events add on.
	if n, err := g.Sync(ctx, q, now); err != nil || n != 0 {
		t.Fatalf("a second Sync projected %d (%v)", n, err)
	}
	record(t, q, ann, "habit:x")
	g.Sync(ctx, q, now)
	if p, _ := g.NextProbabilities(ctx, ann, "quest:q", position(t, q), now); p["habit:x"] != 1 {
		t.Errorf("P(habit:x | quest:q) = %v after one more event", p)
	}

	// A projection last synced more than six hours ago is not used.
	if _, err := g.NextProbabilities(ctx, ann, "habit:x", position(t, q), now.Add(6*time.Hour+time.Minute)); !errors.Is(err, graph.ErrStale) {
		t.Errorf("a stale projection answered: %v", err)
	}

	// Until its first contact with the server is over, a Graph answers "no
	// signal" at once. Then a stalled server costs one caller the 200 ms
	// timeout: callers asking at the same time share its read but wait for
	// it only briefly, and later ones are answered "no signal" at once
	// until the pause after the failure is over.
	record(t, q, ann, "focus:start")
	g.Sync(ctx, q, now) // a new position: nothing is remembered for it
	pos := position(t, q)
	neo.Pause(t)
	var logs bytes.Buffer // the handler serialises writes
	fast, err := graph.Open(neo.URL, graph.QueryTimeout, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close(ctx)
	if _, err := fast.NextProbabilities(ctx, ann, "focus:start", pos, now); !errors.Is(err, graph.ErrConnecting) {
		t.Errorf("before first contact: %v, want ErrConnecting", err)
	}
	neo.Resume(t)
	if err := fast.Warm(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	neo.Pause(t)
	start := time.Now()
	errs := make(chan error, 20)
	for range cap(errs) {
		go func() {
			_, err := fast.NextProbabilities(ctx, ann, "focus:start", pos, now)
			errs <- err
		}()
	}
	pending := 0
	for range cap(errs) {
		err := <-errs
		if err == nil || errors.Is(err, graph.ErrConnecting) {
			t.Errorf("a paused server: %v, want a timeout", err)
		}
		if errors.Is(err, graph.ErrPending) || errors.Is(err, graph.ErrUnavailable) {
			pending++
		}
	}
	// One caller asked and waited out the timeout; the others gave up
	// waiting for its read after a moment (or, had they come after it
	// failed, were told at once).
	if pending != cap(errs)-1 {
		t.Errorf("%d of %d callers did not wait out the timeout, want all but one", pending, cap(errs))
	}
	elapsed := time.Since(start)
	start = time.Now()
	_, err = fast.NextProbabilities(ctx, ann, "focus:start", pos, now)
	again := time.Since(start)
	neo.Resume(t)
	if elapsed > time.Second {
		t.Errorf("a stalled query held 20 requests for %s", elapsed)
	}
	if !errors.Is(err, graph.ErrUnavailable) || again > 50*time.Millisecond {
		t.Errorf("right after a failure: %v after %s, want ErrUnavailable at once", err, again)
	}
	if n := strings.Count(logs.String(), "Neo4j read failed"); n != 1 {
		t.Errorf("the failed read was logged %d times for 21 callers, want once:\n%s", n, logs.String())
	}
	if _, err := g.NextProbabilities(ctx, ann, "habit:x", position(t, q), time.Now()); err != nil {
		t.Errorf("after resuming: %v", err)
	}
}
