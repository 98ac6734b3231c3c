package planner

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSimpleRulesGiveTheDaysTheRuleWalkGives: the date arithmetic of daily
// and weekly rules against walking the rule (rrule-go), across summer
// time, month and year ends, leap days, intervals, last days and
// occurrences taken out, for starts at many times of day and windows far
// from the start.
func TestSimpleRulesGiveTheDaysTheRuleWalkGives(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}
	rules := []string{"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=WEEKLY;BYDAY=SU",
		"FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA,SU", "FREQ=DAILY;UNTIL=20270401T120000Z", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20280301T000000Z", "FREQ=DAILY;INTERVAL=7",
		"FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTHDAY=29;UNTIL=20280301T000000Z",
		"FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=3;BYDAY=5SU", "FREQ=MONTHLY;BYDAY=-2MO", "FREQ=MONTHLY",
		"FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=2"}
	checked := 0
	for _, zone := range zones {
		loc, _ := time.LoadLocation(zone)
		for i, rule := range rules {
			for _, start := range []time.Time{time.Date(2026, 10, 24, 2, 30, 0, 0, loc), time.Date(2027, 2, 27, 23, 45, 0, 0, loc), time.Date(2024, 2, 29, 9, 0, 0, 0, loc), time.Date(2027, 1, 31, 2, 15, 0, 0, loc)} {
				for _, allDay := range []bool{false, true} {
					begin, end := start, start.Add(time.Duration(30+i*37)*time.Minute)
					if allDay {
						begin = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
						end = begin.AddDate(0, 0, 1+i%2)
					}
					e := repeating(rule, allDay, begin, end)
					e.TimeZone = zone
					e.Exdates = []time.Time{begin.AddDate(0, 0, 14), begin.AddDate(0, 2, 0)}
					s, ok := simpleOf(rule)
					if !ok {
						t.Fatalf("%s is not simple", rule)
					}
					for _, w := range [][2]time.Time{
						{time.Date(2027, 3, 20, 0, 0, 0, 0, loc), time.Date(2027, 4, 10, 0, 0, 0, 0, loc)},
						{time.Date(2026, 10, 20, 0, 0, 0, 0, loc), time.Date(2026, 11, 20, 0, 0, 0, 0, loc)},
						{time.Date(2027, 12, 25, 0, 0, 0, 0, loc), time.Date(2028, 3, 5, 0, 0, 0, 0, loc)},
						{time.Date(2031, 6, 1, 0, 0, 0, 0, loc), time.Date(2031, 6, 2, 0, 0, 0, 0, loc)},
						{time.Date(2027, 1, 1, 0, 0, 0, 0, loc), time.Date(2030, 1, 1, 0, 0, 0, 0, loc)},
					} {
						fast, walked := describe(simpleSpans(&e, s, w[0], w[1])), describe(walkSpans(&e, w[0], w[1]))
						if fast != walked {
							t.Errorf("%s %s from %s (all day %v), window %s:\narithmetic %s\nwalk       %s", zone, rule, begin, allDay, w[0].Format(time.DateOnly), fast, walked)
						}
						checked++
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("checked only %d cases", checked)
	}
	for _, rule := range []string{"FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=MONTHLY;BYDAY=MO", "FREQ=MONTHLY;BYDAY=2TU,4TU", "FREQ=MONTHLY;BYDAY=6TU",
		"FREQ=MONTHLY;BYMONTHDAY=15;BYDAY=FR", "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=3", "FREQ=WEEKLY;WKST=SU;BYDAY=MO", "FREQ=WEEKLY", "FREQ=HOURLY"} {
		if _, ok := simpleOf(rule); ok {
			t.Errorf("%s is taken for a simple rule", rule)
		}
	}
}

func describe(ss []span) string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s→%s", s.start.Format("2006-01-02T15:04Z07:00"), s.end.Format("15:04")))
	}
	return strings.Join(out, " ")
}
