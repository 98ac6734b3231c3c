// Package today serves the Today page.
package today

import "time"

// Greeting returns the greeting for the local time t.
func Greeting(t time.Time) string {
	switch h := t.Hour(); {
	case h >= 5 && h < 12:
		return "Good morning"
	case h >= 12 && h < 18:
		return "Good afternoon"
	case h >= 18 && h < 23:
		return "Good evening"
	default:
		return "Hello"
	}
}
