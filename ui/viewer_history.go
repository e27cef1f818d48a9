package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/history"
)

// Capture history in the viewer. ECS keeps only the output of the last boot, so every live log
// that reaches the screen is also written to a local store, in a command. H lists the stored
// captures of the open instance; choosing one shows it instead of the live log, with the lines
// that are new since the capture before it marked "+" in the gutter. Refresh, follow and esc
// return to the live log. Captures are read only when listed or chosen, and only the chosen one
// and its predecessor are loaded, so memory holds one log as it does for the live view.

// newHistoryCtl opens the store. It runs in New, before the program starts, so creating the
// directory is not I/O inside Update.
func newHistoryCtl(s config.Settings, dir string) historyCtl {
	if !s.HistoryEnabled || dir == "" {
		return historyCtl{}
	}
	st, err := history.Open(dir, s.HistoryMax, 0)
	if err != nil {
		return historyCtl{enabled: true, openErr: err}
	}
	return historyCtl{store: st, enabled: true}
}

// captureSavedMsg answers a history save.
type captureSavedMsg struct {
	region, instanceID string
	saved              bool
	err                error
}

// capturesListedMsg answers a capture list load.
type capturesListedMsg struct {
	seq                uint64
	region, instanceID string
	items              []history.Capture
	err                error
}

// captureLoadedMsg carries a chosen capture, rendered, and which of its lines are new since the
// capture before it.
type captureLoadedMsg struct {
	seq                uint64
	region, instanceID string
	capture            history.Capture
	data               []byte
	doc                console.Document
	isNew              []bool
	hasPrev            bool
	err                error
}

// saveCaptureCmd keeps out in the history with its health (findings.Assess, judged in the
// command), so that the last good boot can be found for D. Empty output is not kept: it says
// nothing that the absence of a capture does not.
func (v *viewer) saveCaptureCmd(region, id string, out fetch.ConsoleOutput) tea.Cmd {
	st := v.hist.store
	if st == nil || v.fileMode() || region == "" || id == "" || len(out.Data) == 0 {
		return nil
	}
	data, lu, rules := out.Data, out.LastUpdate, v.findingRules()
	return func() tea.Msg {
		health := findings.Assess(console.Render(data, console.Options{}).Plain, rules).Health.String()
		_, saved, err := st.SaveHealth(region, id, lu, data, health)
		return captureSavedMsg{region: region, instanceID: id, saved: saved, err: safeErr(err)}
	}
}

// onCaptureSaved reports a failed save and refreshes an open list that just gained a capture.
func (v *viewer) onCaptureSaved(msg captureSavedMsg) tea.Cmd {
	if msg.err != nil {
		return v.showToast("history: "+oneLine(msg.err.Error()), toastWarn)
	}
	if msg.saved && v.captures.open && v.viewingInstance(msg.region, msg.instanceID) {
		return v.listCapturesCmd()
	}
	return nil
}

// viewingInstance reports whether the viewer shows region/id.
func (v *viewer) viewingInstance(region, id string) bool {
	return v.region == region && v.inst.ID == id
}

// openCaptureList shows the capture list of the open instance and starts reading it.
func (v *viewer) openCaptureList() tea.Cmd {
	c := &v.captures
	c.open, c.err, c.items, c.cursor, c.offset = true, nil, nil, 0, 0
	if v.hist.store == nil {
		c.err = v.hist.openErr
		return nil
	}
	return v.listCapturesCmd()
}

// listCapturesCmd reads the capture list of the open instance.
func (v *viewer) listCapturesCmd() tea.Cmd {
	v.hist.seq++
	v.captures.seq, v.captures.loading = v.hist.seq, true
	st, seq, region, id := v.hist.store, v.hist.seq, v.region, v.inst.ID
	return func() tea.Msg {
		items, err := st.List(region, id)
		return capturesListedMsg{seq: seq, region: region, instanceID: id, items: items, err: safeErr(err)}
	}
}

// onCapturesListed shows the list, keeping the cursor on the same capture when it is still there.
func (v *viewer) onCapturesListed(msg capturesListedMsg) tea.Cmd {
	c := &v.captures
	if !v.viewingInstance(msg.region, msg.instanceID) || msg.seq != c.seq {
		return nil
	}
	c.loading = false
	c.err = msg.err
	var keep string
	if c.cursor < len(c.items) {
		keep = c.items[c.cursor].Path
	}
	c.items = msg.items
	c.cursor = 0
	for i, it := range c.items {
		if it.Path == keep || (keep == "" && c.shown != nil && it.Path == c.shown.Path) {
			c.cursor = i
		}
	}
	c.clamp(len(c.items))
	return nil
}

// loadCaptureCmd reads capture i and the one before it, renders it and marks its new lines, all
// off the UI goroutine.
func (v *viewer) loadCaptureCmd(i int) tea.Cmd {
	c := &v.captures
	item := c.items[i]
	var prev *history.Capture
	if i+1 < len(c.items) {
		p := c.items[i+1]
		prev = &p
	}
	v.hist.seq++
	c.seq, c.loading = v.hist.seq, true
	st, seq, region, id, color := v.hist.store, v.hist.seq, v.region, v.inst.ID, !v.noColor
	return func() tea.Msg {
		msg := captureLoadedMsg{seq: seq, region: region, instanceID: id, capture: item}
		data, err := st.Load(item)
		if err != nil {
			msg.err = safeErr(err)
			return msg
		}
		msg.data = data
		msg.doc = console.Render(data, console.Options{Color: color})
		if prev != nil {
			// A predecessor that vanished (pruned by another bootlog) only costs the marks.
			if pd, err := st.Load(*prev); err == nil {
				msg.isNew = history.NewLines(console.Render(pd, console.Options{}).Plain, msg.doc.Plain)
				msg.hasPrev = true
			}
		}
		return msg
	}
}

// takeCapture makes a chosen capture the text on screen, in place of the live log, and returns
// it with the toast that names it; ok is false for a stale or failed load. Follow stops and the
// fetch in flight is orphaned (its answer still reaches the cache), so nothing replaces the
// capture while the operator reads it.
func (v *viewer) takeCapture(msg captureLoadedMsg) (doc console.Document, note string, ok bool) {
	c := &v.captures
	if !v.viewingInstance(msg.region, msg.instanceID) || msg.seq != c.seq {
		return doc, "", false
	}
	c.loading = false
	if msg.err != nil {
		c.err = msg.err
		return doc, "", false
	}
	c.open = false
	v.gen++
	v.loading, v.awaitPrefetch = false, false
	wasFollowing := v.stopFollowing()

	shown := msg.capture
	c.shown = &shown
	c.isNew, c.hasPrev, c.marksOn = msg.isNew, msg.hasPrev, true
	c.newCount = 0
	for _, n := range msg.isNew {
		if n {
			c.newCount++
		}
	}
	c.marksGen++
	v.out = fetch.ConsoleOutput{InstanceID: msg.instanceID, RegionID: msg.region, Data: msg.data, LastUpdate: shown.LastUpdate}
	v.have, v.fetchedAt = true, shown.Fetched
	// A refresh failure in the banner is about the live log, which is not on screen now.
	v.banner = nil

	note = "capture from " + v.captureTime(shown)
	if c.hasPrev {
		note += fmt.Sprintf(" · %s new", plural(c.newCount, "line"))
	}
	if wasFollowing {
		note += " · follow off"
	}
	return msg.doc, note, true
}

// leaveCapture forgets the capture on screen; the caller puts the live log back.
func (v *viewer) leaveCapture() {
	c := &v.captures
	if c.shown == nil {
		return
	}
	c.shown, c.isNew, c.hasPrev, c.newCount = nil, nil, false, 0
	c.marksGen++
	v.syncCaptureMarks()
}

// toggleNewMarks shows or hides the "+" marks of a capture's new lines.
func (v *viewer) toggleNewMarks() tea.Cmd {
	c := &v.captures
	c.marksOn = !c.marksOn
	c.marksGen++
	v.syncMarks()
	return v.showToast(onOff("new-line marks", c.marksOn), toastInfo)
}

// onCaptureListKey handles keys while the capture list is open: it has them to itself.
func (v *viewer) onCaptureListKey(msg tea.KeyPressMsg) tea.Cmd {
	k, c := &v.keys, &v.captures
	if c.moveKey(msg, k, len(c.items), max(c.fit-1, 1)) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Back, k.History):
		c.open = false
	case key.Matches(msg, k.ShowCapture):
		return v.loadCaptureCmd(c.cursor)
	}
	return nil
}

// captureRows is how many capture rows fit under the list's title and column header.
func captureRows(height int) int {
	return max(height-3, 1)
}

// enableCaptureKeys enables the capture keys; it returns true while the list is open, which then
// owns every key but quit and help.
func (v *viewer) enableCaptureKeys(k *KeyMap) bool {
	c := &v.captures
	if c.open {
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.History)
		if len(c.items) > 0 && v.hist.store != nil {
			enable(&k.ShowCapture)
		}
		return true
	}
	if v.hist.enabled && !v.fileMode() && v.unavailable == "" {
		enable(&k.History)
	}
	if c.shown != nil && c.newCount > 0 {
		enable(&k.NewMarks)
	}
	return false
}

// captureTime is when a capture's log was written: ECS's LastUpdateTime, or when it was fetched
// if ECS gave none.
func (v *viewer) captureTime(c history.Capture) string {
	if !c.LastUpdate.IsZero() {
		return v.clock(c.LastUpdate)
	}
	return v.clock(c.Fetched) + " (fetched)"
}

// captureHeaderLine is the viewer's second header line while a capture is shown. The header
// clips it to one line, so the way back to the live log comes before the details.
func (v *viewer) captureHeaderLine() string {
	s, c := v.styles, &v.captures
	line := s.Warn.Render("capture from "+v.captureTime(*c.shown)+" · not live") + s.Dim.Render(" · r or F: live")
	switch {
	case !c.hasPrev:
		line += s.Dim.Render(" · the oldest capture kept")
	case c.marksOn && c.newCount > 0:
		line += s.Dim.Render(fmt.Sprintf(" · %s new since the previous capture, marked ", plural(c.newCount, "line"))) +
			s.NewLine.Render(newLineMark)
	default:
		line += s.Dim.Render(fmt.Sprintf(" · %s new since the previous capture", plural(c.newCount, "line")))
	}
	return line
}

// captureListView draws the capture list: newest first, with the update time, when it was
// fetched and its size.
func (v *viewer) captureListView(width, height int) string {
	s, c := v.styles, &v.captures
	name := v.inst.ID
	if v.inst.Name != "" {
		name = v.inst.Name + " (" + v.inst.ID + ")"
	}
	title := s.PaneTitle.Render("Capture history") + s.Dim.Render(" · "+name+" · newest first")
	lines := []string{clip(" "+title, width)}
	switch {
	case v.hist.store == nil && c.err != nil:
		lines = append(lines, "", indent(wrapText("capture history is unavailable: "+oneLine(c.err.Error()), max(width-4, 20)), "  "))
		return strings.Join(lines, "\n")
	case c.err != nil:
		lines = append(lines, "", clip("  "+s.Warn.Render("✗ ")+oneLine(c.err.Error()), width))
	}
	switch {
	case c.loading && len(c.items) == 0:
		lines = append(lines, "", s.Dim.Render("  reading the capture history…"))
		return strings.Join(lines, "\n")
	case len(c.items) == 0:
		lines = append(lines, "",
			clip("  No captures of this instance yet. bootlog keeps each console output it shows, so the", width),
			clip("  log of a boot survives the next reboot; they are kept in "+v.hist.store.Dir()+".", width))
		return strings.Join(lines, "\n")
	}
	const timeW = len("2006-01-02 15:04:05 +08:00")
	header := fmt.Sprintf("  %-*s %-*s %10s", timeW, "LOG UPDATED", timeW+14, "FETCHED", "SIZE")
	lines = append(lines, s.TableHeader.Render(clip(header, width)))
	from, to := c.window(len(c.items))
	for i := from; i < to; i++ {
		it := c.items[i]
		updated := "unknown"
		if !it.LastUpdate.IsZero() {
			updated = v.clock(it.LastUpdate)
		}
		fetched := v.clock(it.Fetched) + " (" + v.ago(it.Fetched) + ")"
		row := fmt.Sprintf("  %-*s %-*s %10s", timeW, updated, timeW+14, fetched, humanBytes(it.Size))
		if c.shown != nil && it.Path == c.shown.Path {
			row += "  ● shown"
		}
		if i == c.cursor {
			row = "›" + row[len(" "):]
			lines = append(lines, s.RowSelected.Render(padRight(clip(row, width), width)))
			continue
		}
		lines = append(lines, s.Row.Render(clip(row, width)))
	}
	return strings.Join(lines, "\n")
}
