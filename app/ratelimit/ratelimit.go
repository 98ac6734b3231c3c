// Package ratelimit counts hits per key in fixed windows kept in PostgreSQL,
// so every app process shares one count.
package ratelimit

import (
	"context"
	"fmt"
	"time"

	"ignition/app/store/db"
)

// Limiter allows Limit hits per key in each Window.
type Limiter struct {
	q      *db.Queries
	Limit  int
	Window time.Duration
	now    func() time.Time
}

// New returns a limiter of limit hits per window.
func New(q *db.Queries, limit int, window time.Duration) *Limiter {
	return &Limiter{q: q, Limit: limit, Window: window, now: time.Now}
}

// Allow counts a hit for key and reports whether it is within the limit,
// and if not, how long until the window ends.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	now := l.now()
	start := now.Truncate(l.Window)
	hits, err := l.q.HitRateLimit(ctx, db.HitRateLimitParams{Key: key, WindowStart: start})
	if err != nil {
		return false, 0, fmt.Errorf("ratelimit: unable to count %s: %w", key, err)
	}
	if int(hits) > l.Limit {
		return false, start.Add(l.Window).Sub(now), nil
	}
	return true, 0, nil
}

// DeleteOld removes windows that have ended.
func (l *Limiter) DeleteOld(ctx context.Context) error {
	if _, err := l.q.DeleteOldRateLimits(ctx, l.now().Add(-l.Window)); err != nil {
		return fmt.Errorf("ratelimit: unable to delete old windows: %w", err)
	}
	return nil
}
