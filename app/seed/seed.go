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

// Sets lists the built-in content in the order it is loaded. Domains append
// their sets as they gain built-in content.
var Sets []Set

// Run applies every set in one transaction and returns how many it applied.
func Run(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for _, s := range Sets {
			if err := s.Apply(ctx, tx); err != nil {
				return fmt.Errorf("seed: unable to apply %s: %w", s.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(Sets), nil
}
