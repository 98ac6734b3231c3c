package focus

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ringLength is the circumference of the ring's circle (r = 52).
var ringLength = fmt.Sprintf("%.2f", 2*math.Pi*52)

// ringOffset hides the part of the ring still to run.
func ringOffset(a *Active) string {
	if a.Planned <= 0 {
		return ringLength
	}
	left := float64(a.Remaining) / float64(a.Planned)
	return fmt.Sprintf("%.2f", 2*math.Pi*52*left)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%ds", int(d.Seconds())) }

// clock formats a duration as m:ss (or h:mm:ss), rounded up as a
// countdown shows it: 25:00 until a whole second has gone.
func clock(d time.Duration) string {
	s := int(math.Ceil(d.Seconds()))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// The countdown's geometry, in its viewBox's units.
const (
	glyphW = 24 // one digit
	glyphH = 48 // one line of a strip
	sepW   = 12 // a colon
)

// strip is one place of the countdown: a column of labels (the current
// value at the top, counting down to 0) that a discrete SMIL animation
// moves up one line per step, so the clock ticks every second in the
// browser with no script. Everything about it comes from the server's
// remaining time.
type strip struct {
	X, W      int
	Labels    []string
	Values    string // the animation's translations, one per label
	Begin     string // negative: the animation began that long before the page
	Dur       string
	RepeatDur string // it stops (frozen) on 0, when the time runs out
}

// countdownSeparator is a colon between places.
type countdownSeparator struct{ X int }

// countdown lays out the places for a remaining time: m:ss, or h:mm:ss
// from an hour.
func countdown(remaining time.Duration) (strips []strip, seps []countdownSeparator, width int) {
	r := remaining.Seconds()
	R := int(math.Ceil(r))
	frac := float64(R) - r
	type place struct{ period, step int }
	var places []place
	if R >= 3600 {
		places = []place{{3600 * (R/3600 + 1), 3600}, {3600, 600}, {600, 60}, {60, 10}, {10, 1}}
	} else {
		places = []place{{60 * (R/60 + 1), 60}, {60, 10}, {10, 1}}
	}
	x := 0
	for i, p := range places {
		if i > 0 && (len(places)-i)%2 == 0 {
			seps = append(seps, countdownSeparator{X: x + sepW/2})
			x += sepW
		}
		n := p.period / p.step
		s := strip{X: x, W: glyphW, Dur: fmt.Sprintf("%ds", p.period)}
		if i == 0 {
			s.W = glyphW * len(fmt.Sprint(n-1))
		}
		values := make([]string, n)
		for k := 0; k < n; k++ {
			s.Labels = append(s.Labels, fmt.Sprint(n-1-k))
			values[k] = fmt.Sprintf("0 %d", -k*glyphH)
		}
		s.Values = strings.Join(values, ";")
		into := float64(p.period-1-R%p.period) + frac // how far into its cycle the strip is now
		s.Begin = fmt.Sprintf("-%.3fs", into)
		s.RepeatDur = fmt.Sprintf("%.3fs", into+float64(R)-frac+0.5)
		strips = append(strips, s)
		x += s.W
	}
	return strips, seps, x
}

func itoa(n int) string { return strconv.Itoa(n) }

// lineY is the baseline of a strip's k-th label.
func lineY(k int) string { return strconv.Itoa(k*glyphH + 39) }

// refreshURL is where a polling part of the page asks again, naming the
// session it shows so the answer can say that session just ended.
func refreshURL(path string, a *Active) string {
	if a == nil || a.ID == "" {
		return path
	}
	return path + "?after=" + a.ID
}

// refreshTrigger polls every 30 s and, while the clock runs, also half a
// second after the time runs out.
func refreshTrigger(a *Active) string {
	// A change on another device arrives at once (live:focus); the poll is
	// the fallback when the stream is down.
	if a == nil || a.Paused || a.Done {
		return "every 30s, live:focus from:body"
	}
	return fmt.Sprintf("every 30s, live:focus from:body, load delay:%dms", (a.Remaining + 500*time.Millisecond).Milliseconds())
}

// endedBody is the notification's text.
func endedBody(e *Ended) string {
	switch {
	case e.Next != "":
		return e.Next + " has started."
	case e.Paid != "":
		return e.Paid + "."
	}
	return "Time for what is next."
}
