package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// The root model is the program's tea.Model and the help bubble's key map.
var (
	_ tea.Model   = (*Model)(nil)
	_ help.KeyMap = (*Model)(nil)
)

// screenKind is which full-window view is showing.
type screenKind int

const (
	screenList screenKind = iota
	screenRegions
	screenConsole
	screenFirstRun
)

// String names the screen for test failures.
func (s screenKind) String() string {
	switch s {
	case screenList:
		return "list"
	case screenRegions:
		return "regions"
	case screenConsole:
		return "console"
	case screenFirstRun:
		return "first-run"
	}
	return "unknown"
}

// Minimum usable terminal size; below it the UI says so instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 10
)

// Model is the root (and only) tea.Model of the program. It owns what is program-wide, in env and
// here, and routes every message to the component it concerns.
type Model struct {
	*env

	help     help.Model
	showHelp bool
	helpTop  int // the first line of the full help on screen (help.go)
	spinning bool

	width, height int
	bodyHeight    int
	screen        screenKind
	region        string

	list    instanceList
	regions regionPicker
	viewer  viewer

	// pendingInstance is --instance given without a region; it opens after the region is chosen.
	pendingInstance string
	firstRun        *fetch.Error
}

// startDark picks the palette used until the terminal reports its background.
func (m *Model) startDark() bool {
	return m.cfg.Settings.Theme != "light"
}

// setStyles rebuilds every style, including those handed to the components.
func (m *Model) setStyles(isDark bool) {
	if m.noColor {
		m.styles = NewPlainStyles()
	} else {
		m.styles = NewStyles(isDark)
	}
	m.help.Styles = m.styles.Help
	m.spinner.Style = m.styles.Dim
	m.viewer.setStyles()
}

// busy reports whether anything is loading, which is the only time the spinner animates.
func (m *Model) busy() bool {
	return m.list.loading || m.regions.loading || m.viewer.loading
}

// spinCmd starts the spinner if something is loading and it is not already turning. The spinner's
// ticks are dropped (and so stop) as soon as nothing loads: an idle program schedules nothing.
func (m *Model) spinCmd() tea.Cmd {
	if !m.busy() || m.spinning {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

// quit cancels what is in flight and ends the program.
func (m *Model) quit() tea.Cmd {
	m.list.stop()
	m.viewer.stop()
	return tea.Quit
}

// setError shows err in the banner, or the first-run screen when there are no credentials at all.
func (m *Model) setError(err error) {
	if fe, ok := asFetchError(err); ok && fe.Kind == fetch.KindCredentialsMissing {
		m.firstRun = fe
		m.screen = screenFirstRun
		return
	}
	m.banner = err
}
