package ui

import (
	"charm.land/bubbles/v2/key"
)

// syncKeys enables exactly the bindings that act on the current screen and focus: ctrl+c always,
// then what the component on screen asks for. It runs after every Update.
func (m *Model) syncKeys() {
	k := &m.keys
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	enable(&k.ForceQuit)
	switch {
	case m.screen == screenFirstRun:
		enable(&k.Quit)
		return
	case m.screen == screenList && m.list.typing(), m.screen == screenConsole && m.viewer.typing():
		// A text box has focus: every other key is text.
	default:
		enable(&k.Quit, &k.Help)
	}
	if m.showHelp {
		// The full help lists what the screen offers, so the bindings stay as they are; only esc
		// is added, to close it.
		defer enable(&k.Back)
	}
	switch m.screen {
	case screenList:
		m.list.enableKeys(k)
	case screenRegions:
		m.regions.enableKeys(k, m.region != "")
	case screenConsole:
		m.viewer.enableKeys(k)
	}
}

// ShortHelp is the one-line key help for the current screen.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.screen == screenFirstRun:
		return []key.Binding{k.Quit}
	case m.screen == screenList && m.list.typing():
		return []key.Binding{k.Accept, k.Cancel, k.BoxUp, k.BoxDown}
	case m.screen == screenConsole && m.viewer.typing():
		return m.viewer.shortHelp(k)
	case m.showHelp:
		return []key.Binding{k.Back, k.Quit}
	}
	switch m.screen {
	case screenRegions:
		return []key.Binding{k.Choose, k.Up, k.Down, k.Reload, k.Back, k.Help, k.Quit}
	case screenConsole:
		return m.viewer.shortHelp(k)
	}
	return []key.Binding{k.Open, k.Filter, k.ClearFilter, k.Sort, k.Region, k.Reload, k.Help, k.Quit}
}

// FullHelp is every key, in columns: moving, the current screen's actions, and the program.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	move := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom, k.Left, k.Right,
		// Boot-aware viewer (tboot): less's paging keys, offered in the viewer only.
		k.PageDownLess, k.PageUpLess}
	general := []key.Binding{k.Back, k.Help, k.Quit}
	switch m.screen {
	case screenConsole:
		return append(append([][]key.Binding{move}, m.viewer.fullHelp(k)...), general)
	case screenRegions:
		return [][]key.Binding{move, {k.Choose, k.Reload}, general}
	}
	return [][]key.Binding{move, {k.Open, k.Filter, k.ClearFilter, k.Sort, k.Region, k.Reload}, general}
}
