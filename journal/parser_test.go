package journal

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// noteParser leaves out the inline parsers the walk never reads; a note
// must read exactly as with all of them (fullParser).
func TestNoteParserReadsAsFullParser(t *testing.T) {
	notes := []string{
		"- [link](http://x) is no box\n- [ ] [link](http://x) is one\n- [x][ref] ticked\n\n[ref]: http://y\n",
		"## Action items\n- [ ]x no box\n- [ ] `code [ ] span` by friday\n- [ ] <span>[ ]</span> raw html\n- [ ] <https://a.b/[c]> autolink\n",
		"**Next steps:**\n- [ ] I send the deck *by* **Dec 3** ^a1b2\n- [ ] __Ana__ reviews ~~due:2026-12-01~~ (moved 2026-12-02) due:2026-12-09\n",
		"| Action | Owner | Due |\n| --- | --- | --- |\n| send `a \\| b` | me | 2026-12-04 |\n| [ ] review [doc](x) | Ana | friday |\n",
		"- [ ] *[ ]* emphasis around a box\n  - [ ] nested `[x]`\n1. [ ] ordered\n> - [ ] quoted box\n",
		"[a]: http://x\n- [a]\n- [ ] [a]\n\n# Private\n- [ ] secret\n\nMood: 7/10\n",
		"- [ ] line one\n  [continued](x) by *tomorrow*\n- \\[ ] escaped box\n- [\\ ] odd\n",
	}
	for _, glob := range []string{"testdata/realnotes/*.md", "testdata/extract/*.md", "testdata/import/*/*.md"} {
		m, _ := filepath.Glob(glob)
		for _, p := range m {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			notes = append(notes, string(b))
		}
	}
	if len(notes) < 50 {
		t.Fatalf("only %d notes", len(notes))
	}
	for _, note := range notes {
		if a, b := readWith(noteParser(), note), readWith(fullParser(), note); !reflect.DeepEqual(a, b) {
			t.Errorf("read without inline parsers:\n%+v\nwith them:\n%+v\nnote:\n%s", a, b, note)
		}
	}
}

func FuzzNoteParserReadsAsFullParser(f *testing.F) {
	for _, s := range []string{"- [ ] a [b](c) by friday\n", "| a | b |\n|---|---|\n| `x\\|y` | [ ] z |\n", "**Due:** *dec 3*\n- [x] <b>[ ]</b>\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		if a, b := readWith(noteParser(), note), readWith(fullParser(), note); !reflect.DeepEqual(a, b) {
			t.Errorf("read without inline parsers:\n%+v\nwith them:\n%+v", a, b)
		}
	})
}

// readWith is Read with the parser p.
func readWith(p parser.Parser, note string) NoteReading {
	nc := NoteContext{Date: isoDay("2026-12-04"), Handle: "ana", Name: "Ana Ruiz", Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}}
	st, found := scanWith(p, []byte(note), nc)
	return NoteReading{Items: itemsOf(found), Pulse: st.pulse, HasPulse: st.hasPulse, Private: st.private}
}
