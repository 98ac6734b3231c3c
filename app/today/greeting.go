// Package today serves the Today page.
package today

import "time"

// TimeOfDay is the part of the day the local time t falls in: morning
// (5–12), afternoon (12–18), evening (18–23) or night.
func TimeOfDay(t time.Time) string {
	switch h := t.Hour(); {
	case h >= 5 && h < 12:
		return "morning"
	case h >= 12 && h < 18:
		return "afternoon"
	case h >= 18 && h < 23:
		return "evening"
	default:
		return "night"
	}
}

// Greeting returns the greeting for the local time t.
func Greeting(t time.Time) string {
	if part := TimeOfDay(t); part != "night" {
		return "Good " + part
	}
	return "Hello"
}
