package cli

import (
	"github.com/oneonone/1on1/internal/termsafe"
)

// Notes are text from anywhere (pasted from chat, imported from other
// tools); a terminal obeys the control bytes in them — clearing the screen,
// retitling the window, faking a link. Every byte the command prints for a
// person passes through a termsafe.Writer, which shows control characters
// and invisible format characters instead of sending them. Only the
// command's own styling bypasses it: the rendered markdown on a terminal
// (package mdterm makes each piece of text safe after decoding it) and the
// progress line. JSON goes through a termsafe JSON writer, which escapes
// rather than replaces.

// safeText returns s as Text shows it on a terminal.
func safeText(s string) string { return termsafe.Text(s) }
