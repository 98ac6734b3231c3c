package today

import (
	"testing"
	"time"
)

func TestGreeting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		hour int
		want string
	}{
		{0, "Hello"}, {4, "Hello"}, {5, "Good morning"}, {11, "Good morning"},
		{12, "Good afternoon"}, {17, "Good afternoon"}, {18, "Good evening"},
		{22, "Good evening"}, {23, "Hello"},
	}
	for _, tt := range tests {
		got := Greeting(time.Date(2026, 11, 27, tt.hour, 30, 0, 0, time.UTC))
		if got != tt.want {
			t.Errorf("Greeting(%02d:30) = %q, want %q", tt.hour, got, tt.want)
		}
	}
}
