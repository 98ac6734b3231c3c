// Package calendar turns instants into the user's local days. Days are
// dates at midnight UTC, compared and stepped as UTC dates, so
// daylight-saving changes never make a day 23 or 25 hours long.
//
// A change of time zone takes effect at the next local midnight of the zone
// in force, and a day after it is never earlier than the day that midnight
// began: flying west over the date line makes one long day, flying east
// skips a date. No zone change ever opens a day a second time, so no daily
// reward can be earned twice in one real day by changing zones.
package calendar

import (
	"sync"
	"time"
)

// Day returns the calendar day of instant t in loc, as midnight UTC of that
// date.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WeekOf returns the first day of the week that contains day.
func WeekOf(day time.Time, weekStart time.Weekday) time.Time {
	back := (int(day.Weekday()) - int(weekStart) + 7) % 7
	return day.AddDate(0, 0, -back)
}

// midnight returns the instant day begins in loc.
func midnight(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// Zone is a user's time zone, with a change to it that may still be taking
// effect: Previous is in force before Switch, Current from Switch on. A
// zone that never changed has no Switch.
//
// The rule: a change takes effect at the next midnight of the zone in
// force, and no day after it is earlier than the day that midnight began.
// Changing zones therefore never changes the day the user is in, and a new
// day only ever begins at a midnight: flying west lives one long day,
// flying east one short one, and no day opens a second time.
type Zone struct {
	Current  *time.Location
	Previous *time.Location
	Switch   time.Time
}

// Fixed is a zone that has always been loc.
func Fixed(loc *time.Location) Zone { return Zone{Current: loc} }

func (z Zone) current() *time.Location {
	if z.Current == nil {
		return time.UTC
	}
	return z.Current
}

// switching reports whether z records a change of zones.
func (z Zone) switching() bool { return z.Previous != nil && !z.Switch.IsZero() }

// floor is the day that began at the switch: no later day is earlier.
func (z Zone) floor() time.Time { return Day(z.Switch, z.Previous) }

// At returns the zone in force at instant t.
func (z Zone) At(t time.Time) *time.Location {
	if z.switching() && t.Before(z.Switch) {
		return z.Previous
	}
	return z.current()
}

// Local returns t as a local time in the zone in force at t.
func (z Zone) Local(t time.Time) time.Time { return t.In(z.At(t)) }

// Day returns the user's day at instant t.
func (z Zone) Day(t time.Time) time.Time {
	if !z.switching() {
		return Day(t, z.current())
	}
	if t.Before(z.Switch) {
		return Day(t, z.Previous)
	}
	if d, floor := Day(t, z.current()), z.floor(); d.After(floor) {
		return d
	}
	return z.floor()
}

// Midnight returns the instant the user's day began. Consecutive days tile
// time: a date skipped flying east (more than a day ahead) begins and ends
// at the switch.
func (z Zone) Midnight(day time.Time) time.Time {
	if !z.switching() {
		return midnight(day, z.current())
	}
	if !day.After(z.floor()) {
		return midnight(day, z.Previous)
	}
	if m := midnight(day, z.current()); m.After(z.Switch) {
		return m
	}
	return z.Switch
}

// Pending reports whether a change of zone is still to take effect at now.
func (z Zone) Pending(now time.Time) bool { return z.switching() && now.Before(z.Switch) }

// Settled returns when the last change has wholly taken effect: flying
// west, the day that began at the switch lasts until the new zone reaches
// it, and until then the zone cannot change again (its days would no longer
// follow from the zone in force alone).
func (z Zone) Settled() time.Time {
	if !z.switching() {
		return time.Time{}
	}
	if m := midnight(z.floor(), z.current()); m.After(z.Switch) {
		return m
	}
	return z.Switch
}

// ErrSettling refuses a change of zone while the last one is still taking
// effect (see Settled).
type ErrSettling struct{ Until time.Time }

func (e ErrSettling) Error() string {
	return "calendar: the last change of time zone takes effect until " + e.Until.UTC().Format(time.RFC3339)
}

// Change returns z changed to loc at instant now (see Zone for the rule).
// Changing again before the switch changes the zone that will follow, or,
// back to the zone in force, cancels the change. A user who has earned no
// daily reward yet (immediate) changes at once.
func (z Zone) Change(loc *time.Location, now time.Time, immediate bool) (Zone, error) {
	switch {
	case immediate:
		return Fixed(loc), nil
	case z.Pending(now) && z.Previous.String() == loc.String():
		return Fixed(loc), nil
	case z.Pending(now):
		return Zone{Current: loc, Previous: z.Previous, Switch: z.Switch}, nil
	case z.current().String() == loc.String():
		return z, nil
	case z.switching() && now.Before(z.Settled()):
		return z, ErrSettling{Until: z.Settled()}
	}
	from := z.current()
	return Zone{Current: loc, Previous: from, Switch: midnight(Day(now, from).AddDate(0, 0, 1), from)}, nil
}

// locations caches loaded time zones: loading one reads the tz database.
var locations sync.Map

// Location returns the named time zone, or UTC when the name is unknown
// (only known names are kept, so no input can grow the cache).
func Location(name string) *time.Location {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	locations.Store(name, loc)
	return loc
}

// Calendar is the user's calendar at one instant: their zone, their day and
// their week. A request builds it once, from the viewer's preferences and
// the clock, and every domain reads dates from it.
type Calendar struct {
	Now       time.Time
	Zone      Zone
	WeekStart time.Weekday
	Today     time.Time // the user's day at Now
}

// New returns the calendar of a user in zone, whose weeks begin on
// weekStart, at now.
func New(now time.Time, zone Zone, weekStart time.Weekday) Calendar {
	return Calendar{Now: now, Zone: zone, WeekStart: weekStart, Today: zone.Day(now)}
}

// Day returns the user's day at instant t.
func (c Calendar) Day(t time.Time) time.Time { return c.Zone.Day(t) }

// Local returns t in the zone in force at t.
func (c Calendar) Local(t time.Time) time.Time { return c.Zone.Local(t) }

// Midnight returns the instant day began for the user.
func (c Calendar) Midnight(day time.Time) time.Time { return c.Zone.Midnight(day) }

// Week returns the first day of the current week.
func (c Calendar) Week() time.Time { return WeekOf(c.Today, c.WeekStart) }

// TodayBegan returns the instant the current day began.
func (c Calendar) TodayBegan() time.Time { return c.Midnight(c.Today) }

// WeekBegan returns the instant the current week began.
func (c Calendar) WeekBegan() time.Time { return c.Midnight(c.Week()) }
