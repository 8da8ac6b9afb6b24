//go:build race

package journal

// raceEnabled: the race detector slows code five to twenty times, so
// guards against hangs allow for it.
const raceEnabled = true
