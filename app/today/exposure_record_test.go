package today_test

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/store/db"
	"ignition/app/testdb"
	"ignition/app/testutil"
	"ignition/app/today"
)

func TestExposuresAreWrittenInTheBackground(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	var user uuid.UUID
	if err := pool.QueryRow(t.Context(), "INSERT INTO users (email) VALUES ('x@example.com') RETURNING id").Scan(&user); err != nil {
		t.Fatal(err)
	}
	logs := &testutil.SyncBuffer{}
	x := today.NewExposures(db.New(pool), slog.New(slog.NewJSONHandler(logs, nil)))
	count := func() (n int) {
		t.Helper()
		if err := pool.QueryRow(t.Context(), "SELECT count(*) FROM decision_exposures").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	record := func(owner uuid.UUID) uuid.UUID {
		id := uuid.New()
		at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		if err := x.Record(t.Context(), today.Exposure{ID: id, UserID: owner, Context: []byte(`{"reduced_mode":false}`), Candidates: []byte(`[]`), At: at}); err != nil {
			t.Fatal(err)
		}
		return id
	}

	// Flush returns once what was queued before it is written, as queued.
	first := record(user)
	if err := x.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	var at time.Time
	if err := pool.QueryRow(t.Context(), "SELECT created_at FROM decision_exposures WHERE id = $1 AND user_id = $2", first, user).Scan(&at); err != nil {
		t.Fatalf("flushed exposure not found: %v", err)
	}
	if !at.Equal(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("created_at = %s, want the time the page was rendered", at)
	}

	// Many pages at once, one of them for a user deleted meanwhile: the
	// others are written all the same, and Close writes what is queued.
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 7 {
				record(uuid.New())
				return
			}
			record(user)
		}()
	}
	wg.Wait()
	x.Close()
	// A request still running when shutdown stopped waiting is refused, not
	// a panic.
	if err := x.Record(t.Context(), today.Exposure{ID: uuid.New(), UserID: user}); err == nil {
		t.Error("a record after Close was accepted")
	}
	if err := x.Flush(t.Context()); err != nil {
		t.Errorf("flush after Close = %v", err)
	}
	x.Close()
	if n := count(); n != 40 {
		t.Errorf("exposures = %d, want 40 (the first and 39 of the 40 queued)", n)
	}
	if strings.Contains(logs.String(), "unable") {
		t.Errorf("a batch failed:\n%s", logs.String())
	}
}
