// Package seed loads the built-in content (universal quests, skills,
// glossary and the like) that every installation starts with. Each set is
// written with upserts, so seeding again changes nothing.
package seed

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Set is one named body of built-in content.
type Set struct {
	Name  string
	Apply func(ctx context.Context, tx pgx.Tx) error
}

// Run applies the sets in one transaction and returns how many it applied.
// App processes starting together take turns: each holds a Postgres
// advisory lock while it seeds.
func Run(ctx context.Context, pool *pgxpool.Pool, sets ...Set) (int, error) {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		// Like a migration, seeding at start may wait for another process
		// longer than a request's lock timeout allows.
		if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = 0"); err != nil {
			return fmt.Errorf("seed: unable to lift the lock timeout: %w", err)
		}
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('ignition.seed', 0))"); err != nil {
			return fmt.Errorf("seed: unable to take the lock: %w", err)
		}
		for _, s := range sets {
			if err := s.Apply(ctx, tx); err != nil {
				return fmt.Errorf("seed: unable to apply %s: %w", s.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(sets), nil
}
