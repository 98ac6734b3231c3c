package exercise

import (
	"testing"

	"ignition/app/store/db"
)

func TestSetsAndRecordsSaidInTheUsersUnit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		set        db.WorkoutSet
		kind, unit string
		want       string
	}{
		{db.WorkoutSet{WeightG: 100_000, Reps: 5, RpeTenths: 80}, Strength, Kilograms, "100 kg × 5 @ RPE 8"},
		{db.WorkoutSet{WeightG: 61_235, Reps: 8}, Strength, Pounds, "135 lb × 8"},
		{db.WorkoutSet{Reps: 12}, Bodyweight, Kilograms, "12 reps"},
		{db.WorkoutSet{WeightG: 10_000, Reps: 6, RpeTenths: 95}, Bodyweight, Kilograms, "+10 kg × 6 @ RPE 9.5"},
		{db.WorkoutSet{DistanceM: 5000, DurationS: 1530}, Cardio, Kilograms, "5 km in 25:30"},
		{db.WorkoutSet{DurationS: 600}, Cardio, Pounds, "10:00"},
	} {
		if got := setText(c.set, c.kind, c.unit); got != c.want {
			t.Errorf("setText = %q, want %q", got, c.want)
		}
	}
	if got := recordText(RecordVolume, 2_412_500_0, 0, Kilograms); got != "Best session volume: 24,125 kg" {
		t.Errorf("a volume reads %q", got)
	}
	if got := recordText(RecordReps, 8, 100_000, Kilograms); got != "Most reps: 8 reps at 100 kg" {
		t.Errorf("reps read %q", got)
	}
	if got := thousands("1234567.25"); got != "1,234,567.25" {
		t.Errorf("thousands = %q", got)
	}
}
