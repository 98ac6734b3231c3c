package exercise

import "math"

// OneRepMax estimates the heaviest single lift from a set, in grams, by
// Epley's formula: weight × (1 + reps / 30). A single is its own weight;
// a set without weight or reps estimates nothing.
func OneRepMax(weightG, reps int) int {
	switch {
	case weightG <= 0 || reps <= 0:
		return 0
	case reps == 1:
		return weightG
	}
	return int(math.Round(float64(weightG) * (1 + float64(reps)/30)))
}

// The kinds of personal record.
const (
	RecordWeight = "weight" // heaviest weight lifted
	RecordOneRM  = "one_rm" // best estimated one-rep max
	RecordReps   = "reps"   // most reps at a weight
	RecordVolume = "volume" // most weight × reps in one session
)

// Bests are the user's bests on an exercise before a set is saved.
type Bests struct {
	WeightG       int   // heaviest weight
	OneRMG        int   // best estimated 1RM
	RepsAtWeight  int   // most reps at the new set's weight
	SetsAtWeight  int   // how many sets were at that weight
	BestVolume    int64 // the best volume (gram-reps) of any other session
	SessionVolume int64 // the volume of the set's session so far
}

// Set is what a new set lifted.
type Set struct {
	WeightG, Reps int
}

// Record is a personal record a set sets: its kind and value (grams for
// weight and 1RM, reps for reps, gram-reps for volume).
type Record struct {
	Kind  string
	Value int64
}

// Detect lists the records s sets against b, and whether it raises a
// volume record its session holds already (which is not celebrated
// again). Reps at a weight count only against an earlier set at that
// weight; the other records are set by the first set too. A set without
// weight (bodyweight) can set only reps.
func Detect(b Bests, s Set) (records []Record, raisesVolume bool) {
	if s.Reps <= 0 {
		return nil, false
	}
	if s.WeightG > 0 && s.WeightG > b.WeightG {
		records = append(records, Record{RecordWeight, int64(s.WeightG)})
	}
	if rm := OneRepMax(s.WeightG, s.Reps); rm > b.OneRMG {
		records = append(records, Record{RecordOneRM, int64(rm)})
	}
	if b.SetsAtWeight > 0 && s.Reps > b.RepsAtWeight {
		records = append(records, Record{RecordReps, int64(s.Reps)})
	}
	added := int64(s.WeightG) * int64(s.Reps)
	if volume := b.SessionVolume + added; added > 0 && volume > b.BestVolume {
		if b.SessionVolume > b.BestVolume {
			return records, true // the session holds the record already
		}
		records = append(records, Record{RecordVolume, volume})
	}
	return records, false
}
