package exercise

import "testing"

func TestWeightsKeptInGramsShownInTheUsersUnit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, unit string
		grams    int
		shown    string
	}{
		{"100", Kilograms, 100_000, "100"},
		{"62.5", Kilograms, 62_500, "62.5"},
		{"62,5", Kilograms, 62_500, "62.5"},
		{"135", Pounds, 61_235, "135"},
		{"2.5", Pounds, 1_134, "2.5"},
		{"45", Pounds, 20_412, "45"},
		{"0.25", Kilograms, 250, "0.25"},
		{"", Kilograms, 0, "0"},
		{"1000", Kilograms, 1_000_000, "1000"},
		{"225", "stone", 225_000, "225"}, // an unknown unit is kilograms
	} {
		g, err := ParseWeight(c.in, c.unit)
		if err != nil || g != c.grams {
			t.Errorf("ParseWeight(%q, %s) = %d, %v; want %d", c.in, c.unit, g, err, c.grams)
			continue
		}
		if s := FormatWeight(int64(g), c.unit); s != c.shown {
			t.Errorf("FormatWeight(%d, %s) = %q, want %q", g, c.unit, s, c.shown)
		}
	}
	// 100 kg shown in pounds, and back: the grams survive the trip.
	if s := FormatWeight(100_000, Pounds); s != "220.46" {
		t.Errorf("100 kg is %s lb", s)
	}
	if g, _ := ParseWeight("220.46", Pounds); g != 99_999 {
		t.Errorf("220.46 lb is %d g", g)
	}
	for _, bad := range []string{"-5", "abc", "1e3", "1.234", "..", "1001", "5 kg", "1.2.3", "NaN", "Inf"} {
		if g, err := ParseWeight(bad, Kilograms); err == nil {
			t.Errorf("ParseWeight(%q) = %d, want an error", bad, g)
		}
	}
	if _, err := ParseWeight("2204", Pounds); err != nil {
		t.Errorf("2204 lb is within a tonne: %v", err)
	}
	if _, err := ParseWeight("2205", Pounds); err == nil {
		t.Error("2205 lb is over a tonne")
	}
}

func TestDistancesDurationsAndRPE(t *testing.T) {
	t.Parallel()
	if m, _ := ParseDistance("5", Kilograms); m != 5000 || FormatDistance(5000, Kilograms) != "5" || DistanceUnit(Kilograms) != "km" {
		t.Errorf("5 km is %d m", m)
	}
	if m, _ := ParseDistance("3.1", Pounds); m != 4989 || FormatDistance(4989, Pounds) != "3.1" || DistanceUnit(Pounds) != "mi" {
		t.Errorf("3.1 mi is %d m", m)
	}
	for in, want := range map[string]int{"25": 1500, "25:30": 1530, "1:05:00": 3900, "": 0, "0:45": 45, "24:00:00": 86400} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"25:75", "1:5", "a", "-3", "1:2:3:4", "24:00:01"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) is accepted", bad)
		}
	}
	if FormatDuration(1530) != "25:30" || FormatDuration(3900) != "1:05:00" || FormatDuration(45) != "0:45" {
		t.Errorf("durations read %s, %s, %s", FormatDuration(1530), FormatDuration(3900), FormatDuration(45))
	}
	for in, want := range map[string]int{"8": 80, "8.5": 85, "10": 100, "1": 10, "": 0} {
		if got, err := ParseRPE(in); err != nil || got != want {
			t.Errorf("ParseRPE(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "11", "8.3", "0.5", "x"} {
		if _, err := ParseRPE(bad); err == nil {
			t.Errorf("ParseRPE(%q) is accepted", bad)
		}
	}
	if FormatRPE(85) != "8.5" || FormatRPE(90) != "9" {
		t.Error("RPE is not shown as typed")
	}
}
