package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/findings"
)

// The viewer's operator actions beyond reading: reboot and watch (reboot.go), the boot-failure
// navigator (navigator.go) and the screenshot pane (screenshot.go). This file is their one
// connection to the root model: a message interface, the key routing, the key switches, the help
// column and the pieces of the screen they draw.

// opsMsg is every asynchronous result of these features. Each one checks its own provenance
// (instance, watch ID, generation) in applyOps, so the root model needs one case for all of them.
type opsMsg interface {
	applyOps(m *Model) tea.Cmd
}

// opsCtl is the state that outlives one viewer: numbers that must never repeat, the screenshot
// throttle (ECS's limit is per instance, not per visit) and the gutter marks last set.
type opsCtl struct {
	// seq numbers watches, scans and countdowns program-wide, so an answer meant for a viewer
	// that has since been closed cannot match a number the new viewer uses.
	seq uint64
	// shotLast is when GetInstanceScreenshot was last called, by cacheKey(region, id).
	shotLast map[string]time.Time
	// rules is the findings rule table; findings point into it, so it is built once and never
	// modified.
	rules []findings.Rule
	marks markSync
}

// nextSeq returns a number no earlier call returned.
func (m *Model) nextSeq() uint64 {
	m.ops.seq++
	return m.ops.seq
}

// onOpsMsg applies one of these features' results.
func (m *Model) onOpsMsg(msg opsMsg) tea.Cmd {
	return msg.applyOps(m)
}

// opsOverlay reports whether the reboot dialog or the screenshot pane covers the log.
func (m *Model) opsOverlay() bool {
	v := &m.viewer
	return v.reboot.confirming || v.shot.open
}

// live reports whether the viewer shows an instance of ECS (not a file), the only case where
// reboot and screenshot mean anything.
func (m *Model) live() bool {
	return m.opts.File == nil && m.f != nil && m.viewer.inst.ID != ""
}

// opsKey handles the keys of these features; ok is false when the key is not theirs.
func (m *Model) opsKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k, v := m.keys, &m.viewer
	switch {
	case v.reboot.confirming:
		// The dialog has the keyboard to itself: nothing scrolls behind it.
		return m.rebootDialogKey(msg), true
	case v.shot.open:
		switch {
		case key.Matches(msg, k.CloseScreenshot):
			m.closeScreenshot()
		case key.Matches(msg, k.Screenshot):
			return m.requestScreenshot(), true
		}
		return nil, true
	}
	switch {
	case key.Matches(msg, k.StopWatching) && v.reboot.active:
		return m.stopWatching(), true
	case key.Matches(msg, k.Reboot):
		v.reboot.confirming = true
		return nil, true
	case key.Matches(msg, k.Screenshot):
		return m.requestScreenshot(), true
	case key.Matches(msg, k.NextFinding):
		return m.jumpFinding(true), true
	case key.Matches(msg, k.PrevFinding):
		return m.jumpFinding(false), true
	case key.Matches(msg, k.WallClock):
		return m.toggleWallClock(), true
	}
	return nil, false
}

// syncOpsKeys enables these features' keys where they apply. It reports true when the dialog or
// the screenshot pane has the keys to itself, so syncKeys enables nothing else.
func (m *Model) syncOpsKeys() bool {
	k, v := &m.keys, &m.viewer
	switch {
	case v.reboot.confirming:
		enable(&k.RebootConfirm, &k.RebootForce, &k.RebootCancel)
		k.Back.SetEnabled(false)
		return true
	case v.shot.open:
		enable(&k.CloseScreenshot, &k.Screenshot)
		k.Back.SetEnabled(false)
		return true
	}
	if m.live() {
		enable(&k.Screenshot)
		// --readonly removes the only write action from the keys and so from the help.
		if !m.cfg.Settings.ReadOnly && !v.reboot.active {
			enable(&k.Reboot)
		}
	}
	if v.reboot.active {
		enable(&k.StopWatching)
		// Esc stops watching first; it goes back to the list only after that.
		k.Back.SetEnabled(false)
	}
	if v.hasContent() {
		if len(v.nav.findings) > 0 {
			enable(&k.NextFinding, &k.PrevFinding)
		}
		if v.nav.bootKnown {
			enable(&k.WallClock)
		}
	}
	return false
}

// findingsHelp is the navigator's keys, listed in the full help under search: both move through
// the log. (A column of their own does not fit a 100-column terminal next to the others.)
func (m *Model) findingsHelp() []key.Binding {
	k := m.keys
	return []key.Binding{k.NextFinding, k.PrevFinding, k.WallClock}
}

// actionsHelp is the screenshot and reboot keys, listed under refresh and follow: all of them ask
// ECS for something.
func (m *Model) actionsHelp() []key.Binding {
	k := m.keys
	return []key.Binding{k.Screenshot, k.Reboot, k.StopWatching}
}

// opsShortHelp is the help line while the dialog or the screenshot pane is open.
func (m *Model) opsShortHelp() []key.Binding {
	k := m.keys
	if m.viewer.reboot.confirming {
		return []key.Binding{k.RebootConfirm, k.RebootForce, k.RebootCancel, k.Quit}
	}
	return []key.Binding{k.CloseScreenshot, k.Screenshot, k.Quit}
}

// opsBody is the dialog or the screenshot pane when one is open.
func (m *Model) opsBody() (string, bool) {
	v := &m.viewer
	switch {
	case v.reboot.confirming:
		return m.rebootDialogView(), true
	case v.shot.open:
		return m.screenshotView(), true
	}
	return "", false
}

// opsHeaderLines are the header lines under the viewer's two: the reboot timeline and the
// findings summary, each present only when there is something to say. Each starts with "\n".
func (m *Model) opsHeaderLines() string {
	var out string
	if l := m.rebootTimelineLine(); l != "" {
		out += "\n" + m.clip(l)
	}
	if l := m.findingsLine(); l != "" {
		out += "\n" + m.clip(l)
	}
	return out
}
