package graph_test

import (
	"errors"
	"math"
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

func TestProjectionStalenessAndTimeout(t *testing.T) {
	neo := graphtest.Start(t)
	pool := testdb.New(t)
	q := db.New(pool)
	// Correctness does not depend on speed: read with a generous timeout
	// here, and check the 200 ms one against a stalled server below.
	g, err := graph.Open(neo.URL, 10*time.Second)
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
	probs, err := g.NextProbabilities(ctx, q, ann, "habit:x", now)
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
	if p, _ := g.NextProbabilities(ctx, q, bob, "habit:x", now); p["quest:q"] != 1 || len(p) != 1 {
		t.Errorf("another user's history leaked into bob's: %v", p)
	}

	// Syncing again with nothing new changes nothing; new events add on.
	if n, err := g.Sync(ctx, q, now); err != nil || n != 0 {
		t.Fatalf("a second Sync projected %d (%v)", n, err)
	}
	record(t, q, ann, "habit:x")
	g.Sync(ctx, q, now)
	if p, _ := g.NextProbabilities(ctx, q, ann, "quest:q", now); p["habit:x"] != 1 {
		t.Errorf("P(habit:x | quest:q) = %v after one more event", p)
	}

	// A projection last synced more than six hours ago is not used.
	if _, err := g.NextProbabilities(ctx, q, ann, "habit:x", now.Add(6*time.Hour+time.Minute)); !errors.Is(err, graph.ErrStale) {
		t.Errorf("a stale projection answered: %v", err)
	}

	// A stalled server costs at most the 200 ms timeout.
	fast, err := graph.Open(neo.URL, graph.QueryTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close(ctx)
	neo.Pause(t)
	start := time.Now()
	_, err = fast.NextProbabilities(ctx, q, ann, "habit:x", now)
	elapsed := time.Since(start)
	neo.Resume(t)
	if err == nil {
		t.Fatal("a paused server answered")
	}
	if elapsed > time.Second {
		t.Errorf("a stalled query held the request for %s", elapsed)
	}
	if _, err := g.NextProbabilities(ctx, q, ann, "habit:x", time.Now()); err != nil {
		t.Errorf("after resuming: %v", err)
	}
}
