package tui

import "github.com/charmbracelet/lipgloss"

// styles holds every lipgloss style of the app. Colours are adaptive so
// that light and dark terminals both read well; under NO_COLOR (or an ascii
// profile) lipgloss drops them and the borders and markers still show
// focus and flags.
type styles struct {
	Header      lipgloss.Style
	HeaderTitle lipgloss.Style
	HeaderFlags lipgloss.Style
	Status      lipgloss.Style
	Error       lipgloss.Style

	PaneEdge        lipgloss.Style // the border of an unfocused pane (normal lines)
	PaneEdgeFocused lipgloss.Style // the border of the focused pane (thick lines)
	PaneTitle       lipgloss.Style
	Dim             lipgloss.Style
	Selected        lipgloss.Style
	SelectedBar     lipgloss.Style // the selected row of a list, across its width

	Overdue  lipgloss.Style
	DueSoon  lipgloss.Style
	Undated  lipgloss.Style
	Done     lipgloss.Style
	Badge    lipgloss.Style
	Match    lipgloss.Style
	BarMine  lipgloss.Style
	BarTheir lipgloss.Style

	Modal lipgloss.Style
}

var (
	colorAccent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#B4A0FF"}
	colorDim     = lipgloss.AdaptiveColor{Light: "#767676", Dark: "#8A8A8A"}
	colorBorder  = lipgloss.AdaptiveColor{Light: "#BDBDBD", Dark: "#4E4E4E"}
	colorRed     = lipgloss.AdaptiveColor{Light: "#C62828", Dark: "#FF6B6B"}
	colorAmber   = lipgloss.AdaptiveColor{Light: "#A66300", Dark: "#FFB454"}
	colorGreen   = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#7BD88F"}
	colorBlue    = lipgloss.AdaptiveColor{Light: "#1565C0", Dark: "#6CB6FF"}
	colorSelFg   = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#FFFFFF"}
	colorSelBg   = lipgloss.AdaptiveColor{Light: "#DCD6F7", Dark: "#3A3357"}
	colorMatchBg = lipgloss.AdaptiveColor{Light: "#FFE082", Dark: "#6B5B00"}
)

func newStyles() styles {
	return styles{
		Header:      lipgloss.NewStyle().Bold(true),
		HeaderTitle: lipgloss.NewStyle().Bold(true).Foreground(colorAccent),
		HeaderFlags: lipgloss.NewStyle().Foreground(colorAmber),
		Status:      lipgloss.NewStyle().Foreground(colorDim),
		Error:       lipgloss.NewStyle().Foreground(colorRed).Bold(true),

		PaneEdge:        lipgloss.NewStyle().Foreground(colorBorder),
		PaneEdgeFocused: lipgloss.NewStyle().Foreground(colorAccent),
		PaneTitle:       lipgloss.NewStyle().Bold(true),
		Dim:             lipgloss.NewStyle().Foreground(colorDim),
		Selected:        lipgloss.NewStyle().Bold(true).Foreground(colorSelFg),
		SelectedBar:     lipgloss.NewStyle().Bold(true).Foreground(colorSelFg).Background(colorSelBg),

		Overdue:  lipgloss.NewStyle().Foreground(colorRed).Bold(true),
		DueSoon:  lipgloss.NewStyle().Foreground(colorAmber),
		Undated:  lipgloss.NewStyle().Foreground(colorDim).Italic(true),
		Done:     lipgloss.NewStyle().Foreground(colorGreen),
		Badge:    lipgloss.NewStyle().Foreground(colorBlue),
		Match:    lipgloss.NewStyle().Background(colorMatchBg).Bold(true),
		BarMine:  lipgloss.NewStyle().Foreground(colorAccent),
		BarTheir: lipgloss.NewStyle().Foreground(colorBlue),

		Modal: lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(colorAccent).Padding(0, 1),
	}
}
