package planner

import (
	"time"

	views "ignition/views/planner"
)

// TodayShown is how many of the day's events Today lists: what is on now
// and what comes next. The day view has them all.
const TodayShown = 5

// todayPlan is what Today shows of the day's events (in order) at now:
// the first TodayShown not yet over (an all-day event lasts the day), and
// how many are left out, earlier and later.
func todayPlan(events []views.Event, now, day time.Time) views.TodayPlan {
	plan := views.TodayPlan{Day: day}
	for _, e := range events {
		switch {
		case !e.AllDay && !e.End.After(now):
			plan.Earlier++
		case len(plan.Events) < TodayShown:
			plan.Events = append(plan.Events, e)
		default:
			plan.Later++
		}
	}
	return plan
}
