package live

import (
	"log/slog"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// TestASlowStreamIsDroppedNotGrown: a stream whose mailbox is full is
// dropped (it reconnects and catches up) rather than hold more; a user has
// at most maxStreams here.
func TestASlowStreamIsDroppedNotGrown(t *testing.T) {
	t.Parallel()
	h := newHub(&pgx.ConnConfig{}, slog.New(slog.DiscardHandler))
	h.start.Do(func() {}) // no listener: events are handed in by hand
	user := uuid.New()
	slow, err := h.subscribe(user)
	if err != nil {
		t.Fatal(err)
	}
	for i := range streamBuffer {
		h.deliver(user, Event{ID: int64(i + 1), Name: Focus})
	}
	select {
	case <-slow.gone:
		t.Fatal("dropped with room to spare")
	default:
	}
	h.deliver(user, Event{ID: streamBuffer + 1, Name: Focus})
	select {
	case <-slow.gone:
	default:
		t.Fatal("a full stream was not dropped")
	}
	if len(slow.events) != streamBuffer {
		t.Errorf("the mailbox holds %d", len(slow.events))
	}
	for range maxStreams - 1 {
		if _, err := h.subscribe(user); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.subscribe(user); err != ErrTooManyStreams {
		t.Errorf("stream %d: %v", maxStreams+1, err)
	}
	h.unsubscribe(user, slow)
	if _, err := h.subscribe(user); err != nil {
		t.Errorf("after one closed: %v", err)
	}
	if _, _, ok := parse("12 not-a-uuid focus"); ok {
		t.Error("a bad payload parsed")
	}
	if u, ev, ok := parse("12 " + user.String() + " vault"); !ok || u != user || ev != (Event{12, Vault}) {
		t.Errorf("parse: %v %v %v", u, ev, ok)
	}
}
