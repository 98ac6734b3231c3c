//go:build race && !fast

package e2e

// raceDetector is on when the tests run with -race: the server they start
// is then built with it too, and a race it finds fails the test (the
// server exits with an error).
const raceDetector = true
