package today

import (
	"math/rand/v2"
	"slices"
	"testing"

	"ignition/app/decision"
	"ignition/app/suggest"
)

func ids(s []Scored) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.ID()
	}
	return out
}

// Candidate is a candidate as these tests write it: its key as a string and
// its source's kind, placed habit, quest, pick, focus as the modules do.
type Candidate struct {
	ID, Type string
	Count    int
	Days     int
	Seq, Ctx float64
}

var kindOrder = map[string]int{"habit": 0, "quest": 1, "pick": 2, "focus": 3}

func candidates(cs []Candidate) []suggest.Candidate {
	out := make([]suggest.Candidate, len(cs))
	for i, c := range cs {
		key, err := decision.Parse(c.ID)
		if err != nil {
			panic(err)
		}
		out[i] = suggest.Candidate{Key: key, Order: kindOrder[c.Type], Count: c.Count, Days: c.Days, Seq: c.Seq, Ctx: c.Ctx}
	}
	return out
}

func rank(cs []Candidate, w Weights) []Scored { return Rank(candidates(cs), w) }

func TestRankScores(t *testing.T) {
	t.Parallel()
	cands := []Candidate{
		{ID: "habit:a", Type: "habit", Count: 10, Days: 0},
		{ID: "habit:b", Type: "habit", Count: 5, Days: 1},
		{ID: "focus:start", Type: "focus", Count: 0, Days: -1},
	}
	got := rank(cands, DefaultWeights)
	if want := []string{"habit:a", "habit:b", "focus:start"}; !slices.Equal(ids(got), want) {
		t.Fatalf("order = %v, want %v", ids(got), want)
	}
	a := got[0]
	if a.F != 1 || a.R != 1 || a.Score != 0.7 || a.Position != 1 {
		t.Errorf("habit:a = F %v R %v score %v position %d", a.F, a.R, a.Score, a.Position)
	}
	b := got[1]
	if b.F != 0.5 || b.R != 0.5 || b.Score != 0.35 {
		t.Errorf("habit:b = F %v R %v score %v", b.F, b.R, b.Score)
	}
	if got[2].Score != 0 {
		t.Errorf("a candidate with no signals scored %v", got[2].Score)
	}
	withSeq := rank([]Candidate{{ID: "habit:a", Type: "habit", Count: 1, Days: 3}, {ID: "quest:x", Type: "quest", Count: 1, Days: 3, Seq: 1}}, DefaultWeights)
	if withSeq[0].ID() != "quest:x" {
		t.Error("the sequence signal did not count")
	}
}

func TestTieBreakers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cands []Candidate
		want  []string
	}{
		{"lower ID wins", []Candidate{{ID: "habit:b", Type: "habit"}, {ID: "habit:a", Type: "habit"}}, []string{"habit:a", "habit:b"}},
		{"type priority", []Candidate{{ID: "focus:a", Type: "focus"}, {ID: "quest:z", Type: "quest"}, {ID: "pick:a", Type: "pick"}, {ID: "habit:z", Type: "habit"}},
			[]string{"habit:z", "quest:z", "pick:a", "focus:a"}},
		{"equal to four decimals falls through to the ID", []Candidate{
			{ID: "habit:a", Type: "habit", Count: 3, Days: -1, Seq: 0.40001},
			{ID: "habit:b", Type: "habit", Count: 3, Days: -1, Seq: 0.4},
		}, []string{"habit:a", "habit:b"}},
	}
	for _, tt := range tests {
		if got := ids(rank(tt.cands, DefaultWeights)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// Scores equal to four decimals fall to the raw count.
	near := []Candidate{
		{ID: "habit:a", Type: "habit", Count: 1, Days: -1, Seq: 0.50001},
		{ID: "habit:b", Type: "habit", Count: 2, Days: -1, Seq: 0.5, Ctx: 0},
	}
	// F differs here (0.5 vs 1), so give both the same F by weighting F out.
	got := ids(rank(near, Weights{S: 1}))
	if !slices.Equal(got, []string{"habit:b", "habit:a"}) {
		t.Errorf("near-equal scores: %v, want the higher count first", got)
	}
}

// TestRankIsDeterministic: the same state in any order ranks the same.
func TestRankIsDeterministic(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(12)
		cands := make([]Candidate, n)
		types := []string{"habit", "quest", "pick", "focus"}
		for i := range cands {
			cands[i] = Candidate{
				ID: types[r.IntN(4)] + ":" + string(rune('a'+r.IntN(26))) + string(rune('a'+i)), Type: types[r.IntN(4)],
				Count: r.IntN(4), Days: r.IntN(5) - 1, Seq: float64(r.IntN(3)) / 2,
			}
		}
		want := ids(rank(cands, DefaultWeights))
		for shuffle := 0; shuffle < 5; shuffle++ {
			mixed := slices.Clone(cands)
			r.Shuffle(len(mixed), func(i, j int) { mixed[i], mixed[j] = mixed[j], mixed[i] })
			if got := ids(rank(mixed, DefaultWeights)); !slices.Equal(got, want) {
				t.Fatalf("trial %d: %v, then %v", trial, want, got)
			}
		}
	}
}

func TestWhyCitesOnlyUsedSignals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    Scored
		w    Weights
		want string
	}{
		{Scored{F: 1, R: 0.2, Candidate: suggest.Candidate{Count: 30, Days: 4}}, DefaultWeights, "Something you do often"},
		{Scored{F: 0.1, R: 1, Candidate: suggest.Candidate{Count: 3, Days: 0}}, DefaultWeights, "Based on your recent history"},
		{Scored{F: 0.1, R: 0.1, S: 0.9, Candidate: suggest.Candidate{Count: 9, Days: 9}}, DefaultWeights, "Frequently follows a recent action"},
		{Scored{S: 0.9}, Weights{F: 0.4, R: 0.3}, "A good place to start"}, // sequence switched off: not cited
		{Scored{}, DefaultWeights, "A good place to start"},
		// Little history: one completion yesterday is neither "often" nor a
		// history; the source's reason says why instead.
		{Scored{F: 1, R: 0.5, Candidate: suggest.Candidate{Count: 1, Days: 1, Reason: "Due today"}}, DefaultWeights, "Due today"},
		{Scored{F: 1, R: 1, Candidate: suggest.Candidate{Count: 4, Days: 0}}, DefaultWeights, "Based on your recent history"},
		{Scored{F: 1, R: 0.2, Candidate: suggest.Candidate{Count: 4, Days: 4}}, DefaultWeights, "A good place to start"},
		{Scored{S: 0.1, Candidate: suggest.Candidate{Reason: "Today's quest"}}, DefaultWeights, "Today's quest"},
	}
	for _, tt := range tests {
		if got := Why(tt.s, tt.w); got != tt.want {
			t.Errorf("Why(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
