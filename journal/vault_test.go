package journal

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// vaultFileText reads a file of the vault.
func vaultFileText(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeVault(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// assertVaultInSync fails unless the vault holds exactly what an export
// of the journal holds, and the status says so.
func assertVaultInSync(t *testing.T, j *Journal, dir string) {
	t.Helper()
	st, err := j.VaultStatus()
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Changes) > 0 {
		t.Fatalf("vault differs from the journal: %v", st.Changes)
	}
	want := t.TempDir()
	if _, err := j.ExportMarkdown(want, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{peopleFolder, meetingsFolder} {
		filepath.WalkDir(filepath.Join(want, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(want, p)
			exp, _ := os.ReadFile(p)
			if got := vaultFileText(t, dir, filepath.ToSlash(rel)); got != string(exp) {
				t.Errorf("%s in the vault:\n%s\nthe journal's:\n%s", rel, got, exp)
			}
			return nil
		})
	}
}

const vaultNote = "## My commitments\n- [ ] send the offer letter by 2026-11-25\n"

func newVaultJournal(t *testing.T) (*Journal, string) {
	t.Helper()
	j := openTemp(t)
	mustPerson(t, j, "alice", "Alice Martin")
	mustMeeting(t, j, "alice", "2026-11-20", vaultNote)
	dir := filepath.Join(t.TempDir(), "vault")
	rep, err := j.InitVault(dir, VaultSyncOptions{Today: day(t, "2026-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Written) != 2 || rep.NeedsUser() {
		t.Fatalf("init wrote %v, report %+v", rep.Written, rep)
	}
	return j, dir
}

func TestVaultInitMirrorsTheJournalAndEverySaveWritesThrough(t *testing.T) {
	j, dir := newVaultJournal(t)
	assertVaultInSync(t, j, dir)
	if _, err := os.Stat(filepath.Join(dir, vaultMarker)); err != nil {
		t.Fatalf("no vault marker: %v", err)
	}

	// A new note, a tick, a re-date, a queued topic, a person's edit:
	// each is in the folder when the call returns.
	mustMeeting(t, j, "alice", "2026-11-27", "- [ ] them: draft the plan\n")
	if !strings.Contains(vaultFileText(t, dir, "meetings/alice/2026-11-27.md"), "draft the plan ^") {
		t.Fatal("a new note's file was not written with its ids")
	}
	it := itemByText(t, mustItems(t, j, "alice"), "send the offer")
	if _, err := j.ChangeItem(it.ID, Change{Action: ActionDone, Person: "alice"}, day(t, "2026-11-28")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vaultFileText(t, dir, "meetings/alice/2026-11-20.md"), "- [x] send the offer") {
		t.Fatal("a tick did not reach the file")
	}
	if _, err := j.Queue("alice", QueueTopic, "the reorg", day(t, "2026-11-28")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vaultFileText(t, dir, "people/alice.md"), "the reorg") {
		t.Fatal("a queued topic did not reach the person's file")
	}
	p, _ := j.Person("alice")
	p.Cadence = 14
	if _, err := j.UpdatePerson(p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vaultFileText(t, dir, "people/alice.md"), "cadence: 14") {
		t.Fatal("a person's edit did not reach the file")
	}
	ms, _ := j.Meetings("alice")
	if err := j.DeleteMeeting(ms[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "meetings/alice/2026-11-27.md")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a removed meeting's file is still there")
	}
	if err := j.VaultWriteError(); err != nil {
		t.Fatal(err)
	}
	assertVaultInSync(t, j, dir)
}

func mustItems(t *testing.T, j *Journal, handle string) []Item {
	t.Helper()
	ms, err := j.Meetings(handle)
	if err != nil {
		t.Fatal(err)
	}
	var out []Item
	for _, m := range ms {
		out = append(out, m.Items...)
	}
	return out
}

var blockIDRE = regexp.MustCompile(`\^[a-z0-9]{4}\b`)

func TestVaultSyncTakesInAnEditorsChangeAndStampsItsIDs(t *testing.T) {
	j, dir := newVaultJournal(t)
	rel := "meetings/alice/2026-11-20.md"
	edited := vaultFileText(t, dir, rel) + "- [ ] I'll book the offsite\n"
	writeVault(t, dir, rel, edited)
	st, _ := j.VaultStatus()
	if len(st.Changes) != 1 || st.Changes[0] != (VaultChange{rel, VaultChanged}) {
		t.Fatalf("status %v", st.Changes)
	}
	rep, err := j.SyncVault(VaultSyncOptions{Today: day(t, "2026-11-21")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Read, []string{rel}) || rep.NeedsUser() {
		t.Fatalf("report %+v", rep)
	}
	got := vaultFileText(t, dir, rel)
	line := got[strings.Index(got, "book the offsite"):]
	if !blockIDRE.MatchString(line) {
		t.Fatalf("the new item got no block id in the file:\n%s", got)
	}
	itemByText(t, mustItems(t, j, "alice"), "I'll book the offsite")
	assertVaultInSync(t, j, dir)
}

func TestVaultSyncNewFileIsANewMeetingAndANewPersonFileANewPerson(t *testing.T) {
	j, dir := newVaultJournal(t)
	writeVault(t, dir, "people/bob.md", "---\nname: Bob Stone\nhandle: bob\nrole: peer\ncadence: 14\narchived: false\n---\nLeads infra.\n")
	writeVault(t, dir, "meetings/bob/2026-11-22.md", "---\nperson: bob\ndate: 2026-11-22\n---\n- [ ] Bob will send the budget\n")
	rep, err := j.SyncVault(VaultSyncOptions{Today: day(t, "2026-11-22")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 2 {
		t.Fatalf("report %+v", rep)
	}
	p, err := j.Person("bob")
	if err != nil || p.Role != RolePeer || p.Cadence != 14 {
		t.Fatalf("bob = %+v, %v", p, err)
	}
	itemByText(t, mustItems(t, j, "bob"), "Bob will send the budget")
	if !blockIDRE.MatchString(vaultFileText(t, dir, "meetings/bob/2026-11-22.md")) {
		t.Fatal("the new file did not get its ids written back")
	}
	assertVaultInSync(t, j, dir)
}

func TestVaultConflictKeepsBothVersionsUntilTheCopyIsGone(t *testing.T) {
	j, dir := newVaultJournal(t)
	rel := "meetings/alice/2026-11-20.md"
	writeVault(t, dir, rel, vaultFileText(t, dir, rel)+"- [ ] edited in the folder\n")
	ms, _ := j.Meetings("alice")
	m := ms[0]
	m.Note += "- [ ] edited in the journal\n"
	if _, err := j.SaveMeeting(m, day(t, "2026-11-21")); err != nil {
		t.Fatal(err)
	}
	var ue *VaultUnwrittenError
	if err := j.VaultWriteError(); !errors.As(err, &ue) || !slices.Equal(ue.Changed, []string{rel}) {
		t.Fatalf("the write-through must leave a file changed in the folder alone and say so: %v", err)
	}
	if !strings.Contains(vaultFileText(t, dir, rel), "edited in the folder") {
		t.Fatal("the folder's change was overwritten")
	}
	rep, err := j.SyncVault(VaultSyncOptions{Today: day(t, "2026-11-21")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 1 || !rep.NeedsUser() {
		t.Fatalf("report %+v", rep)
	}
	c := rep.Conflicts[0]
	if c.File != rel || c.Copy != "meetings/alice/2026-11-20.conflict-1.md" {
		t.Fatalf("conflict %+v", c)
	}
	if !strings.Contains(vaultFileText(t, dir, rel), "edited in the folder") || !strings.Contains(vaultFileText(t, dir, c.Copy), "edited in the journal") {
		t.Fatal("a conflict must keep both versions")
	}
	// Until the copy is gone, the file is held: nothing taken in.
	rep, err = j.SyncVault(VaultSyncOptions{})
	if err != nil || !slices.Equal(rep.Held, []string{rel}) || !rep.NeedsUser() {
		t.Fatalf("second sync: %+v, %v", rep, err)
	}
	// The user merges by hand and removes the copy: the file is taken in.
	merged := vaultFileText(t, dir, rel) + "- [ ] edited in the journal\n"
	writeVault(t, dir, rel, merged)
	os.Remove(filepath.Join(dir, c.Copy))
	rep, err = j.SyncVault(VaultSyncOptions{})
	if err != nil || rep.NeedsUser() || !slices.Equal(rep.Read, []string{rel}) {
		t.Fatalf("after the merge: %+v, %v", rep, err)
	}
	items := mustItems(t, j, "alice")
	itemByText(t, items, "edited in the folder")
	itemByText(t, items, "edited in the journal")
	assertVaultInSync(t, j, dir)
}

func TestVaultNeverTakesInAFileWithGitConflictMarkers(t *testing.T) {
	j, dir := newVaultJournal(t)
	rel := "meetings/alice/2026-11-20.md"
	writeVault(t, dir, rel, "---\nperson: alice\ndate: 2026-11-20\n---\n<<<<<<< HEAD\n- [ ] one\n=======\n- [ ] two\n>>>>>>> abc123 (theirs)\n")
	rep, err := j.SyncVault(VaultSyncOptions{})
	if err != nil || !slices.Equal(rep.Markers, []string{rel}) || !rep.NeedsUser() {
		t.Fatalf("report %+v, %v", rep, err)
	}
	ms, _ := j.Meetings("alice")
	if ms[0].Note == "" || strings.Contains(ms[0].Note, "<<<<<<<") {
		t.Fatal("a file with conflict markers reached the journal")
	}
}

func TestVaultDeletedFileIsOnlyReportedUntilDeletesAreAccepted(t *testing.T) {
	j, dir := newVaultJournal(t)
	rel := "meetings/alice/2026-11-20.md"
	os.Remove(filepath.Join(dir, rel))
	rep, err := j.SyncVault(VaultSyncOptions{})
	if err != nil || !slices.Equal(rep.Missing, []string{rel}) {
		t.Fatalf("report %+v, %v", rep, err)
	}
	if ms, _ := j.Meetings("alice"); len(ms) != 1 {
		t.Fatal("a deleted file removed its meeting without --accept-deletes")
	}
	rep, err = j.SyncVault(VaultSyncOptions{AcceptDeletes: true, Now: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)})
	if err != nil || !slices.Equal(rep.Deleted, []string{rel}) || rep.Backup == "" {
		t.Fatalf("report %+v, %v", rep, err)
	}
	if _, err := os.Stat(rep.Backup); err != nil {
		t.Fatalf("no backup before the delete: %v", err)
	}
	if ms, _ := j.Meetings("alice"); len(ms) != 0 {
		t.Fatal("accepted delete kept the meeting")
	}
	assertVaultInSync(t, j, dir)
}

func TestVaultAdoptedByAnEmptyJournalTakesItsNotesAndItsSalt(t *testing.T) {
	a, dir := newVaultJournal(t)
	if _, err := a.Queue("alice", QueueTopic, "the reorg", day(t, "2026-11-21")); err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if err := os.CopyFS(clone, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	b := openTemp(t)
	rep, err := b.InitVault(clone, VaultSyncOptions{})
	if err != nil || rep.NeedsUser() || len(rep.Added) != 2 {
		t.Fatalf("adopt: %+v, %v", rep, err)
	}
	assertVaultInSync(t, b, clone)
	qs, _ := b.QueuedFor("alice", QueueTopic)
	if len(qs) != 1 {
		t.Fatalf("queue not adopted: %v", qs)
	}
	// The same new note from elsewhere gets the same ids in both.
	note := "---\nperson: alice\ndate: 2026-12-01\n---\n- [ ] them: ship it\n- [ ] me: review it\n"
	writeVault(t, dir, "meetings/alice/2026-12-01.md", note)
	writeVault(t, clone, "meetings/alice/2026-12-01.md", note)
	if _, err := a.SyncVault(VaultSyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SyncVault(VaultSyncOptions{}); err != nil {
		t.Fatal(err)
	}
	x, y := vaultFileText(t, dir, "meetings/alice/2026-12-01.md"), vaultFileText(t, clone, "meetings/alice/2026-12-01.md")
	if x != y || !blockIDRE.MatchString(x) {
		t.Fatalf("two journals of one vault stamped the same note differently:\n%s\n%s", x, y)
	}
}

func TestVaultInitRefusesNotesIntoAJournalWithMeetings(t *testing.T) {
	_, dir := newVaultJournal(t)
	other := openTemp(t)
	mustPerson(t, other, "zoe", "Zoe")
	mustMeeting(t, other, "zoe", "2026-10-01", "hello\n")
	if _, err := other.InitVault(dir, VaultSyncOptions{}); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
}

func TestVaultOffStopsMirroringAndKeepsTheFiles(t *testing.T) {
	j, dir := newVaultJournal(t)
	if got, err := j.VaultOff(); err != nil || got != dir {
		t.Fatalf("off: %q, %v", got, err)
	}
	mustMeeting(t, j, "alice", "2026-11-27", "later\n")
	if _, err := os.Stat(filepath.Join(dir, "meetings/alice/2026-11-27.md")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("mirrored after vault off")
	}
	if _, err := os.Stat(filepath.Join(dir, "meetings/alice/2026-11-20.md")); err != nil {
		t.Fatal("vault off removed files")
	}
	if _, err := j.VaultStatus(); !errors.Is(err, ErrNoVault) {
		t.Fatalf("status after off: %v", err)
	}
	// Back on the same folder: its own vault, so no refusal.
	if _, err := j.InitVault(dir, VaultSyncOptions{}); err != nil {
		t.Fatal(err)
	}
	assertVaultInSync(t, j, dir)
}

func TestVaultFailedFileWriteIsReportedAndRepairedBySync(t *testing.T) {
	j, dir := newVaultJournal(t)
	// A folder where the note's file goes: no write can replace it (as
	// root too, unlike a read-only folder).
	blocker := filepath.Join(dir, "meetings", "alice", "2026-11-27.md")
	if err := os.Mkdir(blocker, 0o700); err != nil {
		t.Fatal(err)
	}
	m := mustMeeting(t, j, "alice", "2026-11-27", "- [ ] them: a save the folder refused\n")
	var ue *VaultUnwrittenError
	if err := j.VaultWriteError(); !errors.As(err, &ue) || ue.Err == nil || !slices.Equal(ue.Files, []string{"meetings/alice/2026-11-27.md"}) {
		t.Fatalf("a failed write must be reported: %v", err)
	}
	if _, err := j.Meeting(m.ID); err != nil {
		t.Fatal("the save was lost with its file")
	}
	if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || rep.Unwritten == nil || !rep.NeedsUser() {
		t.Fatalf("a sync that cannot write must say so: %+v, %v", rep, err)
	}
	os.Remove(blocker)
	if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || rep.NeedsUser() || !slices.Equal(rep.Written, []string{"meetings/alice/2026-11-27.md"}) {
		t.Fatalf("sync: %+v, %v", rep, err)
	}
	if err := j.VaultWriteError(); err != nil {
		t.Fatal(err)
	}
	assertVaultInSync(t, j, dir)
}

func TestVaultWhoseFolderIsGoneIsNeverReadAsEveryNoteDeleted(t *testing.T) {
	j, dir := newVaultJournal(t)
	moved := dir + ".moved"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := j.SyncVault(VaultSyncOptions{AcceptDeletes: true, Now: time.Now()}); !errors.Is(err, ErrVaultGone) {
		t.Fatalf("sync of a vanished vault: %v", err)
	}
	if _, err := j.VaultStatus(); !errors.Is(err, ErrVaultGone) {
		t.Fatalf("status of a vanished vault: %v", err)
	}
	if ms, _ := j.Meetings("alice"); len(ms) != 1 {
		t.Fatal("a vanished vault removed meetings")
	}
	// A save meanwhile stands, and does not make the folder anew.
	mustMeeting(t, j, "alice", "2026-11-27", "later\n")
	if j.VaultWriteError() == nil {
		t.Fatal("a save into a vanished vault must say its file was not written")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("the write-through made the vanished folder anew")
	}
	os.Rename(moved, dir)
	if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || rep.NeedsUser() {
		t.Fatalf("sync once the folder is back: %+v, %v", rep, err)
	}
	assertVaultInSync(t, j, dir)
}

func TestVaultSyncSiblingEdits(t *testing.T) {
	t.Run("a second meeting on the same day gets its own file, both ways", func(t *testing.T) {
		j, dir := newVaultJournal(t)
		mustMeeting(t, j, "alice", "2026-11-20", "the afternoon one\n")
		if !strings.Contains(vaultFileText(t, dir, "meetings/alice/2026-11-20-2.md"), "the afternoon one") {
			t.Fatal("no -2 file for the second meeting of the day")
		}
		writeVault(t, dir, "meetings/alice/2026-11-20-3.md", "---\nperson: alice\ndate: 2026-11-20\n---\nthe evening one\n")
		if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || len(rep.Added) != 1 {
			t.Fatalf("%+v, %v", rep, err)
		}
		if ms, _ := j.Meetings("alice"); len(ms) != 3 {
			t.Fatalf("%d meetings", len(ms))
		}
		assertVaultInSync(t, j, dir)
	})
	t.Run("a new date in the front matter moves the meeting and its file", func(t *testing.T) {
		j, dir := newVaultJournal(t)
		rel := "meetings/alice/2026-11-20.md"
		writeVault(t, dir, rel, strings.Replace(vaultFileText(t, dir, rel), "date: 2026-11-20", "date: 2026-11-21", 1))
		if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || rep.NeedsUser() {
			t.Fatalf("%+v, %v", rep, err)
		}
		ms, _ := j.Meetings("alice")
		if len(ms) != 1 || ms[0].Date != day(t, "2026-11-21") {
			t.Fatalf("meetings %+v", ms)
		}
		if _, err := os.Stat(filepath.Join(dir, rel)); !os.IsNotExist(err) {
			t.Fatal("the old file stayed beside the moved one")
		}
		assertVaultInSync(t, j, dir)
	})
	t.Run("a person's file edited: fields and queue taken in", func(t *testing.T) {
		j, dir := newVaultJournal(t)
		if _, err := j.Queue("alice", QueueTopic, "the reorg", day(t, "2026-11-20")); err != nil {
			t.Fatal(err)
		}
		if _, err := j.Queue("alice", QueueTopic, "the budget", day(t, "2026-11-20")); err != nil {
			t.Fatal(err)
		}
		rel := "people/alice.md"
		text := vaultFileText(t, dir, rel)
		var kept []string
		for _, l := range strings.Split(text, "\n") {
			if !strings.Contains(l, "the reorg") {
				kept = append(kept, l)
			}
		}
		text = regexp.MustCompile(`cadence: \d+`).ReplaceAllString(strings.Join(kept, "\n"), "cadence: 21")
		text = strings.Replace(text, "topics:\n", "topics:\n  - \"the offsite\"\n", 1)
		writeVault(t, dir, rel, text)
		if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || !slices.Equal(rep.Read, []string{rel}) {
			t.Fatalf("%+v, %v", rep, err)
		}
		p, _ := j.Person("alice")
		qs, _ := j.QueuedFor("alice", QueueTopic)
		var texts []string
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
		if p.Cadence != 21 || !slices.Equal(texts, []string{"the budget", "the offsite"}) {
			t.Fatalf("cadence %d, queue %v", p.Cadence, texts)
		}
		assertVaultInSync(t, j, dir)
	})
	t.Run("a file that cannot be read as a note is named and kept", func(t *testing.T) {
		j, dir := newVaultJournal(t)
		rel := "meetings/alice/2026-11-20.md"
		bad := "---\nperson: alice\ndate: 2026-11-20\nthis is not yaml\n---\nnote\n"
		writeVault(t, dir, rel, bad)
		rep, err := j.SyncVault(VaultSyncOptions{})
		if err != nil || len(rep.Problems) != 1 || rep.Problems[0].File != rel {
			t.Fatalf("%+v, %v", rep, err)
		}
		if vaultFileText(t, dir, rel) != bad {
			t.Fatal("an unreadable file was overwritten")
		}
		ms, _ := j.Meetings("alice")
		if !strings.Contains(ms[0].Note, "send the offer letter") || strings.Contains(ms[0].Note, "not yaml") {
			t.Fatal("the journal's note was changed by an unreadable file")
		}
	})
}

func TestVaultAdoptedByAJournalThatAlreadyHasThePersonTakesTheirFile(t *testing.T) {
	_, dir := newVaultJournal(t)
	b := openTemp(t)
	mustPerson(t, b, "alice", "alice") // added by hand before the clone was adopted
	rep, err := b.InitVault(dir, VaultSyncOptions{})
	if err != nil || rep.NeedsUser() {
		t.Fatalf("adopt: %+v, %v", rep, err)
	}
	if p, _ := b.Person("alice"); p.Name != "Alice Martin" {
		t.Fatalf("the vault's person file was not taken: %+v", p)
	}
	assertVaultInSync(t, b, dir)
}

func TestVaultSyncWithNothingToDoLeavesTheJournalUnchanged(t *testing.T) {
	j, _ := newVaultJournal(t)
	before, err := j.Version()
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if rep, err := j.SyncVault(VaultSyncOptions{}); err != nil || rep.NeedsUser() {
			t.Fatalf("%+v, %v", rep, err)
		}
	}
	if after, _ := j.Version(); after != before {
		t.Fatal("a sync with nothing to do committed: every app looking at the journal would reload")
	}
}

func TestVaultInitOnAFileIsRefused(t *testing.T) {
	j := openTemp(t)
	f := filepath.Join(t.TempDir(), "notes.md")
	os.WriteFile(f, []byte("hello\n"), 0o600)
	if _, err := j.InitVault(f, VaultSyncOptions{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	if dir, _ := j.VaultDir(); dir != "" {
		t.Fatal("a refused init recorded a vault")
	}
}

func TestImportNeverTakesAFileWithGitConflictMarkers(t *testing.T) {
	j := openTemp(t)
	dir := t.TempDir()
	writeVault(t, dir, "meetings/alice/2026-11-20.md", "---\nperson: alice\ndate: 2026-11-20\n---\n<<<<<<< HEAD\n- [ ] one\n=======\n- [ ] two\n>>>>>>> theirs\n")
	writeVault(t, dir, "meetings/alice/2026-11-21.md", "---\nperson: alice\ndate: 2026-11-21\n---\n- [ ] fine\n")
	rep, err := j.ImportMarkdown(dir, nil)
	if err != nil || rep.Meetings != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Reason, "conflict markers") {
		t.Fatalf("%+v, %v", rep, err)
	}
}

func TestVaultNoteRenamedInTheFolderIsNotTakenInTwice(t *testing.T) {
	j, dir := newVaultJournal(t)
	from := filepath.Join(dir, "meetings", "alice", "2026-11-20.md")
	to := filepath.Join(dir, "meetings", "alice", "Weekly with Alice.md")
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	rep, err := j.SyncVault(VaultSyncOptions{})
	if err != nil || rep.NeedsUser() || len(rep.Added) != 0 || len(rep.Missing) != 0 {
		t.Fatalf("%+v, %v", rep, err)
	}
	if ms, _ := j.Meetings("alice"); len(ms) != 1 {
		t.Fatalf("%d meetings after a rename", len(ms))
	}
	assertVaultInSync(t, j, dir)
	if _, err := os.Stat(to); !os.IsNotExist(err) {
		t.Fatal("the renamed copy stayed beside the note's file")
	}
}

func TestVaultStateSurvivesCompactAndBackup(t *testing.T) {
	j, dir := newVaultJournal(t)
	if err := j.Compact(); err != nil {
		t.Fatal(err)
	}
	assertVaultInSync(t, j, dir)
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := j.Backup(backup, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	b, err := Open(backup, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got, _ := b.VaultDir(); got != dir {
		t.Fatalf("a backup forgot its vault: %q", got)
	}
	// A backup restored after the folder moved on takes the folder's
	// newer notes in rather than writing its old ones over them.
	mustMeeting(t, j, "alice", "2026-11-27", "- [ ] them: written after the backup\n")
	rep, err := b.SyncVault(VaultSyncOptions{})
	if err != nil || rep.NeedsUser() || !slices.Equal(rep.Added, []string{"meetings/alice/2026-11-27.md"}) {
		t.Fatalf("%+v, %v", rep, err)
	}
}
