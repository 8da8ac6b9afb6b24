package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"golang.org/x/term"

	"github.com/oneonone/1on1/internal/mdterm"
	"github.com/oneonone/1on1/internal/termbg"
	"github.com/oneonone/1on1/journal"
)

// itemJSON is an item as scripts read it: one shape, the journal's.
type itemJSON = journal.ItemJSON

func itemView(it journal.Item, today journal.Date) itemJSON { return it.JSON(today) }

func itemViews(items []journal.Item, today journal.Date) []itemJSON {
	out := make([]itemJSON, 0, len(items))
	for _, it := range items {
		out = append(out, itemView(it, today))
	}
	return out
}

// meetingJSON is a meeting as scripts read it.
type meetingJSON struct {
	ID     string       `json:"id"`
	Person string       `json:"person"`
	Date   journal.Date `json:"date"`
	Time   string       `json:"time,omitempty"`
	Rev    uint64       `json:"rev"`
	Pulse  *int         `json:"pulse,omitempty"` // 0–10, when the note gives one
	Note   string       `json:"note,omitempty"`
	Items  []itemJSON   `json:"items"`
}

func meetingView(m journal.Meeting, today journal.Date, withNote bool) meetingJSON {
	v := meetingJSON{ID: m.ID.String(), Person: m.Person, Date: m.Date, Time: m.Time, Rev: m.Rev, Items: itemViews(m.Items, today)}
	if m.HasPulse {
		p := m.Pulse
		v.Pulse = &p
	}
	if withNote {
		v.Note = m.Note
	}
	return v
}

// truncate cuts s to n runes with an ellipsis.
func truncate(s string, n int) string {
	if cut := truncateAt(s, n); cut >= 0 {
		return s[:cut] + "…"
	}
	return s
}

// appendTruncated appends what truncate(s, n) returns, without a string
// for a row cut short.
func appendTruncated(b []byte, s string, n int) []byte {
	if cut := truncateAt(s, n); cut >= 0 {
		return append(append(b, s[:cut]...), "…"...)
	}
	return append(b, s...)
}

// truncateAt returns where s is cut to show n characters, the last an
// ellipsis, or -1 when s has no more than n.
func truncateAt(s string, n int) int {
	if len(s) <= n {
		return -1 // no more characters than bytes
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n-1 {
			cut = i
		}
		if runes == n {
			return cut
		}
		runes++
	}
	return -1
}

// printTable prints n rows under header, or the line empty when there are
// none. rows writes the rows to w, tab-separated. On a terminal the
// columns are aligned by their width on screen, so that wide characters
// (王小明, emoji) keep them straight, which text/tabwriter, counting bytes,
// did not; piped, the rows stay tab-separated for cut and awk.
func (c *call) printTable(n int, empty, header string, rows func(w io.Writer)) error {
	if n == 0 {
		fmt.Fprintln(c.env.Stdout, empty)
		return nil
	}
	if !c.env.StdoutTTY {
		// Piped, rows go out as they are made, through the buffered
		// standard output, not gathered first (thousands of rows on a
		// large journal). A failed write sticks there, and the empty
		// write at the end reports it.
		io.WriteString(c.env.Stdout, header+"\n")
		rows(c.env.Stdout)
		_, err := c.env.Stdout.Write(nil)
		return err
	}
	var b strings.Builder
	b.WriteString(header + "\n")
	rows(&b)
	_, err := io.WriteString(c.env.Stdout, alignColumns(b.String()))
	return err
}

// alignColumns pads tab-separated lines into columns two spaces apart,
// measuring each cell's width on screen.
func alignColumns(text string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	cells := make([][]string, len(lines))
	var widths []int
	for i, line := range lines {
		cells[i] = strings.Split(line, "\t")
		for j, cell := range cells[i] {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range cells {
		for j, cell := range row {
			b.WriteString(cell)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", max(0, widths[j]-ansi.StringWidth(cell))+2))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// printMarkdown writes a markdown document: rendered on a terminal, as
// plain text when piped or when NO_COLOR is set. The renderer makes the
// note text in it safe after decoding character references (&#27; is an
// ESC to a markdown reader), so its output goes out raw with the
// renderer's own styling; the plain text goes through termsafe.
func (c *call) printMarkdown(md string) error {
	if !c.env.StdoutTTY || c.env.getenv("NO_COLOR") != "" || c.env.getenv("TERM") == "dumb" {
		_, err := fmt.Fprint(c.env.Stdout, md)
		if !strings.HasSuffix(md, "\n") {
			fmt.Fprintln(c.env.Stdout)
		}
		return err
	}
	width := 80
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 20 {
		width = min(w, 120)
	}
	termbg.Dark() // adaptive colours follow the terminal's background
	out := mdterm.Render(md, mdterm.Options{Width: width - 2, Margin: 2})
	_, err := fmt.Fprintln(c.env.raw(), out)
	return err
}
