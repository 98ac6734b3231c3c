package exercise

import (
	"slices"
	"testing"
)

func TestOneRepMaxByEpley(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ weight, reps, want int }{
		{100_000, 1, 100_000},  // a single is itself
		{100_000, 10, 133_333}, // 100 × (1 + 10/30)
		{100_000, 5, 116_667},
		{60_000, 30, 120_000},
		{0, 10, 0}, // no weight, no estimate
		{100_000, 0, 0},
	} {
		if got := OneRepMax(c.weight, c.reps); got != c.want {
			t.Errorf("OneRepMax(%d, %d) = %d, want %d", c.weight, c.reps, got, c.want)
		}
	}
}

func TestRecordsDetected(t *testing.T) {
	t.Parallel()
	kinds := func(rs []Record) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Kind)
		}
		return out
	}
	for _, c := range []struct {
		name   string
		bests  Bests
		set    Set
		want   []string
		raises bool
	}{
		{"the first set sets weight, 1RM and volume", Bests{}, Set{60_000, 8}, []string{RecordWeight, RecordOneRM, RecordVolume}, false},
		{"heavier for fewer reps: weight, not 1RM", Bests{WeightG: 100_000, OneRMG: 133_333, BestVolume: 3_000_000}, Set{105_000, 2}, []string{RecordWeight}, false},
		{"the same weight for more reps: 1RM and reps", Bests{WeightG: 100_000, OneRMG: 116_667, RepsAtWeight: 5, SetsAtWeight: 3, BestVolume: 9_000_000}, Set{100_000, 6}, []string{RecordOneRM, RecordReps}, false},
		{"equal to the best is no record", Bests{WeightG: 100_000, OneRMG: 116_667, RepsAtWeight: 5, SetsAtWeight: 1, BestVolume: 9_000_000}, Set{100_000, 5}, nil, false},
		{"a new lighter weight sets no reps record", Bests{WeightG: 100_000, OneRMG: 133_333, BestVolume: 9_000_000}, Set{40_000, 20}, nil, false},
		{"the session passes the best volume", Bests{WeightG: 100_000, OneRMG: 133_333, RepsAtWeight: 12, SetsAtWeight: 1, BestVolume: 2_000_000, SessionVolume: 1_500_000}, Set{50_000, 11}, []string{RecordVolume}, false},
		{"a session holding the volume record raises it quietly", Bests{WeightG: 100_000, OneRMG: 133_333, RepsAtWeight: 10, SetsAtWeight: 1, BestVolume: 2_000_000, SessionVolume: 2_500_000}, Set{50_000, 10}, nil, true},
		{"bodyweight: more reps than ever", Bests{RepsAtWeight: 12, SetsAtWeight: 4}, Set{0, 15}, []string{RecordReps}, false},
		{"bodyweight: the first set sets nothing", Bests{}, Set{0, 15}, nil, false},
		{"no reps, no record", Bests{}, Set{100_000, 0}, nil, false},
	} {
		got, raises := Detect(c.bests, c.set)
		if !slices.Equal(kinds(got), c.want) || raises != c.raises {
			t.Errorf("%s: got %v (raises %v), want %v (raises %v)", c.name, kinds(got), raises, c.want, c.raises)
		}
	}
	if got, _ := Detect(Bests{BestVolume: 1_000_000, SessionVolume: 800_000, SetsAtWeight: 1, RepsAtWeight: 9, WeightG: 200_000, OneRMG: 300_000}, Set{50_000, 5}); len(got) != 1 || got[0].Value != 1_050_000 {
		t.Errorf("the volume record is the session's whole volume: %v", got)
	}
}
