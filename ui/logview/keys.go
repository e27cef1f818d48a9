package logview

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is the set of keys the view handles in Update. It extends the bubbles viewport's keys
// with top and bottom.
type KeyMap struct {
	PageDown     key.Binding
	PageUp       key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Down         key.Binding
	Up           key.Binding
	Left         key.Binding
	Right        key.Binding
	Top          key.Binding
	Bottom       key.Binding
}

// DefaultKeyMap returns pager-like keys: the bubbles viewport's defaults plus g/home and G/end.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("f/pgdn", "page down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("b/pgup", "page up")),
		HalfPageUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "½ page down")),
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "pan left")),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "pan right")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
	}
}

// Update handles the KeyMap keys and the mouse wheel (shift+wheel pans). It never returns a
// command; the second result keeps the bubbles shape.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.KeyMap.PageDown):
			m.PageDown()
		case key.Matches(msg, m.KeyMap.PageUp):
			m.PageUp()
		case key.Matches(msg, m.KeyMap.HalfPageDown):
			m.HalfPageDown()
		case key.Matches(msg, m.KeyMap.HalfPageUp):
			m.HalfPageUp()
		case key.Matches(msg, m.KeyMap.Down):
			m.ScrollDown(1)
		case key.Matches(msg, m.KeyMap.Up):
			m.ScrollUp(1)
		case key.Matches(msg, m.KeyMap.Left):
			m.ScrollLeft(m.HorizontalStep)
		case key.Matches(msg, m.KeyMap.Right):
			m.ScrollRight(m.HorizontalStep)
		case key.Matches(msg, m.KeyMap.Top):
			m.GotoTop()
		case key.Matches(msg, m.KeyMap.Bottom):
			m.GotoBottom()
		}
	case tea.MouseWheelMsg:
		if !m.MouseWheelEnabled {
			break
		}
		// Some terminals do not report shift with wheel events; those users pan with the keys.
		shift := msg.Mod.Contains(tea.ModShift)
		switch msg.Button {
		case tea.MouseWheelDown:
			if shift {
				m.ScrollRight(m.HorizontalStep)
			} else {
				m.ScrollDown(m.MouseWheelDelta)
			}
		case tea.MouseWheelUp:
			if shift {
				m.ScrollLeft(m.HorizontalStep)
			} else {
				m.ScrollUp(m.MouseWheelDelta)
			}
		case tea.MouseWheelLeft:
			m.ScrollLeft(m.HorizontalStep)
		case tea.MouseWheelRight:
			m.ScrollRight(m.HorizontalStep)
		}
	}
	return m, nil
}
