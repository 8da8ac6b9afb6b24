package tui

import (
	"strings"

	"github.com/atotto/clipboard"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/oneonone/1on1/journal"
)

type editorKeyMap struct {
	Save, Close, External, Tab, Paste key.Binding
	Date                              key.Binding // a new meeting's date (newmeeting.go)
}

func newEditorKeyMap() editorKeyMap {
	return editorKeyMap{
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		External: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "$EDITOR")),
		Tab:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "insert a tab")),
		Paste:    key.NewBinding(key.WithKeys("ctrl+v"), key.WithHelp("ctrl+v", "paste")),
		Date:     key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "change the date"), key.WithDisabled()),
	}
}

func (k editorKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Close, k.Date, k.External, k.Tab, k.Paste}
}
func (k editorKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp()}
}

// editorModel edits one note in a textarea. The note reaches the textarea
// through noteCodec, so CRLF line ends and tabs come back byte for byte,
// and with the textarea's height and length caps lifted.
type editorModel struct {
	st      styles
	ta      textarea.Model
	keys    editorKeyMap
	codec   noteCodec
	meeting journal.Meeting // ID 0 for a new meeting
	name    string          // the person's name, for the title
	key     string          // this editing session; results carry it
	file    string          // its draft's file name
	orig    string          // the note as opened
	saving  bool
	force   bool // the next save goes over a changed note
	seq     int  // edits, for the draft debounce
	active  bool
}

func newEditorModel(st styles) editorModel {
	return editorModel{st: st, keys: newEditorKeyMap()}
}

// open starts editing m's note; ok is false when the built-in editor could
// not give the note back unchanged (the caller offers $EDITOR instead).
func (e *editorModel) open(m journal.Meeting, name, session string, w, h int) (ok bool) {
	if len(m.Note) > journal.MaxNoteSize {
		// It could not be saved, and the textarea would crawl.
		return false
	}
	text, codec, ok := encodeNote(m.Note)
	if !ok {
		return false
	}
	ta := textarea.New()
	// Lift the caps: the default 99-row MaxHeight would refuse new lines and
	// a CharLimit would cut text. The textarea still holds at most 10,000
	// lines, so the value is checked after loading.
	ta.MaxHeight = 0
	ta.CharLimit = 0
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	// ctrl+v reads the clipboard here, so that a paste goes through the
	// same check as a terminal's paste (see Update).
	ta.KeyMap.Paste.SetEnabled(false)
	ta.SetValue(text)
	if ta.Value() != text {
		return false
	}
	ta.SetWidth(max(w, 1))
	ta.SetHeight(max(h, 1))
	// Start at the top of the note.
	for ta.Line() > 0 {
		ta.CursorUp()
	}
	ta.CursorStart()
	ta.Focus()
	*e = editorModel{st: e.st, keys: newEditorKeyMap(), ta: ta, codec: codec, meeting: m, name: name,
		key: session, file: e.file, orig: m.Note, active: true}
	e.keys.Date.SetEnabled(m.ID == 0) // a new one only: a stored meeting keeps its date
	return true
}

// restore opens a draft's text as unsaved changes to m.
func (e *editorModel) restore(m journal.Meeting, name, session, text string, w, h int) bool {
	orig := m.Note
	m.Note = text
	if !e.open(m, name, session, w, h) {
		return false
	}
	e.orig = orig
	return true
}

func (e *editorModel) setSize(w, h int) {
	if !e.active {
		return
	}
	e.ta.SetWidth(max(w, 1))
	e.ta.SetHeight(max(h, 1))
}

func (e *editorModel) note() string { return e.codec.decode(e.ta.Value()) }
func (e *editorModel) dirty() bool  { return e.active && e.note() != e.orig }

// draft is the editor's state as a draft.
func (e *editorModel) draft() draft {
	d := draft{Person: e.meeting.Person, Date: e.meeting.Date.String(), Time: e.meeting.Time, Rev: e.meeting.Rev, Note: e.note(), file: e.file}
	if e.meeting.ID != 0 {
		d.Meeting = e.meeting.ID.String()
	}
	return d
}

// toSave is the meeting to store.
func (e *editorModel) toSave() journal.Meeting {
	m := e.meeting
	m.Note = e.note()
	m.Items = nil
	return m
}

func (e *editorModel) title() string {
	t := "Editing: " + clean(e.name) + " " + e.meeting.Date.String()
	if e.meeting.ID == 0 {
		t = "New 1:1: " + clean(e.name) + " " + e.meeting.Date.String()
	}
	if e.dirty() {
		t += " [modified]"
	}
	if e.saving {
		t += " saving…"
	}
	return t
}

// maxEditorLines is the most lines the bubbles textarea holds: it drops
// whatever a paste or a load would add beyond them.
const maxEditorLines = 10_000

// pasteRefusedMsg says a paste was not inserted because the note would
// not fit the built-in editor; text is what was pasted.
type pasteRefusedMsg struct{ text string }

func (pasteRefusedMsg) owner() paneID { return paneEdit }

// Update takes every key but the session's own (save, close, $EDITOR):
// typing q in a note never quits. A paste goes in whole or not at all:
// one that would take the note past maxEditorLines is refused (the
// session keeps it and says where), never cut.
func (e *editorModel) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, e.keys.Tab):
			if e.codec.tabs {
				e.ta.InsertRune(tabMark)
			} else {
				e.ta.InsertString("    ")
			}
			return e.edited()
		case key.Matches(km, e.keys.Paste):
			return readClipboard
		case km.Paste || (km.Type == tea.KeyRunes && len(km.Runes) > 1):
			text := e.codec.encodePaste(string(km.Runes))
			if e.ta.LineCount()+strings.Count(text, "\n") > maxEditorLines {
				return send(pasteRefusedMsg{string(km.Runes)})
			}
			e.ta.InsertString(text)
			return e.edited()
		}
	}
	before := e.ta.Value()
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	if e.ta.Value() != before {
		return tea.Batch(cmd, e.edited())
	}
	return cmd
}

// readClipboard delivers the clipboard as a paste.
func readClipboard() tea.Msg {
	s, err := clipboard.ReadAll()
	if err != nil {
		return statusMsg{text: "paste: " + err.Error(), err: true}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// setText puts note in the editor as unsaved changes (what $EDITOR gave
// back); false when the built-in editor cannot hold it unchanged.
func (e *editorModel) setText(note string) bool {
	text, codec, ok := encodeNote(note)
	if !ok || len(note) > journal.MaxNoteSize || strings.Count(text, "\n") >= maxEditorLines {
		return false
	}
	e.ta.SetValue(text)
	if e.ta.Value() != text {
		return false
	}
	e.codec = codec
	return true
}

// edited is what follows a change: a draft write once typing pauses.
func (e *editorModel) edited() tea.Cmd {
	e.seq++
	e.force = false
	return draftTick(e.seq)
}

func (e *editorModel) View() string { return e.ta.View() }

// wheel scrolls the note: the textarea has no scroll position of its own
// (its view follows the cursor), so the wheel moves the cursor by
// wheelLines, and the view with it.
func (e *editorModel) wheel(b tea.MouseButton) {
	for range wheelLines {
		switch b {
		case tea.MouseButtonWheelUp:
			e.ta.CursorUp()
		case tea.MouseButtonWheelDown:
			e.ta.CursorDown()
		}
	}
	// The textarea brings its view to the cursor in Update.
	e.ta, _ = e.ta.Update(nil)
}
