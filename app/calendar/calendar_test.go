package calendar

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func zone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDayAcrossZonesAndDST(t *testing.T) {
	t.Parallel()
	tests := []struct {
		instant string
		zone    string
		want    string
	}{
		{"2026-11-27T23:30:00Z", "UTC", "2026-11-27"},
		{"2026-11-27T23:30:00Z", "Asia/Tokyo", "2026-11-28"},          // east of UTC: already tomorrow
		{"2026-11-27T03:30:00Z", "America/Los_Angeles", "2026-11-26"}, // west of UTC: still yesterday
		{"2026-03-08T06:59:00Z", "America/New_York", "2026-03-08"},    // 01:59 EST, just before the spring-forward gap
		{"2026-03-08T07:00:00Z", "America/New_York", "2026-03-08"},    // 03:00 EDT, just after it
		{"2026-03-09T03:59:00Z", "America/New_York", "2026-03-08"},    // 23:59 EDT on the short day
		{"2026-11-01T05:30:00Z", "America/New_York", "2026-11-01"},    // 01:30 EDT, the first of the repeated hour
		{"2026-11-01T06:30:00Z", "America/New_York", "2026-11-01"},    // 01:30 EST, the second
		{"2026-11-02T04:59:00Z", "America/New_York", "2026-11-01"},    // 23:59 EST on the long day
		{"2026-04-04T13:59:00Z", "Pacific/Auckland", "2026-04-05"},    // 02:59 NZDT, before the fall back
		{"2024-02-29T12:00:00Z", "Pacific/Kiritimati", "2024-03-01"},  // UTC+14 on a leap day
		{"2024-02-29T10:00:00Z", "Pacific/Pago_Pago", "2024-02-28"},   // UTC-11 on a leap day
		{"2026-12-31T23:00:00Z", "Europe/Berlin", "2027-01-01"},       // the new year arrives east first
	}
	for _, tt := range tests {
		instant, _ := time.Parse(time.RFC3339, tt.instant)
		if got := Day(instant, zone(tt.zone)); !got.Equal(day(tt.want)) {
			t.Errorf("Day(%s, %s) = %s, want %s", tt.instant, tt.zone, got.Format("2006-01-02"), tt.want)
		}
	}
}

func TestWeekOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		day   string
		start time.Weekday
		want  string
	}{
		{"2026-11-27", time.Monday, "2026-11-23"}, // a Friday
		{"2026-11-27", time.Sunday, "2026-11-22"},
		{"2026-11-23", time.Monday, "2026-11-23"}, // a Monday is its own week start
		{"2026-11-22", time.Monday, "2026-11-16"}, // a Sunday ends a Monday week
		{"2026-11-22", time.Sunday, "2026-11-22"},
		{"2027-01-01", time.Monday, "2026-12-28"}, // weeks cross the year
		{"2024-03-01", time.Monday, "2024-02-26"}, // and the leap day
	}
	for _, tt := range tests {
		if got := WeekOf(day(tt.day), tt.start); !got.Equal(day(tt.want)) {
			t.Errorf("WeekOf(%s, %s) = %s, want %s", tt.day, tt.start, got.Format("2006-01-02"), tt.want)
		}
	}
}

// TestZoneChangeAcrossTheDateLine follows a user who earns their day in
// Kiritimati (UTC+14) and moves to Pago Pago (UTC-11), and one who moves
// the other way: the day they are in never changes with the zone, and the
// days after never open one of theirs again.
func TestZoneChangeAcrossTheDateLine(t *testing.T) {
	t.Parallel()
	kiritimati, pagoPago := zone("Pacific/Kiritimati"), zone("Pacific/Pago_Pago")
	type probe struct{ at, day string }
	tests := []struct {
		name     string
		from, to *time.Location
		change   string // when the user changes zones
		probes   []probe
		midnight map[string]string // day → the instant it began
		settled  string
	}{
		{
			name: "west: one long day", from: kiritimati, to: pagoPago,
			change: "2026-12-02T20:00:00Z", // Dec 3, 10:00 in Kiritimati; Dec 2, 09:00 in Pago Pago
			probes: []probe{
				{"2026-12-02T20:00:00Z", "2026-12-03"}, // the old zone stays in force…
				{"2026-12-03T09:59:00Z", "2026-12-03"}, // …until its midnight
				{"2026-12-03T10:00:00Z", "2026-12-04"}, // Dec 2, 23:00 in Pago Pago: not Dec 2 again
				{"2026-12-04T10:59:00Z", "2026-12-04"}, // Dec 3, 23:59 in Pago Pago: not Dec 3 again
				{"2026-12-04T11:00:00Z", "2026-12-04"}, // Pago Pago reaches Dec 4
				{"2026-12-05T10:59:00Z", "2026-12-04"},
				{"2026-12-05T11:00:00Z", "2026-12-05"}, // and from then on its own days
			},
			midnight: map[string]string{"2026-12-03": "2026-12-02T10:00:00Z", "2026-12-04": "2026-12-03T10:00:00Z", "2026-12-05": "2026-12-05T11:00:00Z"},
			settled:  "2026-12-04T11:00:00Z",
		},
		{
			name: "east: a date skipped", from: pagoPago, to: kiritimati,
			change: "2026-12-02T20:00:00Z", // Dec 2, 09:00 in Pago Pago; Dec 3, 10:00 in Kiritimati
			probes: []probe{
				{"2026-12-02T20:00:00Z", "2026-12-02"}, // not Dec 3 at once
				{"2026-12-03T10:59:00Z", "2026-12-02"},
				{"2026-12-03T11:00:00Z", "2026-12-04"}, // Pago Pago's midnight is Dec 4, 01:00 in Kiritimati
				{"2026-12-04T09:59:00Z", "2026-12-04"},
				{"2026-12-04T10:00:00Z", "2026-12-05"},
			},
			midnight: map[string]string{"2026-12-03": "2026-12-03T11:00:00Z", "2026-12-04": "2026-12-03T11:00:00Z", "2026-12-05": "2026-12-04T10:00:00Z"},
			settled:  "2026-12-03T11:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := Fixed(tt.from).Change(tt.to, instant(tt.change), false)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.probes {
				if got := z.Day(instant(p.at)); !got.Equal(day(p.day)) {
					t.Errorf("day at %s = %s, want %s", p.at, got.Format(time.DateOnly), p.day)
				}
			}
			for d, want := range tt.midnight {
				if got := z.Midnight(day(d)); !got.Equal(instant(want)) {
					t.Errorf("%s began at %s, want %s", d, got.UTC().Format(time.RFC3339), want)
				}
			}
			if got := z.Settled(); !got.Equal(instant(tt.settled)) {
				t.Errorf("settled at %s, want %s", got.UTC().Format(time.RFC3339), tt.settled)
			}
		})
	}
}

func TestZoneChangeRules(t *testing.T) {
	t.Parallel()
	kiritimati, pagoPago, london := zone("Pacific/Kiritimati"), zone("Pacific/Pago_Pago"), zone("Europe/London")
	now := instant("2026-12-02T20:00:00Z")
	z, _ := Fixed(kiritimati).Change(pagoPago, now, false)
	if !z.Pending(now) || z.Pending(instant("2026-12-03T10:00:00Z")) {
		t.Errorf("pending until Kiritimati's midnight: %+v", z)
	}
	if got := z.Local(now); got.Location() != kiritimati {
		t.Errorf("times before the switch show in %s, want the zone in force", got.Location())
	}

	// Changing back before the switch cancels it; changing to a third zone
	// keeps the switch; choosing the zone already chosen changes nothing.
	if back, _ := z.Change(kiritimati, now.Add(time.Hour), false); back.Pending(now) || back.Current != kiritimati {
		t.Errorf("changing back = %+v, want Kiritimati with no switch", back)
	}
	if third, _ := z.Change(london, now.Add(time.Hour), false); !third.Switch.Equal(z.Switch) || third.Current != london || third.Previous != kiritimati {
		t.Errorf("changing again while pending = %+v", third)
	}
	if same, _ := z.Change(pagoPago, now.Add(time.Hour), false); same != z {
		t.Errorf("choosing the chosen zone = %+v, want %+v", same, z)
	}

	// During the long day that follows, the zone cannot change again (but
	// saving the other preferences, the zone unchanged, is fine)…
	during := instant("2026-12-04T00:00:00Z")
	_, err := z.Change(london, during, false)
	settling, ok := err.(ErrSettling)
	if !ok || !settling.Until.Equal(instant("2026-12-04T11:00:00Z")) {
		t.Fatalf("change during the long day: %v, want refused until Pago Pago reaches Dec 4", err)
	}
	if same, err := z.Change(pagoPago, during, false); err != nil || same != z {
		t.Errorf("keeping the zone during the long day = %+v, %v", same, err)
	}
	// …and once it has settled a change follows the same rule.
	after, err := z.Change(london, settling.Until, false)
	if err != nil || after.Previous != pagoPago || !after.Switch.Equal(instant("2026-12-05T11:00:00Z")) {
		t.Errorf("change after settling = %+v, %v", after, err)
	}

	// A user who has earned nothing changes at once.
	if at, _ := Fixed(kiritimati).Change(pagoPago, now, true); at.Pending(now) || !at.Day(now).Equal(day("2026-12-02")) {
		t.Errorf("immediate change = %+v", at)
	}
}

// TestNoZoneChangeOpensADayTwice changes zones at random, as often as the
// rules allow, among the extreme zones, and checks every 10 minutes over a
// week: a change never changes the day the user is in, the day never goes
// back, and every instant lies in the day that began before it. So no
// change of zone opens a day early or a second time.
func TestNoZoneChangeOpensADayTwice(t *testing.T) {
	t.Parallel()
	zones := []*time.Location{zone("Pacific/Kiritimati"), zone("Pacific/Pago_Pago"), zone("Pacific/Chatham"),
		zone("Pacific/Honolulu"), zone("America/New_York"), zone("Europe/London"), zone("Asia/Kolkata"), zone("Australia/Lord_Howe"), time.UTC}
	rng := rand.New(rand.NewPCG(1, 2))
	start := instant("2026-10-28T00:00:00Z") // across the northern DST end
	for run := 0; run < 300; run++ {
		z := Fixed(zones[rng.IntN(len(zones))])
		changes := map[int]bool{}
		for range 1 + rng.IntN(6) {
			changes[rng.IntN(5*24*6)*10] = true
		}
		var last time.Time
		history := z.Current.String()
		for m := 0; m < 7*24*60; m += 10 {
			now := start.Add(time.Duration(m) * time.Minute)
			d := z.Day(now)
			if changes[m] {
				to := zones[rng.IntN(len(zones))]
				if next, err := z.Change(to, now, false); err == nil {
					z = next
					history += fmt.Sprintf(" → %s at %s", to, now.Format(time.RFC3339))
					if got := z.Day(now); !got.Equal(d) {
						t.Fatalf("%s: the change made the day %s, was %s", history, got.Format(time.DateOnly), d.Format(time.DateOnly))
					}
				}
			}
			if b, next := z.Midnight(d), z.Midnight(d.AddDate(0, 0, 1)); b.After(now) || !next.After(now) {
				t.Fatalf("%s: at %s the day %s began at %s and the next at %s", history, now, d.Format(time.DateOnly), b, next)
			}
			if d.Before(last) {
				t.Fatalf("%s: at %s the day went back from %s to %s", history, now, last.Format(time.DateOnly), d.Format(time.DateOnly))
			}
			last = d
		}
	}
}
