package journal

import (
	"os/exec"
	"strings"
	"testing"
)

// The journal is a library that any client can use: it must never pull in a
// terminal library (STYLE: the domain knows no screen).
func TestJournalImportsNoTerminalLibrary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"charmbracelet/", "muesli/", "github.com/mattn/go-isatty", "golang.org/x/term", "/internal/tui", "/internal/cli"} {
			if strings.Contains(dep, banned) {
				t.Errorf("journal depends on %s (through %s): the domain must know no terminal", dep, banned)
			}
		}
	}
}
