package today

import (
	"math"
	"sort"

	"ignition/app/suggest"
)

// Weights weigh the signals.
type Weights struct{ F, R, S, C float64 }

// DefaultWeights are the spec's defaults.
var DefaultWeights = Weights{F: 0.4, R: 0.3, S: 0.3, C: 0}

// Scored is a ranked candidate with its signal values and position (1 for
// the first).
type Scored struct {
	suggest.Candidate
	F, R, S, C float64
	Score      float64
	Position   int
}

// Rank scores candidates as W_F·F + W_R·R + W_S·S + W_C·C, where F is the
// count normalised by the largest count and R = 1/(1+days since last), and
// orders them by score to four decimals, then by raw count, source order
// and ID. The same candidates give the same order in any input order.
func Rank(cands []suggest.Candidate, w Weights) []Scored {
	maxCount := 0
	for _, c := range cands {
		maxCount = max(maxCount, c.Count)
	}
	out := make([]Scored, len(cands))
	for i, c := range cands {
		s := Scored{Candidate: c, S: c.Seq, C: c.Ctx}
		if maxCount > 0 {
			s.F = float64(c.Count) / float64(maxCount)
		}
		if c.Days >= 0 {
			s.R = 1 / (1 + float64(c.Days))
		}
		s.Score = w.F*s.F + w.R*s.R + w.S*s.S + w.C*s.C
		out[i] = s
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := round4(a.Score), round4(b.Score); ra != rb {
			return ra > rb
		}
		return staticLess(a.Candidate, b.Candidate)
	})
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// StaticOrder is the order with ranking switched off: the tie-breakers
// alone, no scores.
func StaticOrder(cands []suggest.Candidate) []Scored {
	out := make([]Scored, len(cands))
	for i, c := range cands {
		out[i] = Scored{Candidate: c}
	}
	sort.SliceStable(out, func(i, j int) bool { return staticLess(out[i].Candidate, out[j].Candidate) })
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// staticLess breaks ties: raw count, then the candidates' sources in their
// order (habit, quest, pick, focus), then the decision key.
func staticLess(a, b suggest.Candidate) bool {
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	if a.Order != b.Order {
		return a.Order < b.Order
	}
	return a.ID() < b.ID()
}

func round4(f float64) int64 { return int64(math.Round(f * 10000)) }

// Thresholds on raw history before a signal is cited: one completion is
// not "often", and a single day is not a history.
const (
	oftenCount   = 5   // completions before "Something you do often"
	historyCount = 2   // completions before "Based on your recent history"
	historyDays  = 3   // and done within this many days
	sequenceProb = 0.2 // P(next | last) before "Frequently follows a recent action"
)

// Why explains a pick by the signal that contributed most among those its
// raw history is enough to cite, in a neutral tone and never naming the
// item; with none, the source's own reason (e.g. "Due today").
func Why(s Scored, w Weights) string {
	parts := []struct {
		value float64
		cited bool
		text  string
	}{
		{w.S * s.S, s.S >= sequenceProb, "Frequently follows a recent action"},
		{w.R * s.R, s.Count >= historyCount && s.Days >= 0 && s.Days <= historyDays, "Based on your recent history"},
		{w.F * s.F, s.Count >= oftenCount, "Something you do often"},
	}
	best, text := 0.0, s.Reason
	for _, p := range parts {
		if p.cited && p.value > best {
			best, text = p.value, p.text
		}
	}
	if text == "" {
		return "A good place to start"
	}
	return text
}
