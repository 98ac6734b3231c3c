// Package focus runs focus sessions and breaks timed by the server: it
// stores when a session started and how long it was paused, and every page
// works out what remains from that, on any device.
package focus

import "time"

// The kinds of session.
const (
	Focus      = "focus"
	ShortBreak = "short_break"
	LongBreak  = "long_break"
)

// The ways a session ends.
const (
	Completed = "completed"
	Abandoned = "abandoned"
)

// Kinds and Outcomes list the kinds of session and the ways one ends.
var (
	Kinds    = []string{Focus, ShortBreak, LongBreak}
	Outcomes = []string{Completed, Abandoned}
)

// Timer is what the clock needs to know about a session.
type Timer struct {
	Planned  time.Duration
	Started  time.Time
	PausedAt time.Time     // zero while running
	Paused   time.Duration // pauses that have ended
}

// Elapsed is the running time so far, pauses excluded.
func (t Timer) Elapsed(now time.Time) time.Duration {
	e := now.Sub(t.Started) - t.Paused
	if !t.PausedAt.IsZero() {
		e -= now.Sub(t.PausedAt)
	}
	return min(max(e, 0), t.Planned)
}

// Remaining is the time left, never below zero.
func (t Timer) Remaining(now time.Time) time.Duration { return t.Planned - t.Elapsed(now) }

// RanOut is when the time ran out, or will while the clock runs (while
// paused, as if it resumed now).
func (t Timer) RanOut(now time.Time) time.Time {
	if !t.PausedAt.IsZero() {
		return now.Add(t.Remaining(now))
	}
	return t.Started.Add(t.Planned + t.Paused)
}

// Done reports whether the time has run out.
func (t Timer) Done(now time.Time) bool { return t.Remaining(now) == 0 }

// PauseSeconds is how long a pause begun at pausedAt has lasted by now.
func PauseSeconds(pausedAt, now time.Time) int32 {
	if pausedAt.IsZero() || now.Before(pausedAt) {
		return 0
	}
	return int32(now.Sub(pausedAt).Seconds())
}

// NextKind is the session to offer after the last one: a break after a
// focus session (a long one after every longEvery focus sessions today),
// and focus after a break or at the start.
func NextKind(last string, focusToday, longEvery int) string {
	if last != Focus {
		return Focus
	}
	if longEvery > 0 && focusToday > 0 && focusToday%longEvery == 0 {
		return LongBreak
	}
	return ShortBreak
}

// KindName is how a kind reads on the page.
func KindName(kind string) string {
	switch kind {
	case ShortBreak:
		return "Short break"
	case LongBreak:
		return "Long break"
	}
	return "Focus"
}
