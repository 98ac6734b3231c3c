package exercise

import (
	"context"
	"fmt"

	"ignition/app/store/db"
)

// saveSet stores a set and the personal records it sets, through q in the
// caller's transaction. Saving sets of one exercise takes turns, so two
// sets at once cannot both beat the same best.
func saveSet(ctx context.Context, q *db.Queries, p db.CreateWorkoutSetParams) (db.WorkoutSet, error) {
	if err := q.LockExercise(ctx, db.LockExerciseParams{UserID: p.UserID.String(), ExerciseID: p.ExerciseID.String()}); err != nil {
		return db.WorkoutSet{}, err
	}
	b, err := q.ExerciseBests(ctx, db.ExerciseBestsParams{UserID: p.UserID, ExerciseID: p.ExerciseID, SessionID: p.SessionID, WeightG: p.WeightG})
	if err != nil {
		return db.WorkoutSet{}, fmt.Errorf("exercise: unable to read the bests: %w", err)
	}
	set, err := q.CreateWorkoutSet(ctx, p)
	if err != nil {
		return set, fmt.Errorf("exercise: unable to save the set: %w", err)
	}
	records, raises := Detect(Bests{WeightG: int(b.WeightG), OneRMG: int(b.OneRmG), RepsAtWeight: int(b.RepsAtWeight), SetsAtWeight: int(b.SetsAtWeight),
		BestVolume: b.BestVolume, SessionVolume: b.SessionVolume}, Set{WeightG: int(p.WeightG), Reps: int(p.Reps)})
	for _, r := range records {
		if err := q.CreateExerciseRecord(ctx, db.CreateExerciseRecordParams{UserID: p.UserID, ExerciseID: p.ExerciseID, SetID: set.ID,
			SessionID: p.SessionID, Kind: r.Kind, Value: r.Value, WeightG: p.WeightG, CreatedAt: p.CreatedAt}); err != nil {
			return set, fmt.Errorf("exercise: unable to save a record: %w", err)
		}
	}
	if raises {
		volume := b.SessionVolume + int64(p.WeightG)*int64(p.Reps)
		if err := q.RaiseVolumeRecord(ctx, db.RaiseVolumeRecordParams{UserID: p.UserID, ExerciseID: p.ExerciseID, SessionID: p.SessionID, Value: volume}); err != nil {
			return set, fmt.Errorf("exercise: unable to raise the volume record: %w", err)
		}
	}
	return set, nil
}
