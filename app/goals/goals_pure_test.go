package goals

import (
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestPercent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		done, total int
		completed   bool
		want        int
	}{
		{0, 0, false, 0}, {0, 0, true, 100}, {1, 3, false, 33}, {2, 3, false, 66}, {3, 3, false, 100}, {1, 4, true, 100},
	}
	for _, tt := range tests {
		if got := Percent(tt.done, tt.total, tt.completed); got != tt.want {
			t.Errorf("Percent(%d, %d, %v) = %d, want %d", tt.done, tt.total, tt.completed, got, tt.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	today := d("2026-11-27")
	tests := []struct {
		deadline      string
		has, complete bool
		want          bool
	}{
		{"2026-11-26", true, false, true},
		{"2026-11-27", true, false, false}, // due today is not overdue yet
		{"2026-11-28", true, false, false},
		{"2026-11-01", true, true, false}, // completed goals are never overdue
		{"", false, false, false},
	}
	for _, tt := range tests {
		var deadline time.Time
		if tt.deadline != "" {
			deadline = d(tt.deadline)
		}
		if got := Overdue(deadline, tt.has, tt.complete, today); got != tt.want {
			t.Errorf("Overdue(%q, %v, %v) = %v, want %v", tt.deadline, tt.has, tt.complete, got, tt.want)
		}
	}
}

func TestMove(t *testing.T) {
	t.Parallel()
	a, b, c := uuid.New(), uuid.New(), uuid.New()
	ids := []uuid.UUID{a, b, c}
	tests := []struct {
		i, delta int
		want     []uuid.UUID
	}{
		{1, -1, []uuid.UUID{b, a, c}},
		{1, 1, []uuid.UUID{a, c, b}},
		{0, -1, []uuid.UUID{a, b, c}},
		{2, 1, []uuid.UUID{a, b, c}},
		{5, 1, []uuid.UUID{a, b, c}},
	}
	for _, tt := range tests {
		got := Move(ids, tt.i, tt.delta)
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("Move(%d, %d) wrong at %d", tt.i, tt.delta, k)
			}
		}
	}
	if ids[0] != a || ids[1] != b {
		t.Error("Move changed its input")
	}
}
