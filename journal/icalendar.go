package journal

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// The iCalendar stream (RFC 5545) that WriteCalendar writes is made here
// rather than by an iCalendar library: the one used before (golang-ical)
// imports net/http for fetching calendars, which linked crypto/tls and
// the network stack into every verb's start-up (issue 16). Writing the
// few properties an all-day event needs is short; the tests read the
// output back with golang-ical, so the library still checks the format.

// calEvent is one all-day event.
type calEvent struct {
	uid              string
	day              Date
	summary, details string
}

// writeICS writes a calendar named name of events, each stamped with
// stamp: CRLF line ends, TEXT values escaped, lines folded at 75 octets.
func writeICS(w io.Writer, name string, stamp time.Time, events []calEvent) error {
	bw := bufio.NewWriter(w)
	line := func(prop, value string) {
		writeFolded(bw, prop+":"+value)
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//1on1//1on1//EN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", icsText(name))
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	for _, e := range events {
		line("BEGIN", "VEVENT")
		line("UID", icsText(e.uid))
		line("DTSTAMP", dtstamp)
		line("DTSTART;VALUE=DATE", e.day.Time().Format("20060102"))
		line("DTEND;VALUE=DATE", e.day.AddDays(1).Time().Format("20060102"))
		line("SUMMARY", icsText(e.summary))
		line("DESCRIPTION", icsText(e.details))
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func icsText(s string) string { return icsEscaper.Replace(s) }

// writeFolded writes one content line, folded so that no line is longer
// than 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence; a
// continuation line starts with a space.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
