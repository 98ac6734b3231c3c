package exercise

import (
	"context"

	"github.com/jackc/pgx/v5"

	"ignition/app/quests"
	"ignition/app/seed"
	"ignition/app/store"
	"ignition/app/store/db"
	views "ignition/views/exercise"
)

// The kinds of exercise.
const (
	Strength   = views.Strength   // lifted with weight: sets of reps at a weight
	Bodyweight = views.Bodyweight // reps, with weight added or none
	Cardio     = views.Cardio     // time and distance
)

// Kinds are the kinds of exercise, in the order the library shows them.
var Kinds = []string{Strength, Bodyweight, Cardio}

// Builtin is the library every user starts with: common exercises, each
// with a stable slug so loading them again updates them in place.
var Builtin = []db.UpsertBuiltinExerciseParams{
	// Chest
	{Slug: "bench-press", Name: "Bench Press", Muscles: []string{"chest", "triceps", "shoulders"}, Equipment: "barbell", Kind: Strength},
	{Slug: "incline-bench-press", Name: "Incline Bench Press", Muscles: []string{"chest", "shoulders", "triceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "decline-bench-press", Name: "Decline Bench Press", Muscles: []string{"chest", "triceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "dumbbell-bench-press", Name: "Dumbbell Bench Press", Muscles: []string{"chest", "triceps", "shoulders"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "incline-dumbbell-press", Name: "Incline Dumbbell Press", Muscles: []string{"chest", "shoulders"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "dumbbell-fly", Name: "Dumbbell Fly", Muscles: []string{"chest"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "cable-crossover", Name: "Cable Crossover", Muscles: []string{"chest"}, Equipment: "cable", Kind: Strength},
	{Slug: "chest-press-machine", Name: "Chest Press Machine", Muscles: []string{"chest", "triceps"}, Equipment: "machine", Kind: Strength},
	{Slug: "push-up", Name: "Push-up", Muscles: []string{"chest", "triceps", "shoulders"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "dip", Name: "Dip", Muscles: []string{"chest", "triceps"}, Equipment: "dip bars", Kind: Bodyweight},
	// Back
	{Slug: "deadlift", Name: "Deadlift", Muscles: []string{"back", "glutes", "hamstrings"}, Equipment: "barbell", Kind: Strength},
	{Slug: "barbell-row", Name: "Barbell Row", Muscles: []string{"back", "biceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "pendlay-row", Name: "Pendlay Row", Muscles: []string{"back", "biceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "dumbbell-row", Name: "Dumbbell Row", Muscles: []string{"back", "biceps"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "lat-pulldown", Name: "Lat Pulldown", Muscles: []string{"back", "biceps"}, Equipment: "cable", Kind: Strength},
	{Slug: "seated-cable-row", Name: "Seated Cable Row", Muscles: []string{"back", "biceps"}, Equipment: "cable", Kind: Strength},
	{Slug: "t-bar-row", Name: "T-Bar Row", Muscles: []string{"back"}, Equipment: "barbell", Kind: Strength},
	{Slug: "face-pull", Name: "Face Pull", Muscles: []string{"shoulders", "back"}, Equipment: "cable", Kind: Strength},
	{Slug: "pull-up", Name: "Pull-up", Muscles: []string{"back", "biceps"}, Equipment: "pull-up bar", Kind: Bodyweight},
	{Slug: "chin-up", Name: "Chin-up", Muscles: []string{"back", "biceps"}, Equipment: "pull-up bar", Kind: Bodyweight},
	{Slug: "inverted-row", Name: "Inverted Row", Muscles: []string{"back", "biceps"}, Equipment: "bar", Kind: Bodyweight},
	{Slug: "back-extension", Name: "Back Extension", Muscles: []string{"lower back", "glutes"}, Equipment: "bench", Kind: Bodyweight},
	// Legs
	{Slug: "back-squat", Name: "Back Squat", Muscles: []string{"quads", "glutes", "hamstrings"}, Equipment: "barbell", Kind: Strength},
	{Slug: "front-squat", Name: "Front Squat", Muscles: []string{"quads", "glutes"}, Equipment: "barbell", Kind: Strength},
	{Slug: "goblet-squat", Name: "Goblet Squat", Muscles: []string{"quads", "glutes"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "romanian-deadlift", Name: "Romanian Deadlift", Muscles: []string{"hamstrings", "glutes", "lower back"}, Equipment: "barbell", Kind: Strength},
	{Slug: "sumo-deadlift", Name: "Sumo Deadlift", Muscles: []string{"glutes", "quads", "back"}, Equipment: "barbell", Kind: Strength},
	{Slug: "leg-press", Name: "Leg Press", Muscles: []string{"quads", "glutes"}, Equipment: "machine", Kind: Strength},
	{Slug: "leg-extension", Name: "Leg Extension", Muscles: []string{"quads"}, Equipment: "machine", Kind: Strength},
	{Slug: "leg-curl", Name: "Leg Curl", Muscles: []string{"hamstrings"}, Equipment: "machine", Kind: Strength},
	{Slug: "walking-lunge", Name: "Walking Lunge", Muscles: []string{"quads", "glutes"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "bulgarian-split-squat", Name: "Bulgarian Split Squat", Muscles: []string{"quads", "glutes"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "hip-thrust", Name: "Hip Thrust", Muscles: []string{"glutes", "hamstrings"}, Equipment: "barbell", Kind: Strength},
	{Slug: "standing-calf-raise", Name: "Standing Calf Raise", Muscles: []string{"calves"}, Equipment: "machine", Kind: Strength},
	{Slug: "seated-calf-raise", Name: "Seated Calf Raise", Muscles: []string{"calves"}, Equipment: "machine", Kind: Strength},
	{Slug: "bodyweight-squat", Name: "Bodyweight Squat", Muscles: []string{"quads", "glutes"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "pistol-squat", Name: "Pistol Squat", Muscles: []string{"quads", "glutes"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "glute-bridge", Name: "Glute Bridge", Muscles: []string{"glutes", "hamstrings"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "step-up", Name: "Step-up", Muscles: []string{"quads", "glutes"}, Equipment: "box", Kind: Bodyweight},
	// Shoulders
	{Slug: "overhead-press", Name: "Overhead Press", Muscles: []string{"shoulders", "triceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "dumbbell-shoulder-press", Name: "Dumbbell Shoulder Press", Muscles: []string{"shoulders", "triceps"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "arnold-press", Name: "Arnold Press", Muscles: []string{"shoulders"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "lateral-raise", Name: "Lateral Raise", Muscles: []string{"shoulders"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "front-raise", Name: "Front Raise", Muscles: []string{"shoulders"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "rear-delt-fly", Name: "Rear Delt Fly", Muscles: []string{"shoulders", "back"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "upright-row", Name: "Upright Row", Muscles: []string{"shoulders", "traps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "barbell-shrug", Name: "Barbell Shrug", Muscles: []string{"traps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "pike-push-up", Name: "Pike Push-up", Muscles: []string{"shoulders", "triceps"}, Equipment: "none", Kind: Bodyweight},
	// Arms
	{Slug: "barbell-curl", Name: "Barbell Curl", Muscles: []string{"biceps"}, Equipment: "barbell", Kind: Strength},
	{Slug: "dumbbell-curl", Name: "Dumbbell Curl", Muscles: []string{"biceps"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "hammer-curl", Name: "Hammer Curl", Muscles: []string{"biceps", "forearms"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "preacher-curl", Name: "Preacher Curl", Muscles: []string{"biceps"}, Equipment: "ez bar", Kind: Strength},
	{Slug: "cable-curl", Name: "Cable Curl", Muscles: []string{"biceps"}, Equipment: "cable", Kind: Strength},
	{Slug: "triceps-pushdown", Name: "Triceps Pushdown", Muscles: []string{"triceps"}, Equipment: "cable", Kind: Strength},
	{Slug: "skull-crusher", Name: "Skull Crusher", Muscles: []string{"triceps"}, Equipment: "ez bar", Kind: Strength},
	{Slug: "overhead-triceps-extension", Name: "Overhead Triceps Extension", Muscles: []string{"triceps"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "close-grip-bench-press", Name: "Close-Grip Bench Press", Muscles: []string{"triceps", "chest"}, Equipment: "barbell", Kind: Strength},
	{Slug: "wrist-curl", Name: "Wrist Curl", Muscles: []string{"forearms"}, Equipment: "dumbbell", Kind: Strength},
	{Slug: "farmers-walk", Name: "Farmer's Walk", Muscles: []string{"forearms", "traps", "core"}, Equipment: "dumbbell", Kind: Strength},
	// Core
	{Slug: "plank", Name: "Plank", Muscles: []string{"core"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "side-plank", Name: "Side Plank", Muscles: []string{"core", "obliques"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "crunch", Name: "Crunch", Muscles: []string{"core"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "hanging-leg-raise", Name: "Hanging Leg Raise", Muscles: []string{"core", "hip flexors"}, Equipment: "pull-up bar", Kind: Bodyweight},
	{Slug: "russian-twist", Name: "Russian Twist", Muscles: []string{"core", "obliques"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "ab-wheel-rollout", Name: "Ab Wheel Rollout", Muscles: []string{"core"}, Equipment: "ab wheel", Kind: Bodyweight},
	{Slug: "mountain-climber", Name: "Mountain Climber", Muscles: []string{"core", "shoulders"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "burpee", Name: "Burpee", Muscles: []string{"full body"}, Equipment: "none", Kind: Bodyweight},
	{Slug: "cable-woodchopper", Name: "Cable Woodchopper", Muscles: []string{"core", "obliques"}, Equipment: "cable", Kind: Strength},
	// Full body
	{Slug: "kettlebell-swing", Name: "Kettlebell Swing", Muscles: []string{"glutes", "hamstrings", "core"}, Equipment: "kettlebell", Kind: Strength},
	{Slug: "power-clean", Name: "Power Clean", Muscles: []string{"full body"}, Equipment: "barbell", Kind: Strength},
	{Slug: "clean-and-jerk", Name: "Clean and Jerk", Muscles: []string{"full body"}, Equipment: "barbell", Kind: Strength},
	{Slug: "snatch", Name: "Snatch", Muscles: []string{"full body"}, Equipment: "barbell", Kind: Strength},
	{Slug: "thruster", Name: "Thruster", Muscles: []string{"quads", "shoulders"}, Equipment: "barbell", Kind: Strength},
	{Slug: "turkish-get-up", Name: "Turkish Get-up", Muscles: []string{"full body", "core"}, Equipment: "kettlebell", Kind: Strength},
	// Cardio
	{Slug: "running", Name: "Running", Muscles: []string{"legs", "heart"}, Equipment: "none", Kind: Cardio},
	{Slug: "treadmill", Name: "Treadmill", Muscles: []string{"legs", "heart"}, Equipment: "treadmill", Kind: Cardio},
	{Slug: "cycling", Name: "Cycling", Muscles: []string{"legs", "heart"}, Equipment: "bike", Kind: Cardio},
	{Slug: "stationary-bike", Name: "Stationary Bike", Muscles: []string{"legs", "heart"}, Equipment: "machine", Kind: Cardio},
	{Slug: "rowing-machine", Name: "Rowing Machine", Muscles: []string{"back", "legs", "heart"}, Equipment: "machine", Kind: Cardio},
	{Slug: "elliptical", Name: "Elliptical", Muscles: []string{"legs", "heart"}, Equipment: "machine", Kind: Cardio},
	{Slug: "stair-climber", Name: "Stair Climber", Muscles: []string{"legs", "heart"}, Equipment: "machine", Kind: Cardio},
	{Slug: "swimming", Name: "Swimming", Muscles: []string{"full body", "heart"}, Equipment: "pool", Kind: Cardio},
	{Slug: "walking", Name: "Walking", Muscles: []string{"legs", "heart"}, Equipment: "none", Kind: Cardio},
	{Slug: "jump-rope", Name: "Jump Rope", Muscles: []string{"calves", "heart"}, Equipment: "rope", Kind: Cardio},
	{Slug: "hiking", Name: "Hiking", Muscles: []string{"legs", "heart"}, Equipment: "none", Kind: Cardio},
}

// Quests are the quests that count workouts: each finished session pays
// a reward keyed SessionKey:<id>, which the quest counts.
var Quests = []db.UpsertQuestParams{
	{ID: "weekly-three-workouts", Title: "Work out 3 times this week", Description: "Finish three workouts in Exercise.",
		Period: quests.Weekly, Metric: quests.Rewarded(SessionKey), Target: 3, Skill: "guts", Xp: 60, Coins: 12, Position: 35},
}

// Seed loads the built-in library and the workout quests, in one round
// trip; loading again updates them in place.
var Seed = seed.Set{Name: "exercise", Apply: func(ctx context.Context, tx pgx.Tx) error {
	var b store.Batch
	for _, e := range Builtin {
		store.Exec(&b, db.UpsertBuiltinExercise, e)
	}
	for _, q := range Quests {
		store.Exec(&b, db.UpsertQuest, q)
	}
	return b.Send(ctx, tx)
}}
