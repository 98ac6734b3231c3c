package focus

import (
	"testing"
	"time"
)

func TestTimer(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	at := func(m, s int) time.Time {
		return start.Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
	}
	tests := []struct {
		name      string
		timer     Timer
		now       time.Time
		remaining time.Duration
		done      bool
	}{
		{"fresh", Timer{Planned: 25 * time.Minute, Started: start}, start, 25 * time.Minute, false},
		{"ten minutes in", Timer{Planned: 25 * time.Minute, Started: start}, at(10, 0), 15 * time.Minute, false},
		{"paused at ten, now twenty", Timer{Planned: 25 * time.Minute, Started: start, PausedAt: at(10, 0)}, at(20, 0), 15 * time.Minute, false},
		{"a finished five-minute pause", Timer{Planned: 25 * time.Minute, Started: start, Paused: 5 * time.Minute}, at(20, 0), 10 * time.Minute, false},
		{"both kinds of pause", Timer{Planned: 25 * time.Minute, Started: start, Paused: 5 * time.Minute, PausedAt: at(15, 0)}, at(40, 0), 15 * time.Minute, false},
		{"run out", Timer{Planned: 25 * time.Minute, Started: start}, at(25, 0), 0, true},
		{"long past", Timer{Planned: 25 * time.Minute, Started: start}, at(300, 0), 0, true},
		{"clock behind the start", Timer{Planned: 25 * time.Minute, Started: start}, at(-1, 0), 25 * time.Minute, false},
	}
	for _, tt := range tests {
		if got := tt.timer.Remaining(tt.now); got != tt.remaining || tt.timer.Done(tt.now) != tt.done {
			t.Errorf("%s: remaining %s done %v, want %s %v", tt.name, got, tt.timer.Done(tt.now), tt.remaining, tt.done)
		}
	}
	if got := PauseSeconds(at(10, 0), at(12, 30)); got != 150 {
		t.Errorf("PauseSeconds = %d, want 150", got)
	}
	if PauseSeconds(time.Time{}, at(1, 0)) != 0 || PauseSeconds(at(5, 0), at(1, 0)) != 0 {
		t.Error("PauseSeconds counts a pause that is not there")
	}
}

func TestNextKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		last         string
		today, every int
		want         string
	}{
		{"", 0, 4, Focus},
		{ShortBreak, 1, 4, Focus},
		{LongBreak, 4, 4, Focus},
		{Focus, 1, 4, ShortBreak},
		{Focus, 3, 4, ShortBreak},
		{Focus, 4, 4, LongBreak},
		{Focus, 8, 4, LongBreak},
		{Focus, 2, 2, LongBreak},
	}
	for _, tt := range tests {
		if got := NextKind(tt.last, tt.today, tt.every); got != tt.want {
			t.Errorf("NextKind(%q, %d, %d) = %s, want %s", tt.last, tt.today, tt.every, got, tt.want)
		}
	}
}

func TestRanOut(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	now := start.Add(40 * time.Minute)
	run := Timer{Planned: 25 * time.Minute, Started: start, Paused: 5 * time.Minute}
	if got := run.RanOut(now); !got.Equal(start.Add(30 * time.Minute)) {
		t.Errorf("RanOut = %v, want 09:30", got)
	}
	paused := Timer{Planned: 25 * time.Minute, Started: start, PausedAt: start.Add(10 * time.Minute)}
	if got := paused.RanOut(now); !got.Equal(now.Add(15 * time.Minute)) {
		t.Errorf("paused RanOut = %v, want 15 minutes from now", got)
	}
}

func TestDayStreak(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	day := func(back int) time.Time { return today.AddDate(0, 0, -back) }
	tests := []struct {
		days []time.Time
		want int
	}{
		{nil, 0},
		{[]time.Time{day(0)}, 1},
		{[]time.Time{day(0), day(1), day(2), day(4)}, 3},
		{[]time.Time{day(1), day(2)}, 2}, // none yet today: the streak still stands
		{[]time.Time{day(2), day(3)}, 0}, // yesterday missed
	}
	for _, tt := range tests {
		if got := DayStreak(tt.days, today); got != tt.want {
			t.Errorf("DayStreak(%v) = %d, want %d", tt.days, got, tt.want)
		}
	}
}
