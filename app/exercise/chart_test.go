package exercise

import (
	"strconv"
	"testing"
	"time"
)

func TestChartPlacesSessionsByDateAndValue(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2027, 2, d, 18, 0, 0, 0, time.UTC) }
	label := func(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) + " kg" }
	c := chartOf("Best estimated 1RM", []sample{{day(1), 100, "100 kg"}, {day(11), 120, "120 kg"}, {day(21), 110, "110 kg"}}, label)
	if len(c.Points) != 3 || c.Line != "8.0,192.0 300.0,8.0 592.0,100.0" {
		t.Errorf("the line is %q", c.Line)
	}
	if c.YLow != "100 kg" || c.YHigh != "120 kg" || c.XFirst != "1 Feb 2027" || c.XLast != "21 Feb 2027" {
		t.Errorf("the scale reads %s–%s, %s to %s", c.YLow, c.YHigh, c.XFirst, c.XLast)
	}
	if c.Points[1].Label != "11 Feb 2027: 120 kg" {
		t.Errorf("a point says %q", c.Points[1].Label)
	}
	one := chartOf("x", []sample{{day(1), 50, "50"}}, label)
	if len(one.Points) != 1 || one.Points[0].X != 300 || one.Points[0].Y != 100 {
		t.Errorf("one session sits at %v", one.Points)
	}
	flat := chartOf("x", []sample{{day(1), 50, "50"}, {day(1), 50, "50"}}, label)
	if flat.Line != "8.0,100.0 592.0,100.0" {
		t.Errorf("two sessions the same day, the same value: %q", flat.Line)
	}
	if empty := chartOf("x", nil, label); len(empty.Points) != 0 {
		t.Error("no sessions drew a point")
	}
}
