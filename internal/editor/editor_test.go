package editor

import (
	"strings"
	"testing"
)

func TestCommandPrefersVisualThenEditorAndKeepsTheirArguments(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		line int
		want string
	}{
		{"VISUAL before EDITOR", map[string]string{"VISUAL": "nvim", "EDITOR": "ed"}, 0, "nvim /tmp/n.md"},
		{"EDITOR with arguments", map[string]string{"EDITOR": "code -w"}, 0, "code -w /tmp/n.md"},
		{"a line for vim-like editors", map[string]string{"EDITOR": "/usr/bin/vim"}, 7, "/usr/bin/vim +7 /tmp/n.md"},
		{"a line for code puts the path in its option", map[string]string{"EDITOR": "code -w"}, 7, "code -w --goto /tmp/n.md:7"},
		{"an unknown editor gets only the path", map[string]string{"EDITOR": "myed"}, 7, "myed /tmp/n.md"},
		{"blank VISUAL falls back to EDITOR", map[string]string{"VISUAL": "  ", "EDITOR": "nano"}, 0, "nano /tmp/n.md"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd, err := Command(func(k string) string { return tc.env[k] }, "/tmp/n.md", tc.line)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(cmd.Args, " "); got != tc.want {
				t.Fatalf("command %q, want %q", got, tc.want)
			}
		})
	}
}
