package planner

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	views "ignition/views/planner"
)

// What a change to one occurrence of a series applies to, as calendars ask.
const (
	ScopeThis      = views.ScopeThis
	ScopeFollowing = views.ScopeFollowing
	ScopeAll       = views.ScopeAll
)

// occurrenceAt reads ?at / the form's at: the start (RFC 3339) of one of
// the series' occurrences, not taken out; anything else is 404.
func occurrenceAt(e db.PlannerEvent, s string) (time.Time, error) {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil || !e.Rrule.Valid {
		return time.Time{}, echo.ErrNotFound
	}
	r, err := series(e.Rrule.String, e.StartsAt, e.TimeZone)
	if err != nil {
		return time.Time{}, echo.ErrNotFound
	}
	found := r.Between(at, at, true)
	for _, ex := range e.Exdates {
		if ex.Equal(at) {
			return time.Time{}, echo.ErrNotFound
		}
	}
	if len(found) != 1 {
		return time.Time{}, echo.ErrNotFound
	}
	return found[0], nil
}

// before is the series' rule ending on the day before at's (in the
// series' zone, where at is): its count or last day replaced by the end of
// that day, as the form's "last day" would make it. A rule repeats at most
// daily, so no occurrence on at's day comes before at.
func before(rule string, at time.Time) string {
	var parts []string
	for _, p := range strings.Split(rule, ";") {
		if !strings.HasPrefix(p, "COUNT=") && !strings.HasPrefix(p, "UNTIL=") {
			parts = append(parts, p)
		}
	}
	end := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, at.Location()).Add(-time.Second)
	return strings.Join(append(parts, "UNTIL="+end.UTC().Format("20060102T150405Z")), ";")
}

// cutBefore ends the series e just before its occurrence at.
func cutBefore(ctx context.Context, q *db.Queries, e db.PlannerEvent, at time.Time) error {
	e.Rrule.String = before(e.Rrule.String, at)
	last, _, err := lastEnd(e)
	if err != nil {
		return err
	}
	_, err = q.SetPlannerEventRule(ctx, db.SetPlannerEventRuleParams{UserID: e.UserID, ID: e.ID, Rrule: e.Rrule,
		RepeatsUntil: pgtype.Timestamptz{Time: last, Valid: true}})
	return err
}

// remaining is how many occurrences of a counted series are left from at
// (at included); 0 for a series without a count.
func remaining(e db.PlannerEvent, at time.Time) int {
	r, err := series(e.Rrule.String, e.StartsAt, e.TimeZone)
	if err != nil || r.OrigOptions.Count == 0 {
		return 0
	}
	return r.OrigOptions.Count - len(r.Between(e.StartsAt, at, true)) + 1
}
