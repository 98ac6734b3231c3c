package server_test

import (
	"testing"

	"ignition/app/apptest"
	"ignition/app/exercise"
	"ignition/app/market"
	"ignition/app/quests"
	"ignition/app/seed"
)

// TestSeedingTogetherIsSafe runs the built-in content's seeding from four
// "processes" at once, as app processes starting together do, and again:
// every run succeeds and the content is there once.
func TestSeedingTogetherIsSafe(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_POOL_SIZE", "8")) // so that the four race
	pool := env.Pool
	seeds := env.App.Seeds()
	if len(seeds) != 3 {
		t.Fatalf("the modules declare %d sets of built-in content, want quests, exercise and the market", len(seeds))
	}
	if _, err := pool.Exec(t.Context(), "TRUNCATE quests, market_items, exercises CASCADE"); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range cap(errs) {
		go func() {
			_, err := seed.Run(t.Context(), pool, seeds...)
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := seed.Run(t.Context(), pool, seeds...); err != nil {
		t.Fatal(err)
	}
	var questRows, itemRows, exerciseRows int
	if err := pool.QueryRow(t.Context(), "SELECT (SELECT count(*) FROM quests), (SELECT count(*) FROM market_items), (SELECT count(*) FROM exercises)").
		Scan(&questRows, &itemRows, &exerciseRows); err != nil {
		t.Fatal(err)
	}
	if questRows != len(quests.Builtin)+len(exercise.Quests) || itemRows != len(market.Catalog) || exerciseRows != len(exercise.Builtin) {
		t.Fatalf("after seeding: %d quests, %d market items, %d exercises; want %d, %d and %d", questRows, itemRows, exerciseRows,
			len(quests.Builtin)+len(exercise.Quests), len(market.Catalog), len(exercise.Builtin))
	}
}
