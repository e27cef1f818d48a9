package ui

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/logview"
)

// The console viewer: one instance's log (or a file's) with everything done to it. Its parts live
// in the viewer_*.go files, each a feature of this one component: follow, search, the
// boot-failure navigator, reboot and watch, the screenshot pane, capture history, hand-off and
// the file view. This file holds what they share: the state, opening and closing, the fetch, the
// one method that replaces the document, the key routing, the keys and the view.

// Horizontal and wheel steps, in cells and rows.
const (
	panStep   = 8
	wheelStep = 3
)

// viewer is the console screen of one instance. Closing it (close) starts a fresh one that keeps
// only the operator's choices and the state that must outlive an instance (the last block).
type viewer struct {
	*env

	inst   fetch.Instance
	region string

	out       fetch.ConsoleOutput
	doc       console.Document // assigned by setDoc alone
	have      bool             // out/doc hold a successful answer
	fetchedAt time.Time        // when that answer arrived
	lv        logview.Model

	width, height int

	loading        bool
	loadingPurpose fetchPurpose
	// awaitPrefetch is set when the console was opened while its prefetch was in flight: the
	// viewer takes that answer instead of asking a second time.
	awaitPrefetch bool
	// gen numbers the viewer's console fetches; an answer to any other one is dropped.
	gen    uint64
	cancel context.CancelFunc

	// unavailable explains why this instance has no console (Windows, never started); no fetch is made.
	unavailable string

	follow     bool
	followSeq  uint64 // the pending follow tick; older ones are dropped
	followPoll fetch.PollBackoff
	lastCheck  time.Time

	search   searchState
	captures captureView // the capture list and the capture on screen instead of the live log
	reboot   rebootWatch
	nav      navState
	shot     shotPane

	// plainText shows the console without its colours (C), for logs whose colours hide text or a
	// terminal that renders them badly. It carries over to the next instance, as wrap does.
	plainText bool
	hist      historyCtl // the capture store
	handoff   handoffCtl // where save writes, how the pager and editor are found
	// seq numbers watches, scans, screenshots and countdowns, so an answer meant for a viewer
	// that has since been closed cannot match a number the new viewer uses.
	seq uint64
	// shotLast is when GetInstanceScreenshot was last called, by cacheKey(region, id): ECS's limit
	// is per instance, not per visit.
	shotLast map[string]time.Time
	// rules is the findings rule table; findings point into it, so it is built once.
	rules []findings.Rule
	marks markSync
}

func newViewer(e *env, s config.Settings, opts Options) viewer {
	iv := s.FollowInterval
	if iv <= 0 {
		iv = defaultFollowInterval
	}
	lv := logview.New()
	lv.SetWrap(s.Wrap)
	lv.SetLineNumbers(s.LineNumbers)
	return viewer{
		env:        e,
		lv:         lv,
		followPoll: newFollowPoll(iv),
		search:     newSearchState(),
		hist:       newHistoryCtl(s, opts.HistoryDir),
		handoff:    newHandoffCtl(opts),
		shotLast:   map[string]time.Time{},
	}
}

// nextSeq returns a number no earlier call returned.
func (v *viewer) nextSeq() uint64 {
	v.seq++
	return v.seq
}

// hasContent reports whether there are log lines on screen.
func (v *viewer) hasContent() bool { return v.have && len(v.doc.Lines) > 0 }

// live reports whether the viewer shows an instance of ECS (not a file), the only case where
// reboot and screenshot mean anything.
func (v *viewer) live() bool {
	return !v.fileMode() && v.f != nil && v.inst.ID != ""
}

// setStyles hands the theme to the log view and redraws the gutter marks in it.
func (v *viewer) setStyles() {
	v.lv.HighlightStyle = v.styles.Match
	v.lv.SelectedHighlightStyle = v.styles.MatchSelected
	v.lv.GutterStyle = v.styles.Gutter
	v.syncMarks()
}

// setSize gives the log the body's size; whoever was reading the end (where boots fail) keeps
// reading the end when a banner appears or the window shrinks.
func (v *viewer) setSize(width, height int) {
	v.width, v.height = width, height
	v.captures.setRows(captureRows(height))
	v.keepPosition(false, func() { v.lv.SetSize(width, height) })
	// The box scrolls horizontally past this width; the rest of the line is for notices.
	v.search.input.SetWidth(min(40, max(width-4, 1)))
}

// open shows in: a cached log at once (refreshed behind it), the prefetch on its way, or a fetch.
func (v *viewer) open(in fetch.Instance, region string, prefetching bool) tea.Cmd {
	v.inst, v.region = in, region
	if why := consoleUnavailable(in); why != "" {
		v.unavailable = why
		return nil
	}
	if c, ok := v.cache.get(region, in.ID); ok {
		return tea.Batch(v.applyConsole(c.out, c.doc, c.fetchedAt, true), v.fetchCmd(purposeRevalidate))
	}
	if prefetching {
		v.loading, v.awaitPrefetch = true, true
		return nil
	}
	return v.fetchCmd(purposeOpen)
}

// close forgets the open console: its fetch is cancelled and every late answer, follow tick and
// search result for it becomes stale. Wrap, line numbers, plain text and what outlives an
// instance carry over.
func (v *viewer) close() {
	if v.cancel != nil {
		v.cancel()
	}
	v.search.cancelRunning()
	if v.reboot.cancel != nil {
		v.reboot.cancel()
	}
	nv := viewer{
		env:        v.env,
		lv:         v.lv,
		width:      v.width,
		height:     v.height,
		gen:        v.gen + 1,
		followSeq:  v.followSeq + 1,
		followPoll: v.followPoll,
		search:     newSearchState(),
		plainText:  v.plainText,
		hist:       v.hist,
		handoff:    v.handoff,
		seq:        v.seq,
		shotLast:   v.shotLast,
		rules:      v.rules,
		marks:      v.marks,
	}
	nv.followPoll.Reset()
	nv.search.gen = v.search.gen + 1
	nv.search.input.SetWidth(min(40, max(v.width-4, 1)))
	nv.lv.SetLines(nil, nil)
	nv.lv.ClearHighlights()
	*v = nv
}

// stop cancels what is in flight (the program is ending).
func (v *viewer) stop() {
	if v.cancel != nil {
		v.cancel()
	}
	v.search.cancelRunning()
}

// enrich fills in the instance's details (name, status, start time) once the list knows them,
// for a console opened by ID before the list arrived (--instance).
func (v *viewer) enrich(find func(id string) (fetch.Instance, bool)) {
	if v.inst.ID == "" || v.inst.Status != "" {
		return
	}
	if in, ok := find(v.inst.ID); ok {
		v.inst = in
		if why := consoleUnavailable(in); why != "" && !v.hasContent() {
			v.unavailable = why
		}
	}
}

// fetchCmd loads the viewer's instance. It bumps the generation and cancels the previous request,
// so at most one viewer fetch is current and an older answer can never replace a newer one.
func (v *viewer) fetchCmd(purpose fetchPurpose) tea.Cmd {
	if v.cancel != nil {
		v.cancel()
	}
	v.gen++
	v.loading = true
	v.loadingPurpose = purpose
	v.awaitPrefetch = false
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	v.cancel = cancel
	region, id, gen := v.region, v.inst.ID, v.gen
	return v.fetchConsoleCmd(ctx, cancel, region, id, func(r consoleResult) tea.Msg {
		return consoleLoadedMsg{region: region, instanceID: id, gen: gen, purpose: purpose, consoleResult: r}
	})
}

// onConsoleLoaded applies the viewer's answer if it is still the one being waited for (the root
// has cached it under its own instance either way).
func (v *viewer) onConsoleLoaded(msg consoleLoadedMsg) tea.Cmd {
	if msg.instanceID != v.inst.ID || msg.region != v.region || msg.gen != v.gen {
		return nil
	}
	v.loading = false
	v.cancel = nil
	v.lastCheck = msg.fetchedAt
	if msg.err != nil {
		return tea.Batch(v.send(failedMsg{err: msg.err}), v.scheduleFollow(msg.err))
	}
	v.banner = nil
	changed := !v.have || !msg.out.LastUpdate.Equal(v.out.LastUpdate) || !bytes.Equal(msg.out.Data, v.out.Data)
	var toastCmd, applyCmd tea.Cmd
	switch {
	case msg.purpose == purposeOpen:
		applyCmd = v.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	case changed:
		hadLog := v.have
		applyCmd = v.applyConsole(msg.out, msg.doc, msg.fetchedAt, false)
		if hadLog {
			toastCmd = v.showToast("new console output", toastInfo)
		}
	default:
		v.fetchedAt = msg.fetchedAt
		if msg.purpose == purposeRefresh {
			toastCmd = v.showToast("no new output", toastInfo)
		}
	}
	return tea.Batch(toastCmd, applyCmd, v.scheduleFollow(nil))
}

// onPrefetched shows a prefetched console of this instance if the viewer is still waiting for its
// first answer (the root has cached it). A failure is reported only to a viewer waiting for
// exactly this answer; otherwise opening the console fetches again and reports the error there.
func (v *viewer) onPrefetched(msg prefetchedMsg) tea.Cmd {
	if v.region != msg.region || v.inst.ID != msg.instanceID {
		return nil
	}
	if msg.err != nil {
		if !v.awaitPrefetch {
			return nil
		}
		v.loading, v.awaitPrefetch = false, false
		return tea.Batch(v.send(failedMsg{err: msg.err}), v.scheduleFollow(msg.err))
	}
	if v.have {
		return nil
	}
	cmd := v.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	if v.awaitPrefetch {
		v.loading, v.awaitPrefetch = false, false
		v.lastCheck = msg.fetchedAt
		v.banner = nil
		return tea.Batch(cmd, v.scheduleFollow(nil))
	}
	return cmd
}

// applyConsole puts a live log on screen: at its end for a first show, otherwise where the
// operator was reading. Every live log that reaches the screen is kept in the capture history (the
// store skips an output identical to the last one kept), and it replaces any capture being shown.
func (v *viewer) applyConsole(out fetch.ConsoleOutput, doc console.Document, at time.Time, first bool) tea.Cmd {
	keep := v.saveCaptureCmd(v.region, v.inst.ID, out)
	v.leaveCapture()
	v.out, v.have, v.fetchedAt = out, true, at
	change := docNew
	if first {
		change = docNewAtEnd
	}
	return tea.Batch(keep, v.setDoc(doc, change))
}

// docChange says what a new document is to the viewer, which decides where the view goes and
// whether the findings are scanned again.
type docChange int

const (
	// docNewAtEnd is a new text shown at its end, where boots fail.
	docNewAtEnd docChange = iota
	// docNew is a new text that keeps the reading position: the end for whoever was there,
	// otherwise the same top line (not GotoLine's centring: new output must not move what the
	// operator is reading).
	docNew
	// docRestyled is the same text in another form (wall-clock times): the position is kept, the
	// findings stay, and the matches are dropped because the lines changed length.
	docRestyled
)

// String names the change for test failures.
func (c docChange) String() string {
	switch c {
	case docNewAtEnd:
		return "new-at-end"
	case docNew:
		return "new"
	case docRestyled:
		return "restyled"
	}
	return "unknown"
}

// setDoc is the one place the viewer's document changes. A new text is scanned for findings
// (which may turn it into its wall-clock version); the reading position is kept as change says;
// an active search runs again, because highlights are byte offsets into the old text. v.out and
// the capture shown must already describe the new text: the boot time is estimated from them.
func (v *viewer) setDoc(doc console.Document, change docChange) tea.Cmd {
	var scan tea.Cmd
	if change != docRestyled {
		doc, scan = v.scanFindings(doc)
	}
	v.keepPosition(change == docNewAtEnd, func() {
		v.doc = doc
		if change == docRestyled {
			v.search.matches = nil
		}
		v.setViewerLines()
	})
	if v.search.re != nil {
		return tea.Batch(scan, v.runSearch(v.search.query))
	}
	return scan
}

// keepPosition runs change (new lines, a new size) and puts the view back where the operator was
// reading: at the end if they were there (or toEnd asks for it), otherwise on the same top line.
func (v *viewer) keepPosition(toEnd bool, change func()) {
	wasBottom, top := v.lv.AtBottom(), v.lv.TopLine()
	change()
	switch {
	case toEnd || wasBottom:
		v.lv.GotoBottom()
	default:
		v.lv.SetTopLine(top)
	}
}

// setViewerLines hands the log (or only its matching lines) to the view, with the highlights
// and the gutter marks.
func (v *viewer) setViewerLines() {
	s := &v.search
	styledLines := v.doc.Lines
	if v.plainText {
		// Plain lines are the styled ones without SGR, so highlights and marks stay put.
		styledLines = v.doc.Plain
	}
	if !s.only || s.re == nil {
		s.lineMap = nil
		v.lv.SetLines(styledLines, v.doc.Plain)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(s.matches)
		}
	} else {
		styled, plain, lineMap := onlyMatching(styledLines, v.doc.Plain, s.matches, contextLines)
		s.lineMap = lineMap
		v.lv.SetLines(styled, plain)
		if len(s.matches) > 0 {
			v.lv.SetHighlights(remapMatches(s.matches, lineMap))
		}
	}
	v.syncMarks()
}

// syncMarks puts the gutter marks of the findings and of the capture's new lines in step with
// the lines shown.
func (v *viewer) syncMarks() {
	v.syncCaptureMarks()
	v.syncFindingMarks()
}

// typing reports whether the search box has the keys.
func (v *viewer) typing() bool { return v.search.typing }

// enableKeys switches on the bindings that act on what the viewer shows (syncKeys calls it after
// enabling quit and help). The first part that has the keys to itself ends it.
func (v *viewer) enableKeys(k *KeyMap) {
	if v.search.typing {
		enable(&k.Accept, &k.Cancel)
		return
	}
	enable(&k.Back)
	if v.enableCaptureKeys(k) || v.unavailable != "" {
		// The capture list has the keys to itself; an unavailable console offers only esc.
		return
	}
	switch {
	case v.reboot.confirming:
		enable(&k.RebootConfirm, &k.RebootForce, &k.RebootCancel)
		k.Back.SetEnabled(false)
		return
	case v.shot.open:
		enable(&k.CloseScreenshot, &k.Screenshot)
		k.Back.SetEnabled(false)
		return
	}
	if v.live() {
		enable(&k.Screenshot)
		// --readonly removes the only write action from the keys and so from the help.
		if !v.readOnly() && !v.reboot.active {
			enable(&k.Reboot)
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
		&k.Wrap, &k.LineNumbers, &k.PlainText, &k.Search)
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
		enable(&k.NextFinding, &k.PrevFinding)
	}
	if v.nav.bootKnown {
		enable(&k.WallClock)
	}
}

// shortHelp is the viewer's one-line key help.
func (v *viewer) shortHelp(k KeyMap) []key.Binding {
	switch {
	case v.search.typing:
		return []key.Binding{k.Accept, k.Cancel}
	case v.reboot.confirming:
		return []key.Binding{k.RebootConfirm, k.RebootForce, k.RebootCancel, k.Quit}
	case v.shot.open:
		return []key.Binding{k.CloseScreenshot, k.Screenshot, k.Quit}
	case v.captures.open:
		return []key.Binding{k.ShowCapture, k.Up, k.Down, k.History, k.Back, k.Help, k.Quit}
	}
	// Wrap and line numbers live in the full help; the short line keeps room for ? and q.
	return []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches, k.Refresh, k.Follow, k.Back, k.Help, k.Quit}
}

// fullHelp is the viewer's columns of the full help, after the movement keys: search and
// findings (both move through the log), the view and what asks ECS for something, and hand-off.
func (v *viewer) fullHelp(k KeyMap) [][]key.Binding {
	return [][]key.Binding{
		{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches, k.NextFinding, k.PrevFinding, k.WallClock},
		{k.Wrap, k.LineNumbers, k.PlainText, k.Refresh, k.Follow, k.Screenshot, k.Reboot, k.StopWatching},
		{k.History, k.NewMarks, k.Save, k.CopyLine, k.CopyAll, k.CopyCommand, k.Pager, k.Editor},
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
	case v.captures.open:
		return v.onCaptureListKey(msg)
	}
	switch {
	case key.Matches(msg, k.StopWatching):
		return v.stopWatching()
	case key.Matches(msg, k.Reboot):
		v.reboot.confirming = true
		return nil
	case key.Matches(msg, k.Screenshot):
		return v.requestScreenshot()
	case key.Matches(msg, k.NextFinding):
		return v.jumpFinding(true)
	case key.Matches(msg, k.PrevFinding):
		return v.jumpFinding(false)
	case key.Matches(msg, k.WallClock):
		return v.toggleWallClock()
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
		v.lv.HighlightNext()
	case key.Matches(msg, k.PrevMatch):
		v.lv.HighlightPrevious()
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
	k := &v.keys
	switch {
	case key.Matches(msg, k.Up):
		v.lv.ScrollUp(1)
	case key.Matches(msg, k.Down):
		v.lv.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		v.lv.PageUp()
	case key.Matches(msg, k.PageDown):
		v.lv.PageDown()
	case key.Matches(msg, k.HalfPageUp):
		v.lv.HalfPageUp()
	case key.Matches(msg, k.HalfPageDown):
		v.lv.HalfPageDown()
	case key.Matches(msg, k.Top):
		v.lv.GotoTop()
	case key.Matches(msg, k.Bottom):
		v.lv.GotoBottom()
	case key.Matches(msg, k.Left):
		v.lv.ScrollLeft(panStep)
	case key.Matches(msg, k.Right):
		v.lv.ScrollRight(panStep)
	}
}

// onWheel scrolls with the mouse wheel.
func (v *viewer) onWheel(msg tea.MouseWheelMsg) {
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
	if !v.search.typing {
		return nil
	}
	return v.updateSearchInput(msg)
}

func onOff(what string, on bool) string {
	if on {
		return what + " on"
	}
	return what + " off"
}

// headerView is the instance line, the last-update line and the lines of the features that
// have something to say (the reboot timeline, the findings summary).
func (v *viewer) headerView(brand string, width int) string {
	s := v.styles
	var head string
	if v.fileMode() {
		head = v.fileHeader(brand, width)
	} else {
		title := v.inst.ID
		if v.inst.Name != "" {
			title = v.inst.Name + s.Dim.Render("  "+v.inst.ID)
		}
		line1 := brand + "  " + s.Title.Render(title)
		if v.inst.Status != "" {
			line1 += s.Dim.Render(" · ") + s.statusStyle(v.inst.Status).Render(v.inst.Status)
		}
		line1 += s.Dim.Render(" · " + v.region)
		head = clip(line1, width) + "\n" + clip(v.updateLine(), width)
	}
	if l := v.rebootTimelineLine(); l != "" {
		head += "\n" + clip(l, width)
	}
	if l := v.findingsLine(); l != "" {
		head += "\n" + clip(l, width)
	}
	return head
}

// updateLine is the header's second line: how old the log is, or why there is none.
func (v *viewer) updateLine() string {
	s := v.styles
	switch {
	case v.captures.shown != nil:
		return v.captureHeaderLine()
	case v.unavailable != "":
		return s.Dim.Render("console unavailable")
	case v.have && !v.out.LastUpdate.IsZero():
		line := s.Dim.Render("last update ") + v.clock(v.out.LastUpdate) + s.Dim.Render(", "+v.ago(v.out.LastUpdate))
		if st := v.inst.StartTime; !st.IsZero() && v.out.LastUpdate.Before(st) {
			line += "  " + s.Warn.Render("⚠ from a previous boot: the instance started "+v.clock(st))
		}
		return line
	case v.have && v.out.LastUpdateRaw != "":
		return s.Dim.Render("last update " + v.out.LastUpdateRaw + " (unparsed)")
	case v.have:
		return s.Dim.Render("last update unknown")
	case v.loading:
		return v.spinner.View() + s.Dim.Render(" fetching console output…")
	}
	return s.Dim.Render("no console output fetched")
}

// statusView is the viewer's status bar: the search box while it has focus, otherwise the
// position, follow and search state.
func (v *viewer) statusView() string {
	s := v.styles
	if v.search.typing {
		status := v.search.input.View()
		if st := v.searchStatus(); st != "" {
			status += "  " + s.Notice.Render(st)
		}
		return status
	}
	var parts []string
	if v.hasContent() {
		total := v.lv.TotalLineCount()
		pos := fmt.Sprintf("line %d/%d", min(v.lv.TopLine()+1, total), total)
		if v.search.only {
			pos += fmt.Sprintf(" (only matching lines, of %d)", len(v.doc.Lines))
		}
		parts = append(parts, pos, fmt.Sprintf("%d%%", int(v.lv.ScrollPercent()*100+0.5)))
		if v.lv.Wrap() {
			parts = append(parts, "wrap")
		} else {
			parts = append(parts, "nowrap")
		}
	}
	if f := v.followStatus(); f != "" {
		parts = append(parts, f)
	}
	if st := v.searchStatus(); st != "" {
		parts = append(parts, st)
	}
	line := s.Dim.Render(strings.Join(parts, " · "))
	if v.loading && v.have {
		line = v.spinner.View() + s.Dim.Render(" refreshing · ") + line
	}
	return line
}

// View is the log, or the pane that replaces it: the reboot dialog, the screenshot, the capture
// list, or the pane that explains why there is no log.
func (v *viewer) View(width, height int) string {
	switch {
	case v.reboot.confirming:
		return v.rebootDialogView(width, height)
	case v.shot.open:
		return v.screenshotView(width, height)
	case v.captures.open:
		return v.captureListView(width, height)
	}
	if body, ok := v.fileBody(); ok {
		return body
	}
	switch {
	case v.unavailable != "":
		return v.unavailableView(width)
	case !v.have && v.loading:
		return v.styles.Pane.Render(v.spinner.View() + " fetching console output…")
	case !v.have:
		return v.styles.Pane.Render("No console output could be fetched; the error is above.\nr tries again · esc goes back to the list")
	case len(v.doc.Lines) == 0:
		return v.emptyView()
	}
	return v.lv.View()
}

// refreshFailedPrefix is the banner's lead when a refresh failed while an older log is on screen:
// that log is still worth reading, so the banner says how old it is. "" when there is no such log.
func (v *viewer) refreshFailedPrefix() string {
	if v.hasContent() && !v.fetchedAt.IsZero() {
		return "✗ refresh failed; showing the log fetched " + v.ago(v.fetchedAt) + " · "
	}
	return ""
}
