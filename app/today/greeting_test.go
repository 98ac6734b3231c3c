package today

import (
	"testing"
	"time"
)

func TestGreeting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		hour       int
		want, part string
	}{
		{0, "Hello", "night"}, {4, "Hello", "night"}, {5, "Good morning", "morning"}, {11, "Good morning", "morning"},
		{12, "Good afternoon", "afternoon"}, {17, "Good afternoon", "afternoon"}, {18, "Good evening", "evening"},
		{22, "Good evening", "evening"}, {23, "Hello", "night"},
	}
	for _, tt := range tests {
		at := time.Date(2026, 11, 27, tt.hour, 30, 0, 0, time.UTC)
		if got := Greeting(at); got != tt.want {
			t.Errorf("Greeting(%02d:30) = %q, want %q", tt.hour, got, tt.want)
		}
		if got := TimeOfDay(at); got != tt.part {
			t.Errorf("TimeOfDay(%02d:30) = %q, want %q", tt.hour, got, tt.part)
		}
	}
}
