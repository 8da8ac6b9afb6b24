package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// globalKeyMap is the keys that work wherever no text is being typed;
// ForceQuit works everywhere. A pane's own binding of the same key wins
// (the lists' "/" filters, so there "/" does not open search): see
// syncKeys.
type globalKeyMap struct {
	Next, Prev, Help, Quit, ForceQuit, SearchSlash, Backup, Undo key.Binding
	Queue, Share                                                 key.Binding // week.go
	Keeper                                                       key.Binding // keeper.go: on until a keeper is set
	Mouse                                                        key.Binding // the app's mouse, or the terminal's selection
	Sync                                                         key.Binding // vault.go: on while the journal has a vault
	// Views are the keys that show a view, from the views' registration
	// (see newModel), in its order.
	Views []key.Binding
	views []paneID
}

func newGlobalKeyMap() globalKeyMap {
	return globalKeyMap{
		Next:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (keeps a draft)")),
		SearchSlash: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Backup:      key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "back up now")),
		Undo:        key.NewBinding(key.WithKeys("u", "ctrl+z"), key.WithHelp("u/ctrl+z", "undo"), key.WithDisabled()),
		Queue:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "queue topic/feedback")),
		Share:       key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "share recap")),
		Keeper:      key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "set your name"), key.WithDisabled()),
		Mouse:       key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mouse off (select text)")),
		Sync:        key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "sync the vault"), key.WithDisabled()),
	}
}

// addView makes b the key that shows the view id.
func (g *globalKeyMap) addView(id paneID, b key.Binding) {
	g.Views = append(g.Views, b)
	g.views = append(g.views, id)
}

// view is the view that a key press shows, if any.
func (g *globalKeyMap) view(msg tea.KeyMsg) (paneID, bool) {
	for i, b := range g.Views {
		if key.Matches(msg, b) {
			return g.views[i], true
		}
	}
	if key.Matches(msg, g.SearchSlash) {
		return paneSearch, true
	}
	return "", false
}

// viewKey is a global key that shows a view.
func viewKey(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

// shadows reports whether an enabled binding of the pane's help uses one
// of b's keys: the pane's meaning wins.
func shadows(pane keyHelp, b key.Binding) bool {
	for _, col := range pane.FullHelp() {
		for _, pb := range col {
			if !pb.Enabled() {
				continue
			}
			for _, k := range pb.Keys() {
				for _, gk := range b.Keys() {
					if k == gk {
						return true
					}
				}
			}
		}
	}
	return false
}

// keyHelp is what bubbles/help shows: a pane's or a modal's keys.
type keyHelp interface {
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// helpKeys is the focused pane's keys followed by the global ones. Where
// text is being typed (the editor, a filter, the search box, a form) the
// global keys are letters of the text: only ForceQuit is shown, and the
// short help holds every key of the pane, since "?" is text there too.
type helpKeys struct {
	pane   keyHelp
	global globalKeyMap
	text   bool
}

func (h helpKeys) ShortHelp() []key.Binding { return append(h.shortHead(), h.shortTail()...) }

// shortHead is the short help but its tail: what is cut first when the
// line is too narrow.
func (h helpKeys) shortHead() []key.Binding {
	if h.text {
		var all []key.Binding
		for _, col := range h.pane.FullHelp() {
			for _, b := range col {
				if !isEsc(b) { // in the tail
					all = append(all, b)
				}
			}
		}
		return all
	}
	var head []key.Binding
	for _, b := range h.pane.ShortHelp() {
		if !isEsc(b) { // in the tail
			head = append(head, b)
		}
	}
	return append(head, h.global.Next)
}

// shortTail is the way back, how to get more help and how to quit: always
// shown, however narrow the terminal (issue 13: at 60 columns a note
// opened from a list must still say that esc returns).
func (h helpKeys) shortTail() []key.Binding {
	if b, ok := escBinding(h.pane); ok && h.text {
		return []key.Binding{b, h.global.ForceQuit}
	}
	if h.text {
		return []key.Binding{h.global.ForceQuit}
	}
	if b, ok := escBinding(h.pane); ok {
		return []key.Binding{b, h.global.Help, h.global.Quit}
	}
	return []key.Binding{h.global.Help, h.global.Quit}
}

// escBinding is the pane's enabled binding of esc (back, close, clear
// the filter), if it has one.
func escBinding(pane keyHelp) (key.Binding, bool) {
	for _, col := range pane.FullHelp() {
		for _, b := range col {
			if b.Enabled() && isEsc(b) {
				return b, true
			}
		}
	}
	return key.Binding{}, false
}

func isEsc(b key.Binding) bool {
	for _, k := range b.Keys() {
		if k == "esc" {
			return true
		}
	}
	return false
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := h.global
	if h.text {
		return [][]key.Binding{h.ShortHelp()}
	}
	return append(h.pane.FullHelp(),
		append(append(g.Views[:len(g.Views):len(g.Views)], g.SearchSlash), g.Queue, g.Share, g.Backup, g.Sync, g.Undo, g.Mouse, g.Keeper),
		[]key.Binding{g.Next, g.Prev, g.Help, g.Quit, g.ForceQuit})
}

// toggleHelp names what a toggle key does next: on says which state the
// toggle is in, whenOn and whenOff what pressing it then does.
func toggleHelp(b *key.Binding, on bool, k, whenOn, whenOff string) {
	if on {
		b.SetHelp(k, whenOn)
	} else {
		b.SetHelp(k, whenOff)
	}
}
