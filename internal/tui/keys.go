package tui

import "github.com/charmbracelet/bubbles/key"

// globalKeyMap is the keys that work wherever no text is being typed;
// ForceQuit works everywhere. A pane's own binding of the same key wins
// (the lists' "/" filters, so there "/" does not open search): see
// syncKeys.
type globalKeyMap struct {
	Next, Prev, Help, Quit, ForceQuit, Commitments, FollowUps, Ledger, Search, SearchSlash, Home, Backup key.Binding
}

func newGlobalKeyMap() globalKeyMap {
	return globalKeyMap{
		Next:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (keeps a draft)")),
		Commitments: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "commitments")),
		FollowUps:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow-ups")),
		Ledger:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "ledger")),
		Search:      key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search")),
		SearchSlash: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Home:        key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "people")),
		Backup:      key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "back up now")),
	}
}

// views are the global keys that show a view, and the view each shows.
func (g *globalKeyMap) views() []struct {
	b  *key.Binding
	id paneID
} {
	return []struct {
		b  *key.Binding
		id paneID
	}{
		{&g.Commitments, paneCommitments}, {&g.FollowUps, paneFollowUps}, {&g.Ledger, paneLedger},
		{&g.Home, panePeople}, {&g.Search, paneSearch}, {&g.SearchSlash, paneSearch},
	}
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

func (h helpKeys) ShortHelp() []key.Binding {
	if h.text {
		var all []key.Binding
		for _, col := range h.pane.FullHelp() {
			all = append(all, col...)
		}
		return append(all, h.global.ForceQuit)
	}
	return append(h.pane.ShortHelp(), h.global.Next, h.global.Help, h.global.Quit)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := h.global
	if h.text {
		return [][]key.Binding{h.ShortHelp()}
	}
	return append(h.pane.FullHelp(),
		[]key.Binding{g.Commitments, g.FollowUps, g.Ledger, g.Search, g.SearchSlash, g.Home, g.Backup},
		[]key.Binding{g.Next, g.Prev, g.Help, g.Quit, g.ForceQuit})
}
