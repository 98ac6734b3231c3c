package focus

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// shownAt is what the countdown's strips show t seconds after the page
// got it, worked out as SMIL runs a discrete animation: the active time
// is t minus the (negative) begin, the value its place in the cycle, frozen
// once the repeat duration is over.
func shownAt(t *testing.T, strips []strip, seps []countdownSeparator, at float64) string {
	t.Helper()
	var parts []string
	for _, s := range strips {
		begin, _ := strconv.ParseFloat(strings.TrimSuffix(s.Begin, "s"), 64)
		dur, _ := strconv.ParseFloat(strings.TrimSuffix(s.Dur, "s"), 64)
		repeat, _ := strconv.ParseFloat(strings.TrimSuffix(s.RepeatDur, "s"), 64)
		active := math.Min(at-begin, repeat)
		n := len(s.Labels)
		k := int(math.Floor(math.Mod(active, dur) / (dur / float64(n))))
		parts = append(parts, s.Labels[k])
	}
	// The colons sit before the last two places of each pair.
	out := ""
	for i, p := range parts {
		if i > 0 && (len(parts)-i)%2 == 0 {
			out += ":"
		}
		out += p
	}
	if len(seps) != strings.Count(out, ":") {
		t.Fatalf("%d separators for %q", len(seps), out)
	}
	return out
}

func TestCountdownTicksEverySecondToZero(t *testing.T) {
	t.Parallel()
	for _, remaining := range []time.Duration{25 * time.Minute, 90*time.Second + 400*time.Millisecond, 7 * time.Second, 61*time.Minute + 5*time.Second} {
		strips, seps, width := countdown(remaining)
		if width <= 0 {
			t.Fatal("no width")
		}
		for at := 0.0; at <= remaining.Seconds()+3; at += 0.25 {
			left := int(math.Ceil(max(remaining-time.Duration(at*float64(time.Second)), 0).Seconds()))
			want := clock(time.Duration(left) * time.Second)
			if remaining >= time.Hour && left < 3600 {
				m, s := left/60, left%60
				want = "0:" + pad(m) + ":" + pad(s) // an hour or more keeps h:mm:ss until the page asks again
			}
			if got := shownAt(t, strips, seps, at); got != want {
				t.Fatalf("%v left, %.2f s on: shows %q, want %q", remaining, at, got, want)
			}
		}
	}
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
