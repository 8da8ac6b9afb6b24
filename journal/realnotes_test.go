package journal

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The real-notes corpus (testdata/realnotes): notes in the styles public
// 1:1 templates and vaults use, each with the reading a careful human gives
// it. The targets are issue 18's; the same are measured on notes nobody here
// has seen, so a miss is fixed by a rule of SPEC 2.4, never by the corpus.
const (
	corpusPrecision = 0.97
	corpusRecall    = 0.95
	corpusOwners    = 0.95
	corpusDues      = 0.95
)

type truthItem struct {
	kind  Kind
	owner Owner
	due   Date
	state State
	frag  string
}

type truthNote struct {
	nc    NoteContext
	items []truthItem
}

func readTruth(t *testing.T, path string) truthNote {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tn := truthNote{nc: NoteContext{Keeper: Keeper{Name: "Robin Hale", Handle: "robin"}}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "person:"):
			f := strings.Split(strings.TrimPrefix(line, "person:"), "|")
			tn.nc.Handle, tn.nc.Name, tn.nc.Role = strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), Role(strings.TrimSpace(f[2]))
		case strings.HasPrefix(line, "date:"):
			tn.nc.Date = isoDay(strings.TrimSpace(strings.TrimPrefix(line, "date:")))
		default:
			head, frag, ok := strings.Cut(line, "|")
			if !ok {
				t.Fatalf("%s: bad truth line %q", path, line)
			}
			ti := truthItem{frag: strings.ToLower(strings.TrimSpace(frag))}
			f := strings.Fields(head)
			switch f[0] {
			case "W":
				ti.kind = Win
			case "T":
				ti.kind = FollowUp
			case "C":
				ti.kind = Commitment
				ti.owner = map[string]Owner{"me": Me, "them": Them}[f[1]]
				if f[2] != "-" {
					ti.due = isoDay(f[2])
				}
				ti.state = map[string]State{"open": StateOpen, "done": StateDone, "dropped": StateDropped}[f[3]]
			default:
				t.Fatalf("%s: bad truth line %q", path, line)
			}
			tn.items = append(tn.items, ti)
		}
	}
	return tn
}

func TestRealNotesCorpus(t *testing.T) {
	truths, _ := filepath.Glob("testdata/realnotes/*.truth")
	if len(truths) < 12 {
		t.Fatalf("the corpus holds %d notes; at least 12 are needed", len(truths))
	}
	var (
		found, correct, want, recalled int // commitments
		owners, dues, states           int // of those recalled
		wins, winsFound                int
		topics, topicsFound            int
	)
	for _, tp := range truths {
		tn := readTruth(t, tp)
		note, err := os.ReadFile(strings.TrimSuffix(tp, ".truth") + ".md")
		if err != nil {
			t.Fatal(err)
		}
		items := Extract(note, tn.nc)
		name := filepath.Base(tp)
		matched := make([]bool, len(items))
		for _, ti := range tn.items {
			hit := -1
			for i, it := range items {
				if !matched[i] && strings.Contains(strings.ToLower(it.Text), ti.frag) && (it.Kind == ti.kind || ti.kind == FollowUp && it.Kind == FollowUp) {
					hit = i
					break
				}
			}
			switch ti.kind {
			case Win:
				wins++
			case FollowUp:
				topics++
			case Commitment:
				want++
			}
			if hit < 0 {
				t.Logf("%s: missed %s %q", name, ti.kind, ti.frag)
				continue
			}
			matched[hit] = true
			it := items[hit]
			switch ti.kind {
			case Win:
				winsFound++
			case FollowUp:
				topicsFound++
			case Commitment:
				recalled++
				if it.Owner == ti.owner {
					owners++
				} else {
					t.Logf("%s: %q owner %s, want %s", name, ti.frag, it.Owner, ti.owner)
				}
				if it.Due == ti.due {
					dues++
				} else {
					t.Logf("%s: %q due %s, want %s", name, ti.frag, it.Due, ti.due)
				}
				if it.State == ti.state {
					states++
				} else {
					t.Logf("%s: %q state %s, want %s", name, ti.frag, it.State, ti.state)
				}
			}
		}
		for i, it := range items {
			if it.Kind != Commitment {
				continue
			}
			found++
			if matched[i] {
				correct++
			} else {
				t.Logf("%s: not a promise, but read as one: %q", name, it.Text)
			}
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	p, r, o, d := ratio(correct, found), ratio(recalled, want), ratio(owners, recalled), ratio(dues, recalled)
	t.Logf("corpus: %d notes, %d commitments; precision %.1f%% (%d/%d), recall %.1f%% (%d/%d), owners %.1f%%, dues %.1f%%, states %.1f%%; wins %d/%d, topics %d/%d",
		len(truths), want, 100*p, correct, found, 100*r, recalled, want, 100*o, 100*d, 100*ratio(states, recalled), winsFound, wins, topicsFound, topics)
	if p < corpusPrecision || r < corpusRecall || o < corpusOwners || d < corpusDues {
		t.Errorf("below target: precision %.1f%% (≥ %.0f%%), recall %.1f%% (≥ %.0f%%), owners %.1f%% (≥ %.0f%%), dues %.1f%% (≥ %.0f%%)",
			100*p, 100*corpusPrecision, 100*r, 100*corpusRecall, 100*o, 100*corpusOwners, 100*d, 100*corpusDues)
	}
}
