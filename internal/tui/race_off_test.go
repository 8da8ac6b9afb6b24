//go:build !race

package tui

// raceDetector is set when the tests run under -race.
const raceDetector = false
