package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The viewer's keys: which are on for what it shows (syncKeys asks), the help lines, and where
// each key goes. The part that has the keys to itself (the reboot dialog, the screenshot pane,
// the capture list) gets them first.

// enableKeys switches on the bindings that act on what the viewer shows (syncKeys calls it after
// enabling quit and help). The first part that has the keys to itself ends it.
func (v *viewer) enableKeys(k *KeyMap) {
	if v.typing() {
		enable(&k.Accept, &k.Cancel)
		return
	}
	enable(&k.Back)
	if v.enableCaptureKeys(k) {
		// The capture list has the keys to itself.
		return
	}
	if v.unavailable != "" && !v.shot.open && !v.vnc.open {
		// An unavailable console offers esc, and a Windows instance its only consoles: the
		// screenshot and the interactive console.
		if v.live() && v.windows() {
			enable(&k.Screenshot, &k.VncLink)
		}
		return
	}
	switch {
	case v.reboot.confirming:
		enable(&k.RebootConfirm, &k.RebootCancel)
		k.RebootConfirm.SetHelp("y", v.reboot.verbFor(v.reboot.dialogStart))
		if !v.reboot.dialogStart {
			enable(&k.RebootForce)
		}
		k.Back.SetEnabled(false)
		return
	case v.shot.open:
		enable(&k.CloseScreenshot, &k.Screenshot)
		if v.shot.img != nil {
			enable(&k.SaveShot)
		}
		k.Back.SetEnabled(false)
		return
	case v.vnc.open:
		enable(&k.CloseScreenshot, &k.VncLink)
		k.Back.SetEnabled(false)
		return
	case v.panel.open:
		v.enablePanelKeys(k)
		return
	case v.compare.open:
		v.enableCompareKeys(k)
		return
	}
	if v.live() {
		enable(&k.Screenshot, &k.VncLink)
		// The bundle is of the live log: not offered while a capture replaces it.
		if v.have && v.captures.shown == nil {
			enable(&k.Bundle)
		}
		// --readonly removes the only write action from the keys and so from the help.
		if !v.readOnly() && !v.reboot.active {
			enable(&k.Reboot)
			k.Reboot.SetHelp("B", v.reboot.verbFor(v.startsInstead()))
		}
	}
	if v.reboot.active {
		enable(&k.StopWatching)
		// Esc stops watching first; it goes back to the list only after that.
		k.Back.SetEnabled(false)
	}
	v.enableHandoffKeys(k)
	if !v.fileMode() {
		enable(&k.Refresh, &k.Follow)
	}
	if !v.hasContent() {
		return
	}
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.HalfPageUp, &k.HalfPageDown, &k.Top, &k.Bottom,
		&k.Wrap, &k.LineNumbers, &k.PlainText, &k.Search, &k.GotoLine, &k.Count, &k.PageDownLess, &k.PageUpLess)
	if !v.lv.Wrap() {
		enable(&k.Left, &k.Right)
	}
	if len(v.search.matches) > 0 {
		enable(&k.NextMatch, &k.PrevMatch)
	}
	if v.search.re != nil {
		enable(&k.OnlyMatches)
	}
	if len(v.nav.findings) > 0 {
		enable(&k.NextFinding, &k.PrevFinding, &k.FindingsPanel)
	}
	if v.canCompare() {
		enable(&k.Compare)
	}
	if v.nav.bootKnown {
		enable(&k.WallClock)
	}
	if v.nav.boots.Count() > 1 {
		enable(&k.NextBoot, &k.PrevBoot)
	}
}

// shortHelp is the viewer's one-line key help.
func (v *viewer) shortHelp(k KeyMap) []key.Binding {
	switch {
	case v.typing():
		return []key.Binding{k.Accept, k.Cancel}
	case v.reboot.confirming:
		return []key.Binding{k.RebootConfirm, k.RebootForce, k.RebootCancel, k.Quit}
	case v.shot.open:
		return []key.Binding{k.CloseScreenshot, k.Screenshot, k.SaveShot, k.Quit}
	case v.vnc.open:
		return []key.Binding{k.VncLink, k.CloseScreenshot, k.Quit}
	case v.unavailable != "":
		return []key.Binding{k.Screenshot, k.VncLink, k.Back, k.Help, k.Quit}
	case v.captures.open:
		return []key.Binding{k.ShowCapture, k.Up, k.Down, k.History, k.Back, k.Help, k.Quit}
	case v.panel.open:
		return []key.Binding{k.ShowFinding, k.Up, k.Down, k.Back, k.Help, k.Quit}
	case v.compare.open:
		return []key.Binding{k.Up, k.Down, k.PageDown, k.Back, k.Help, k.Quit}
	}
	// Wrap and line numbers live in the full help; the short line keeps room for ? and q.
	return []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches, k.Refresh, k.Follow, k.Back, k.Help, k.Quit}
}

// fullHelp is the viewer's columns of the full help, after the movement keys: search and
// findings (both move through the log), the view and what asks ECS for something, and hand-off.
func (v *viewer) fullHelp(k KeyMap) [][]key.Binding {
	return [][]key.Binding{
		{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches, k.GotoLine, k.Count, k.NextFinding, k.PrevFinding, k.FindingsPanel, k.NextBoot, k.PrevBoot, k.WallClock},
		{k.Wrap, k.LineNumbers, k.PlainText, k.Refresh, k.Follow, k.Screenshot, k.Reboot, k.StopWatching, k.VncLink},
		{k.History, k.NewMarks, k.Compare, k.Save, k.SaveRaw, k.CopyLine, k.CopyAll, k.CopyCommand, k.Pager, k.Editor, k.Bundle},
	}
}

// onKey handles a key in the viewer. The part that has the keys to itself (the reboot dialog,
// the screenshot pane, the capture list) gets it first; then each feature's keys, then reading.
func (v *viewer) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &v.keys
	switch {
	case v.reboot.confirming:
		return v.onRebootDialogKey(msg)
	case v.shot.open:
		return v.onScreenshotKey(msg)
	case v.vnc.open:
		return v.onVncKey(msg)
	case v.captures.open:
		return v.onCaptureListKey(msg)
	case v.panel.open:
		return v.onFindingsPanelKey(msg)
	case v.compare.open:
		return v.onCompareKey(msg)
	}
	if cmd, ok := v.onCountKey(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.VncLink):
		return v.requestVnc()
	case key.Matches(msg, k.Bundle):
		return v.bundleCmd()

	case key.Matches(msg, k.GotoLine):
		return v.beginGoto()
	case key.Matches(msg, k.FindingsPanel):
		v.openFindingsPanel()
		return nil
	case key.Matches(msg, k.Compare):
		return v.openCompare()
	case key.Matches(msg, k.StopWatching):
		return v.stopWatching()
	case key.Matches(msg, k.Reboot):
		v.openRebootDialog()
		return nil
	case key.Matches(msg, k.Screenshot):
		return v.requestScreenshot()
	case key.Matches(msg, k.NextFinding):
		return v.jumpFinding(true)
	case key.Matches(msg, k.PrevFinding):
		return v.jumpFinding(false)
	case key.Matches(msg, k.WallClock):
		return v.toggleWallClock()
	case key.Matches(msg, k.NextBoot):
		return v.jumpBoot(true)
	case key.Matches(msg, k.PrevBoot):
		return v.jumpBoot(false)
	case key.Matches(msg, k.History):
		return v.openCaptureList()
	case key.Matches(msg, k.NewMarks):
		return v.toggleNewMarks()
	case key.Matches(msg, k.Back) && v.search.re != nil:
		v.clearSearch()
		return nil
	case key.Matches(msg, k.Back) && v.fileMode():
		return v.send(quitMsg{})
	case key.Matches(msg, k.Back) && v.captures.shown != nil:
		return tea.Batch(v.returnToLive(), v.showToast("live log", toastInfo))
	case key.Matches(msg, k.Back):
		return v.send(backToListMsg{})
	case key.Matches(msg, k.Refresh):
		// A capture on screen gives way to the live log first.
		live := v.returnToLive()
		if v.have {
			return tea.Batch(live, v.fetchCmd(purposeRefresh))
		}
		return tea.Batch(live, v.fetchCmd(purposeOpen))
	case key.Matches(msg, k.Follow):
		return tea.Batch(v.returnToLive(), v.toggleFollow())
	case key.Matches(msg, k.Search):
		return v.beginSearch()
	case key.Matches(msg, k.NextMatch):
		return v.stepMatch(true)
	case key.Matches(msg, k.PrevMatch):
		return v.stepMatch(false)
	case key.Matches(msg, k.OnlyMatches):
		v.toggleOnlyMatches()
	case key.Matches(msg, k.Wrap):
		v.lv.SetWrap(!v.lv.Wrap())
		return v.showToast(onOff("wrap", v.lv.Wrap()), toastInfo)
	case key.Matches(msg, k.LineNumbers):
		v.lv.SetLineNumbers(!v.lv.LineNumbers())
	case key.Matches(msg, k.PlainText):
		v.plainText = !v.plainText
		v.keepPosition(false, v.setViewerLines)
		return v.showToast(onOff("plain text", v.plainText), toastInfo)
	}
	if cmd, ok := v.onHandoffKey(msg); ok {
		return cmd
	}
	v.scrollKey(msg)
	return nil
}

// scrollKey moves through the log.
func (v *viewer) scrollKey(msg tea.KeyPressMsg) {
	scrollLogKey(&v.lv, &v.keys, msg)
}

// onWheel scrolls with the mouse wheel.
func (v *viewer) onWheel(msg tea.MouseWheelMsg) {
	switch {
	case v.compare.open:
		// The wheel scrolls what is on screen: the comparison, not the log behind it.
		v.sizeCompare()
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			v.compare.lv.ScrollUp(wheelStep)
		case tea.MouseWheelDown:
			v.compare.lv.ScrollDown(wheelStep)
		}
		return
	case v.panel.open:
		return
	}
	switch msg.Mouse().Button {
	case tea.MouseWheelUp:
		v.lv.ScrollUp(wheelStep)
	case tea.MouseWheelDown:
		v.lv.ScrollDown(wheelStep)
	case tea.MouseWheelLeft:
		if !v.lv.Wrap() {
			v.lv.ScrollLeft(panStep)
		}
	case tea.MouseWheelRight:
		if !v.lv.Wrap() {
			v.lv.ScrollRight(panStep)
		}
	}
}

// updateInput gives the focused search box a message that is not a key (a paste, a blink).
func (v *viewer) updateInput(msg tea.Msg) tea.Cmd {
	switch {
	case v.jump.typing:
		var cmd tea.Cmd
		v.jump.input, cmd = v.jump.input.Update(msg)
		return cmd
	case v.search.typing:
		return v.updateSearchInput(msg)
	}
	return nil
}
