package termsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextShowsWhatATerminalWouldObey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text, ünïcödé, 日本語, 👩‍💻", "plain text, ünïcödé, 日本語, 👩‍💻"},
		{"a\x1b]52;c;aGk=\x07b", "a␛]52;c;aGk=␇b"},
		{"title\x1b]0;pwned\x1b\\", "title␛]0;pwned␛\\"},
		{"csi\u009b31m c1", "csi\uFFFD31m c1"},
		{"osc\u009d8;;x\u009c", "osc\uFFFD8;;x\uFFFD"},
		{"raw c1 \x9b31m", "raw c1 \uFFFD31m"},
		{"del\x7f nul\x00", "del␡ nul␀"},
		{"lines\nand\ttabs", "lines\nand\ttabs"},
		{"crlf\r\nline", "crlf\nline"},
		{"lone\rcr", "lone␍cr"},
		{"invoice\u202Egpj.exe", "invoice<U+202e>gpj.exe"},
		{"\u2066isolate\u2069 \u200Fmark \u200Bzw \uFEFFbom", "<U+2066>isolate<U+2069> <U+200f>mark <U+200b>zw <U+feff>bom"},
		{"flag 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "flag 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"},
		{"smuggled \U000E0041\U000E0042", "smuggled <U+e0041><U+e0042>"},
		{"bad utf8 \xff\xfe", "bad utf8 \uFFFD\uFFFD"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
		if i := FirstControl(Text(c.in)); i >= 0 {
			t.Errorf("Text(%q) still holds a control at %d", c.in, i)
		}
	}
}

func TestLineFoldsLineBreaks(t *testing.T) {
	if got := Line("a\nb\tc\r\nd\x1b[2J"); got != "a b c  d␛[2J" {
		t.Errorf("Line = %q", got)
	}
}

func TestTextDoesNotAllocateForCleanText(t *testing.T) {
	s := "Alice Martin — 1:1 notes, café ☕"
	if n := testing.AllocsPerRun(100, func() { _ = Text(s) }); n != 0 {
		t.Errorf("Text allocates %v times for clean text", n)
	}
}

// A Writer fed in pieces, cut anywhere, writes what Text gives for the whole.
func TestWriterMatchesTextAcrossCuts(t *testing.T) {
	in := "a\u009b2J \u202E é\r\n\x1b]8;;x\x07 日\r"
	for cut := 0; cut <= len(in); cut++ {
		var b bytes.Buffer
		w := NewWriter(&b)
		w.Write([]byte(in[:cut]))
		w.Write([]byte(in[cut:]))
		w.Flush()
		if b.String() != Text(in) {
			t.Fatalf("cut at %d: %q, want %q", cut, b.String(), Text(in))
		}
	}
}

// A clean write goes through as it is; the first character to clean may
// come anywhere, after clean text, and WriteString does as Write does.
func TestWriterPassesCleanTextAndCleansTheRest(t *testing.T) {
	for _, in := range []string{"plain text\n", "clean, then \x1b[2J", "é then \u202e", "tag after flag 🏴\U000E0067 ok", "crlf\r\nline"} {
		var b, s bytes.Buffer
		NewWriter(&b).Write([]byte(in))
		NewWriter(&s).WriteString(in)
		if b.String() != Text(in) || s.String() != Text(in) {
			t.Errorf("%q: Write %q, WriteString %q, want %q", in, b.String(), s.String(), Text(in))
		}
	}
}

// The Writer skims clean text eight bytes at a time: a character to clean
// at any position of a long clean run is still cleaned.
func TestWriterFindsAControlAtEveryPosition(t *testing.T) {
	for _, bad := range []string{"\x00", "\x1b", "\x1f", "\x7f", "\xff", "\u009b", "é", "\u202e", "\t", "\r\n", "~"} {
		for pos := 0; pos <= 48; pos++ {
			// After a wide character too, where the skim starts again.
			in := strings.Repeat("a", pos%25) + bad + strings.Repeat("z", 24-pos%25)
			if pos > 24 {
				in = "2× " + strings.Repeat("b", 9) + in
			}
			var b bytes.Buffer
			NewWriter(&b).Write([]byte(in))
			if b.String() != Text(in) {
				t.Errorf("%q: %q, want %q", in, b.String(), Text(in))
			}
		}
	}
}

func TestJSONWriterEscapesInsteadOfReplacing(t *testing.T) {
	var b bytes.Buffer
	w := NewJSONWriter(&b)
	w.Write([]byte("{\"t\": \"\\u001b x\u009b \u202e \U000E0041\"}\n"))
	w.Flush()
	if want := "{\"t\": \"\\u001b x\\u009b \\u202e \\udb40\\udc41\"}\n"; b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}

func TestFirstControlAllowsOnlySGR(t *testing.T) {
	for _, s := range []string{"\x1b[1;38;2;1;2;3mbold\x1b[0m", "a\n\tb"} {
		if i := FirstControl(s); i != -1 {
			t.Errorf("FirstControl(%q) = %d", s, i)
		}
	}
	for _, s := range []string{"\x1b]0;t\x07", "\x1b[2J", "\x1b[?1049h", "x\u009b1m", "\r", "\u202e", "\x1bP"} {
		if i := FirstControl(s); i == -1 {
			t.Errorf("FirstControl(%q) found nothing", s)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b]52;c;x\x07", "\u009b31m", "\u202e", "\r\n\r", "\xc2", "🏴\U000E0067"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Text(s), Line(s)} {
			if i := FirstControl(out); i >= 0 {
				t.Fatalf("control left at %d in %q", i, out)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out: %q", out)
			}
		}
		if strings.ContainsAny(Line(s), "\n\t\r") {
			t.Fatalf("Line kept a line break: %q", Line(s))
		}
		// Text of clean text is that text.
		if Text(Text(s)) != Text(s) {
			t.Fatalf("Text is not idempotent on %q", s)
		}
	})
}
