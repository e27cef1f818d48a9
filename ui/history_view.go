package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/history"
)

// Capture history in the viewer. ECS keeps only the output of the last boot, so every live log
// that reaches the screen is also written to a local store, in a command. H lists the stored
// captures of the open instance; choosing one shows it instead of the live log, with the lines
// that are new since the capture before it marked "+" in the gutter. Refresh, follow and esc
// return to the live log. Captures are read only when listed or chosen, and only the chosen one
// and its predecessor are loaded, so memory holds one log as it does for the live view.

// newLineMark is the gutter mark of a line new since the previous capture.
const newLineMark = "+"

// historyCtl is the capture store. store is nil when history is off or its directory could not
// be opened; openErr then says why, in the capture list.
type historyCtl struct {
	store *history.Store
	// enabled is the operator's choice; H is offered even when opening failed, to explain.
	enabled bool
	openErr error
	// seq numbers every list and capture load across viewers, so an answer for an instance that
	// was closed and reopened is still recognised as stale.
	seq uint64
}

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

// captureView is the viewer's capture list and the capture shown instead of the live log.
type captureView struct {
	open    bool // the list replaces the log
	loading bool // a list or capture load is on its way
	items   []history.Capture
	err     error
	cursor  int
	offset  int
	seq     uint64 // the load being waited for

	// shown is the capture on screen; nil means the live log.
	shown *history.Capture
	// isNew[i] says doc line i is new since the previous capture; hasPrev is false for the
	// oldest capture kept, which has nothing to compare with.
	isNew    []bool
	hasPrev  bool
	newCount int
	marksOn  bool
	// marksGen changes whenever isNew or marksOn does; applied records what the gutter holds.
	marksGen uint64
	applied  marksKey
	// sentinel is the first shown line given a "+" (-1 if none). Another feature that replaces
	// the whole marks map drops it, which tells syncCaptureMarks to add the marks again; one
	// that keeps foreign marks leaves it, so the two never rebuild each other's maps in turn.
	sentinel int
}

// marksKey identifies the inputs of the gutter marks last set, so they are rebuilt only when one
// of them changes: the capture, the toggle, the only-matching line map and the rendered mark (the
// theme may have changed).
type marksKey struct {
	gen     uint64
	on      bool
	lineMap *int
	mapLen  int
	mark    string
}

// historyMsg is implemented by the messages of capture history, hand-off and the file view, so
// the root Update routes them with one case.
type historyMsg interface{ historyMsg() }

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

func (captureSavedMsg) historyMsg()   {}
func (capturesListedMsg) historyMsg() {}
func (captureLoadedMsg) historyMsg()  {}

// onHistoryMsg applies the results of capture history, hand-off and file loading.
func (m *Model) onHistoryMsg(msg historyMsg) tea.Cmd {
	switch msg := msg.(type) {
	case captureSavedMsg:
		return m.onCaptureSaved(msg)
	case capturesListedMsg:
		return m.onCapturesListed(msg)
	case captureLoadedMsg:
		return m.onCaptureLoaded(msg)
	case logSavedMsg:
		return m.onLogSaved(msg)
	case handoffDoneMsg:
		return m.onHandoffDone(msg)
	case fileLoadedMsg:
		return m.onFileLoaded(msg)
	}
	return nil
}

// saveCaptureCmd keeps out in the history. Empty output is not kept: it says nothing that the
// absence of a capture does not.
func (m *Model) saveCaptureCmd(region, id string, out fetch.ConsoleOutput) tea.Cmd {
	st := m.hist.store
	if st == nil || m.opts.File != nil || region == "" || id == "" || len(out.Data) == 0 {
		return nil
	}
	data, lu := out.Data, out.LastUpdate
	return func() tea.Msg {
		_, saved, err := st.Save(region, id, lu, data)
		return captureSavedMsg{region: region, instanceID: id, saved: saved, err: err}
	}
}

// onCaptureSaved reports a failed save and refreshes an open list that just gained a capture.
func (m *Model) onCaptureSaved(msg captureSavedMsg) tea.Cmd {
	if msg.err != nil {
		return m.showToast("history: "+oneLine(msg.err.Error()), toastWarn)
	}
	v := &m.viewer
	if msg.saved && v.captures.open && m.viewingInstance(msg.region, msg.instanceID) {
		return m.listCapturesCmd()
	}
	return nil
}

// viewingInstance reports whether the viewer shows region/id.
func (m *Model) viewingInstance(region, id string) bool {
	return m.screen == screenConsole && m.viewer.region == region && m.viewer.inst.ID == id
}

// openCaptureList shows the capture list of the open instance and starts reading it.
func (m *Model) openCaptureList() tea.Cmd {
	c := &m.viewer.captures
	c.open, c.err, c.items, c.cursor, c.offset = true, nil, nil, 0, 0
	if m.hist.store == nil {
		c.err = m.hist.openErr
		return nil
	}
	return m.listCapturesCmd()
}

// listCapturesCmd reads the capture list of the open instance.
func (m *Model) listCapturesCmd() tea.Cmd {
	v := &m.viewer
	m.hist.seq++
	v.captures.seq, v.captures.loading = m.hist.seq, true
	st, seq, region, id := m.hist.store, m.hist.seq, v.region, v.inst.ID
	return func() tea.Msg {
		items, err := st.List(region, id)
		return capturesListedMsg{seq: seq, region: region, instanceID: id, items: items, err: err}
	}
}

// onCapturesListed shows the list, keeping the cursor on the same capture when it is still there.
func (m *Model) onCapturesListed(msg capturesListedMsg) tea.Cmd {
	c := &m.viewer.captures
	if !m.viewingInstance(msg.region, msg.instanceID) || msg.seq != c.seq {
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
	m.clampCaptureList()
	return nil
}

// loadCaptureCmd reads capture i and the one before it, renders it and marks its new lines, all
// off the UI goroutine.
func (m *Model) loadCaptureCmd(i int) tea.Cmd {
	v := &m.viewer
	c := &v.captures
	if m.hist.store == nil || i < 0 || i >= len(c.items) {
		return nil
	}
	item := c.items[i]
	var prev *history.Capture
	if i+1 < len(c.items) {
		p := c.items[i+1]
		prev = &p
	}
	m.hist.seq++
	c.seq, c.loading = m.hist.seq, true
	st, seq, region, id, color := m.hist.store, m.hist.seq, v.region, v.inst.ID, !m.noColor
	return func() tea.Msg {
		msg := captureLoadedMsg{seq: seq, region: region, instanceID: id, capture: item}
		data, err := st.Load(item)
		if err != nil {
			msg.err = err
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

// onCaptureLoaded shows a chosen capture in place of the live log. Follow stops and the fetch in
// flight is orphaned (its answer still reaches the cache), so nothing replaces the capture while
// the operator reads it.
func (m *Model) onCaptureLoaded(msg captureLoadedMsg) tea.Cmd {
	v := &m.viewer
	c := &v.captures
	if !m.viewingInstance(msg.region, msg.instanceID) || msg.seq != c.seq {
		return nil
	}
	c.loading = false
	if msg.err != nil {
		c.err = msg.err
		return nil
	}
	c.open = false
	v.gen++
	v.loading, v.awaitPrefetch = false, false
	wasFollowing := v.follow
	v.follow = false
	v.followSeq++

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
	v.doc, v.have, v.fetchedAt = msg.doc, true, shown.Fetched
	// A refresh failure in the banner is about the live log, which is not on screen now.
	m.banner = nil
	m.setViewerLines()
	v.lv.GotoBottom()

	text := "capture from " + m.captureTime(shown)
	if c.hasPrev {
		text += fmt.Sprintf(" · %s new", plural(c.newCount, "line"))
	}
	if wasFollowing {
		text += " · follow off"
	}
	cmds := []tea.Cmd{m.showToast(text, toastInfo)}
	if v.search.re != nil {
		cmds = append(cmds, m.runSearch(v.search.query))
	}
	return tea.Batch(cmds...)
}

// leaveCapture forgets the capture on screen; the caller puts the live log back.
func (m *Model) leaveCapture() {
	c := &m.viewer.captures
	if c.shown == nil {
		return
	}
	c.shown, c.isNew, c.hasPrev, c.newCount = nil, nil, false, 0
	c.marksGen++
	m.syncCaptureMarks()
}

// returnToLive puts the live log back in place of a capture: the cached one at once, or nothing
// until the caller's fetch answers.
func (m *Model) returnToLive() tea.Cmd {
	v := &m.viewer
	if v.captures.shown == nil {
		return nil
	}
	m.leaveCapture()
	if c, ok := m.cache.get(v.region, v.inst.ID); ok {
		return m.applyConsole(c.out, c.doc, c.fetchedAt, false)
	}
	v.out, v.doc, v.have, v.fetchedAt = fetch.ConsoleOutput{}, console.Document{}, false, time.Time{}
	m.setViewerLines()
	return nil
}

// historyKey handles the capture list, the capture view, the file view's esc and the hand-off
// keys; ok is false for keys the viewer handles itself.
func (m *Model) historyKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k, v := m.keys, &m.viewer
	c := &v.captures
	if c.open {
		return m.captureListKey(msg), true
	}
	switch {
	case key.Matches(msg, k.History):
		return m.openCaptureList(), true
	case key.Matches(msg, k.NewMarks):
		c.marksOn = !c.marksOn
		c.marksGen++
		return m.showToast(onOff("new-line marks", c.marksOn), toastInfo), true
	case key.Matches(msg, k.Back) && v.search.re == nil && m.opts.File != nil:
		return m.quit(), true
	case key.Matches(msg, k.Back) && v.search.re == nil && c.shown != nil:
		return tea.Batch(m.returnToLive(), m.showToast("live log", toastInfo)), true
	case key.Matches(msg, k.Refresh, k.Follow) && c.shown != nil:
		// Back to live first; the viewer then refreshes or follows as usual.
		live := m.returnToLive()
		return tea.Batch(live, m.viewerKey(msg)), true
	}
	return m.handoffKey(msg)
}

// captureListKey handles keys while the capture list is open.
func (m *Model) captureListKey(msg tea.KeyPressMsg) tea.Cmd {
	k, c := m.keys, &m.viewer.captures
	page := max(m.captureRows()-1, 1)
	switch {
	case key.Matches(msg, k.Back, k.History):
		c.open = false
	case key.Matches(msg, k.Up):
		c.cursor--
	case key.Matches(msg, k.Down):
		c.cursor++
	case key.Matches(msg, k.PageUp):
		c.cursor -= page
	case key.Matches(msg, k.PageDown):
		c.cursor += page
	case key.Matches(msg, k.Top):
		c.cursor = 0
	case key.Matches(msg, k.Bottom):
		c.cursor = len(c.items) - 1
	case key.Matches(msg, k.ShowCapture):
		return m.loadCaptureCmd(c.cursor)
	}
	m.clampCaptureList()
	return nil
}

// captureRows is how many capture rows fit under the list's title and column header.
func (m *Model) captureRows() int {
	return max(m.bodyHeight-3, 1)
}

// clampCaptureList keeps the cursor on a capture and in view.
func (m *Model) clampCaptureList() {
	c := &m.viewer.captures
	c.cursor = max(min(c.cursor, len(c.items)-1), 0)
	rows := m.captureRows()
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+rows {
		c.offset = c.cursor - rows + 1
	}
	c.offset = max(min(c.offset, len(c.items)-rows), 0)
}

// syncHistoryKeys enables the capture keys; it returns true while the list is open, which then
// owns every key but quit and help.
func (m *Model) syncHistoryKeys() bool {
	k, v := &m.keys, &m.viewer
	c := &v.captures
	if c.open {
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.History)
		if len(c.items) > 0 && m.hist.store != nil {
			enable(&k.ShowCapture)
		}
		return true
	}
	if m.hist.enabled && m.opts.File == nil && v.unavailable == "" {
		enable(&k.History)
	}
	if c.shown != nil && c.newCount > 0 {
		enable(&k.NewMarks)
	}
	return false
}

// syncCaptureMarks sets the "+" gutter marks of the capture on screen, in step with the
// only-matching view, and removes them when the live log returns. Marks other features set are
// kept: only lines without a mark get a "+", and only "+" marks are removed. It runs after every
// Update and does nothing unless an input changed.
func (m *Model) syncCaptureMarks() {
	v := &m.viewer
	c := &v.captures
	want := c.shown != nil && c.marksOn && c.newCount > 0
	cur := v.lv.Marks()
	k := marksKey{gen: c.marksGen, on: want, mapLen: len(v.search.lineMap), mark: m.styles.NewLine.Render(newLineMark)}
	if len(v.search.lineMap) > 0 {
		k.lineMap = &v.search.lineMap[0]
	}
	if k == c.applied && (c.sentinel < 0 || cur[c.sentinel] == k.mark) {
		return
	}
	old := c.applied.mark
	next := make(map[int]string, len(cur))
	mine := false
	for i, s := range cur {
		if old != "" && s == old {
			mine = true
			continue
		}
		next[i] = s
	}
	c.sentinel = -1
	if !want && !mine {
		// Nothing of ours is in the gutter; leave whatever map is there untouched.
		c.applied = k
		return
	}
	if want {
		add := func(shown, line int) {
			if line >= 0 && line < len(c.isNew) && c.isNew[line] {
				if _, taken := next[shown]; !taken {
					next[shown] = k.mark
				}
			}
		}
		if lm := v.search.lineMap; lm != nil {
			for j, l := range lm {
				add(j, l)
			}
		} else {
			for i := range c.isNew {
				add(i, i)
			}
		}
	}
	for i, s := range next {
		if s == k.mark && (c.sentinel < 0 || i < c.sentinel) {
			c.sentinel = i
		}
	}
	if len(next) == 0 {
		next = nil
	}
	v.lv.SetMarks(next)
	c.applied = k
}

// captureTime is when a capture's log was written: ECS's LastUpdateTime, or when it was fetched
// if ECS gave none.
func (m *Model) captureTime(c history.Capture) string {
	if !c.LastUpdate.IsZero() {
		return m.clock(c.LastUpdate)
	}
	return m.clock(c.Fetched) + " (fetched)"
}

// captureHeaderLine is the viewer's second header line while a capture is shown.
func (m *Model) captureHeaderLine() string {
	s, c := m.styles, &m.viewer.captures
	line := s.Warn.Render("capture from " + m.captureTime(*c.shown) + " · not live")
	switch {
	case !c.hasPrev:
		line += s.Dim.Render(" · the oldest capture kept")
	case c.marksOn && c.newCount > 0:
		line += s.Dim.Render(fmt.Sprintf(" · %s new since the previous capture, marked ", plural(c.newCount, "line"))) +
			s.NewLine.Render(newLineMark)
	default:
		line += s.Dim.Render(fmt.Sprintf(" · %s new since the previous capture", plural(c.newCount, "line")))
	}
	return line + s.Dim.Render(" · r or f: live")
}

// historyBody replaces the viewer's body with the capture list, or with the file view's own
// panes; ok is false when the viewer draws as usual.
func (m *Model) historyBody() (string, bool) {
	v := &m.viewer
	if v.captures.open {
		return m.captureListView(), true
	}
	if m.opts.File != nil {
		return m.fileBody()
	}
	return "", false
}

// captureListView draws the capture list: newest first, with the update time, when it was
// fetched and its size.
func (m *Model) captureListView() string {
	s, v := m.styles, &m.viewer
	c := &v.captures
	name := v.inst.ID
	if v.inst.Name != "" {
		name = v.inst.Name + " (" + v.inst.ID + ")"
	}
	title := s.PaneTitle.Render("Capture history") + s.Dim.Render(" · "+name+" · newest first")
	lines := []string{m.clip(" " + title)}
	switch {
	case m.hist.store == nil && c.err != nil:
		lines = append(lines, "", indent(wrapText("capture history is unavailable: "+oneLine(c.err.Error()), max(m.width-4, 20)), "  "))
		return strings.Join(lines, "\n")
	case c.err != nil:
		lines = append(lines, "", m.clip("  "+s.Warn.Render("✗ ")+oneLine(c.err.Error())))
	}
	switch {
	case c.loading && len(c.items) == 0:
		lines = append(lines, "", s.Dim.Render("  reading the capture history…"))
		return strings.Join(lines, "\n")
	case len(c.items) == 0:
		lines = append(lines, "",
			m.clip("  No captures of this instance yet. bootlog keeps each console output it shows, so the"),
			m.clip("  log of a boot survives the next reboot; they are kept in "+m.hist.store.Dir()+"."))
		return strings.Join(lines, "\n")
	}
	const timeW = 20
	header := fmt.Sprintf("  %-*s %-*s %10s", timeW, "LOG UPDATED", timeW+14, "FETCHED", "SIZE")
	lines = append(lines, s.TableHeader.Render(m.clip(header)))
	rows := m.captureRows()
	for i := c.offset; i < len(c.items) && i < c.offset+rows; i++ {
		it := c.items[i]
		updated := "unknown"
		if !it.LastUpdate.IsZero() {
			updated = m.clock(it.LastUpdate)
		}
		fetched := m.clock(it.Fetched) + " (" + m.ago(it.Fetched) + ")"
		row := fmt.Sprintf("  %-*s %-*s %10s", timeW, updated, timeW+14, fetched, humanBytes(it.Size))
		if c.shown != nil && it.Path == c.shown.Path {
			row += "  ● shown"
		}
		if i == c.cursor {
			row = "›" + row[len(" "):]
			lines = append(lines, s.RowSelected.Render(padRight(m.clip(row), m.width)))
			continue
		}
		lines = append(lines, s.Row.Render(m.clip(row)))
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// padRight pads s with spaces to w cells, so a selected row's background spans the window.
func padRight(s string, w int) string {
	if n := w - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// humanBytes formats a size the way ls -h does, in binary units.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, suffix := float64(n)/unit, "KiB"
	for _, s := range []string{"MiB", "GiB"} {
		if f < unit {
			break
		}
		f, suffix = f/unit, s
	}
	return fmt.Sprintf("%.1f %s", f, suffix)
}

// plural formats a count with its noun: "1 line", "3 lines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
