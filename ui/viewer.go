package ui

import (
	"bytes"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/logview"
)

// The console viewer: one instance's log (or a file's) with everything done to it. It is one
// component in layers, each file using only the ones below it:
//
//	viewer_keys.go, viewer_view.go   keys in, screen out
//	viewer.go                        opening and closing, the answers that bring a new text, and
//	                                 setDoc, the one method that replaces the document
//	viewer_<part>.go                 follow, search, navigator, reboot, screenshot, history,
//	                                 hand-off, file view, panes: each feature's own work
//	viewer_lines.go, viewer_marks.go which lines the log view shows, where, and their gutter marks
//	viewer_fetch.go, viewer_state.go the console fetch; every part's state under one struct
//
// A part that ends in a new text (a capture chosen, the reboot's new log, wall-clock times)
// returns it, and this file shows it with setDoc.

// newViewer builds the viewer with the operator's settings; the capture store is opened here,
// before the program starts, so creating its directory is not I/O inside Update.
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
		handoff:    newHandoffCtl(opts, s),
		shotLast:   map[string]time.Time{},
	}
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
	// A RebootInstance on its way is not cancelled: the reboot may already be under way, and its
	// answer simply finds no watch.
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

// onRebootConsole shows the new boot's log once the reboot watch has it.
func (v *viewer) onRebootConsole(msg rebootConsoleMsg) tea.Cmd {
	arrived, next := v.newBootLog(msg)
	if !arrived {
		return next
	}
	v.cache.put(v.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
	// A viewer fetch started before the reboot would answer with the old log; make it stale.
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.gen++
	v.loading = false
	v.lastCheck = msg.fetchedAt
	v.banner = nil
	apply := v.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	return tea.Batch(apply, v.showToast("new boot log", toastInfo), v.scheduleFollow(nil))
}

// onCaptureLoaded shows a chosen capture in place of the live log.
func (v *viewer) onCaptureLoaded(msg captureLoadedMsg) tea.Cmd {
	doc, note, ok := v.takeCapture(msg)
	if !ok {
		return nil
	}
	return tea.Batch(v.setDoc(doc, docNewAtEnd), v.showToast(note, toastInfo))
}

// returnToLive puts the live log back in place of a capture: the cached one at once, or nothing
// until the caller's fetch answers.
func (v *viewer) returnToLive() tea.Cmd {
	if v.captures.shown == nil {
		return nil
	}
	v.leaveCapture()
	if c, ok := v.cache.get(v.region, v.inst.ID); ok {
		return v.applyConsole(c.out, c.doc, c.fetchedAt, false)
	}
	v.out, v.have, v.fetchedAt = fetch.ConsoleOutput{}, false, time.Time{}
	return v.setDoc(console.Document{}, docNew)
}

// onFindingsScanned applies a large log's scan, and shows its wall-clock text when t is on.
func (v *viewer) onFindingsScanned(msg findingsScannedMsg) tea.Cmd {
	doc, restyle, ok := v.takeScan(msg)
	if !ok || !restyle {
		return nil
	}
	return v.setDoc(doc, docRestyled)
}

// toggleWallClock switches kernel timestamps between time since boot and wall-clock time (the
// key is offered only when the boot time is known).
func (v *viewer) toggleWallClock() tea.Cmd {
	doc, note := v.switchClock()
	return tea.Batch(v.setDoc(doc, docRestyled), v.showToast(note, toastInfo))
}

// onFileLoaded shows the file at its end, where boots fail.
func (v *viewer) onFileLoaded(msg fileLoadedMsg) tea.Cmd {
	if !v.fileMode() {
		return nil
	}
	v.loading, v.tail = false, false
	if msg.err != nil {
		v.fileErr = console.SafeLine(msg.err.Error())
		return nil
	}
	v.opts.File.Data = msg.data
	return v.applyConsole(fetch.ConsoleOutput{Data: msg.data}, msg.doc, time.Time{}, true)
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
		v.search.searcher = nil
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
