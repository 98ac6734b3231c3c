//go:build !race && !fast

package e2e

// raceDetector is on when the tests run with -race (see race_on_test.go).
const raceDetector = false
