package progress

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/calendar"
	"ignition/app/notifications"
	"ignition/app/store"
	"ignition/app/store/db"
)

// SummarizeWeeks makes the weekly summaries that are due: for each user who
// asked for one, on the first day of their week from 9:00 in their zone, a
// notification of what the week before earned. Several app processes may
// run it at once: a week's summary has one key, so it is made once.
func SummarizeWeeks(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int, error) {
	n := 0
	err := store.Tx(ctx, pool, func(q *db.Queries) error {
		due, err := q.ListWeeklySummariesDue(ctx, now)
		if err != nil {
			return err
		}
		for _, u := range due {
			zone := calendar.Fixed(calendar.Location(u.TimeZone))
			began := zone.Midnight(u.LocalDay)
			totals, err := q.WeekTotals(ctx, db.WeekTotalsParams{UserID: u.UserID, FromAt: zone.Midnight(u.LocalDay.AddDate(0, 0, -7)), UntilAt: began})
			if err != nil {
				return err
			}
			err = notifications.Add(ctx, q, u.UserID, notifications.Notice{Kind: notifications.WeeklySummary,
				Key: "weekly:" + u.LocalDay.Format("2006-01-02"), Title: "Your week", Body: WeekSummary(totals), Href: URL})
			if err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("progress: unable to make the weekly summaries: %w", err)
	}
	return n, nil
}

// WeekSummary says what a week's totals were, in a line.
func WeekSummary(t db.WeekTotalsRow) string {
	if t.Activities == 0 {
		return "A quiet week: nothing was recorded. A fresh one starts today."
	}
	parts := []string{plural(int64(t.Activities), "activity", "activities"), fmt.Sprintf("%d XP", t.Xp)}
	if t.Coins > 0 {
		parts = append(parts, plural(t.Coins, "coin", "coins"))
	}
	line := "Last week: " + strings.Join(parts, ", ") + "."
	if t.TopSkill != "" {
		line += " Most of it went to " + SkillName(t.TopSkill) + "."
	}
	return line
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
