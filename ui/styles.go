package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/bootlog/bootlog/ui/fleet"
)

// Styles is every style the UI renders with, grouped by meaning. Render code takes its looks from
// here only, so a light terminal, a dark one and NO_COLOR differ in this file and nowhere else.
type Styles struct {
	App        lipgloss.Style // the brand word in the header
	Title      lipgloss.Style // the header's main text
	Dim        lipgloss.Style // secondary text: labels, ages, counts
	Warn       lipgloss.Style // "from a previous boot" and other cautions
	Banner     lipgloss.Style // the error band under the header
	BannerWarn lipgloss.Style // the band when a refresh failed but an older log is shown
	ToastInfo  lipgloss.Style
	ToastWarn  lipgloss.Style

	TableHeader lipgloss.Style
	Row         lipgloss.Style
	RowSelected lipgloss.Style
	Unavailable lipgloss.Style // rows whose console cannot be fetched

	StatusRunning  lipgloss.Style
	StatusStopped  lipgloss.Style
	StatusChanging lipgloss.Style // Starting, Stopping
	StatusPending  lipgloss.Style

	StatusBar lipgloss.Style
	Prompt    lipgloss.Style // the "/" in front of search and filter boxes
	Notice    lipgloss.Style // "invalid regexp, searched literally"

	Pane      lipgloss.Style // explanation panes (empty output, unavailable console, first run)
	PaneTitle lipgloss.Style
	Code      lipgloss.Style // commands the operator can type

	Match         lipgloss.Style
	MatchSelected lipgloss.Style
	Gutter        lipgloss.Style
	NewLine       lipgloss.Style // the "+" gutter mark of a line new since the previous capture

	// Findings of the boot-failure navigator: the summary line and the gutter marks, by severity.
	FindingCritical lipgloss.Style
	FindingWarning  lipgloss.Style
	FindingInfo     lipgloss.Style
	// Dialog frames the reboot confirmation; Danger is its force-reboot warning.
	Dialog lipgloss.Style
	Danger lipgloss.Style

	Help help.Styles

	// Boot health in the list's BOOT column (list_scan.go). The glyph and the word carry the
	// meaning; colour only helps.
	HealthCritical lipgloss.Style
	HealthWarning  lipgloss.Style
	HealthStale    lipgloss.Style
	HealthOK       lipgloss.Style
	HealthQuiet    lipgloss.Style // none and unknown
	// Boot-aware viewer (tboot): the separator line above each boot, the findings panel and
	// the comparison with the last good boot.
	BootSeparator lipgloss.Style
	DiffRemoved   lipgloss.Style // a line only the good boot printed
	DiffAdded     lipgloss.Style // a line only this boot printed
}

// NewStyles returns the coloured styles for a dark (isDark) or light terminal background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A7F5"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#F2B8B5"))
	bannerBG := ld(lipgloss.Color("#F9DEDC"), lipgloss.Color("#601410"))
	warnBG := ld(lipgloss.Color("#FFF4CE"), lipgloss.Color("#4A3B00"))
	yellow := ld(lipgloss.Color("#8A6D00"), lipgloss.Color("#F5D76E"))
	green := ld(lipgloss.Color("#1E7B34"), lipgloss.Color("#7EE2A0"))
	blue := ld(lipgloss.Color("#1456B8"), lipgloss.Color("#9CC4FF"))
	selBG := ld(lipgloss.Color("#E4E0F7"), lipgloss.Color("#352B66"))
	fg := ld(lipgloss.Color("#1C1B1F"), lipgloss.Color("#E6E1E5"))
	barBG := ld(lipgloss.Color("#ECE9F3"), lipgloss.Color("#26232E"))

	s := Styles{
		App:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Title:       lipgloss.NewStyle().Bold(true).Foreground(fg),
		Dim:         lipgloss.NewStyle().Foreground(dim),
		Warn:        lipgloss.NewStyle().Bold(true).Foreground(yellow),
		Banner:      lipgloss.NewStyle().Foreground(red).Background(bannerBG),
		BannerWarn:  lipgloss.NewStyle().Foreground(yellow).Background(warnBG),
		ToastInfo:   lipgloss.NewStyle().Foreground(green),
		ToastWarn:   lipgloss.NewStyle().Foreground(yellow),
		TableHeader: lipgloss.NewStyle().Bold(true).Foreground(dim),
		Row:         lipgloss.NewStyle(),
		RowSelected: lipgloss.NewStyle().Background(selBG).Bold(true),
		Unavailable: lipgloss.NewStyle().Foreground(dim),

		StatusRunning:  lipgloss.NewStyle().Foreground(green),
		StatusStopped:  lipgloss.NewStyle().Foreground(red),
		StatusChanging: lipgloss.NewStyle().Foreground(yellow),
		StatusPending:  lipgloss.NewStyle().Foreground(blue),

		StatusBar: lipgloss.NewStyle().Background(barBG).Foreground(fg),
		Prompt:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Notice:    lipgloss.NewStyle().Foreground(yellow),

		Pane:      lipgloss.NewStyle().Padding(1, 2),
		PaneTitle: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Code:      lipgloss.NewStyle().Foreground(blue),

		Match:         lipgloss.NewStyle().Foreground(lipgloss.Color("#1C1B1F")).Background(yellow),
		MatchSelected: lipgloss.NewStyle().Foreground(lipgloss.Color("#1C1B1F")).Background(lipgloss.Color("#FF8C42")).Bold(true),
		Gutter:        lipgloss.NewStyle().Foreground(dim),
		NewLine:       lipgloss.NewStyle().Bold(true).Foreground(green),

		FindingCritical: lipgloss.NewStyle().Bold(true).Foreground(red),
		FindingWarning:  lipgloss.NewStyle().Foreground(yellow),
		FindingInfo:     lipgloss.NewStyle().Foreground(blue),
		Dialog:          lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2),
		Danger:          lipgloss.NewStyle().Bold(true).Foreground(red),

		Help: help.DefaultStyles(isDark),

		HealthCritical: lipgloss.NewStyle().Bold(true).Foreground(red),
		HealthWarning:  lipgloss.NewStyle().Foreground(yellow),
		HealthStale:    lipgloss.NewStyle().Foreground(blue),
		HealthOK:       lipgloss.NewStyle().Foreground(green),
		HealthQuiet:    lipgloss.NewStyle().Foreground(dim),
		BootSeparator:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		DiffRemoved:    lipgloss.NewStyle().Foreground(red),
		DiffAdded:      lipgloss.NewStyle().Foreground(green),
	}
	return s
}

// NewPlainStyles returns styles without any colour, for NO_COLOR and --no-color. Emphasis that does
// not depend on colour (bold, reverse) stays, so the cursor row and the current match remain visible.
func NewPlainStyles() Styles {
	plain := lipgloss.NewStyle()
	bold := lipgloss.NewStyle().Bold(true)
	rev := lipgloss.NewStyle().Reverse(true)
	hs := help.Styles{
		Ellipsis:       plain,
		ShortKey:       bold,
		ShortDesc:      plain,
		ShortSeparator: plain,
		FullKey:        bold,
		FullDesc:       plain,
		FullSeparator:  plain,
	}
	return Styles{
		App: bold, Title: bold, Dim: plain, Warn: bold,
		Banner: rev, BannerWarn: rev, ToastInfo: plain, ToastWarn: bold,
		TableHeader: bold, Row: plain, RowSelected: rev, Unavailable: plain,
		StatusRunning: plain, StatusStopped: plain, StatusChanging: plain, StatusPending: plain,
		StatusBar: plain, Prompt: bold, Notice: bold,
		Pane: lipgloss.NewStyle().Padding(1, 2), PaneTitle: bold, Code: bold,
		Match: rev, MatchSelected: lipgloss.NewStyle().Reverse(true).Bold(true).Underline(true),
		Gutter: plain, NewLine: bold, Help: hs,
		FindingCritical: bold, FindingWarning: plain, FindingInfo: plain,
		Dialog: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(1, 2), Danger: bold,
		HealthCritical: bold, HealthWarning: bold, HealthStale: plain, HealthOK: plain, HealthQuiet: plain,
		BootSeparator: bold, DiffRemoved: plain, DiffAdded: bold,
	}
}

// statusStyle picks the colour for an instance status.
func (s Styles) statusStyle(status string) lipgloss.Style {
	switch status {
	case "Running":
		return s.StatusRunning
	case "Stopped":
		return s.StatusStopped
	case "Starting", "Stopping":
		return s.StatusChanging
	default:
		return s.StatusPending
	}
}

// healthStyle picks the colour of a boot health.
func (s Styles) healthStyle(h fleet.Health) lipgloss.Style {
	switch h {
	case fleet.Critical:
		return s.HealthCritical
	case fleet.Warning:
		return s.HealthWarning
	case fleet.Stale:
		return s.HealthStale
	case fleet.OK:
		return s.HealthOK
	}
	return s.HealthQuiet
}
