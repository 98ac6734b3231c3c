package today

import (
	"testing"
	"time"
)

func TestReduced(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		lastActive time.Time
		want       bool
	}{
		{"never active (new account)", time.Time{}, false},
		{"active an hour ago", now.Add(-time.Hour), false},
		{"exactly three days ago", now.Add(-ReducedAfter), false},
		{"three days and a minute ago", now.Add(-ReducedAfter - time.Minute), true},
		{"a year ago", now.AddDate(-1, 0, 0), true},
	} {
		if got := Reduced(tc.lastActive, now); got != tc.want {
			t.Errorf("%s: Reduced = %v, want %v", tc.name, got, tc.want)
		}
	}
}
