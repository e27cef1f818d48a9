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
	"github.com/bootlog/bootlog/ui/logview"
)

// Follow polling: the operator's interval, doubled after each failure up to maxFollowDelay, and at
// least minThrottledDelay once ECS has said to slow down.
const (
	defaultFollowInterval = 10 * time.Second
	maxFollowDelay        = 5 * time.Minute
	minThrottledDelay     = 30 * time.Second
	panStep               = 8
	wheelStep             = 3
)

// viewer is the console screen of one instance.
type viewer struct {
	inst   fetch.Instance
	region string

	out       fetch.ConsoleOutput
	doc       console.Document
	have      bool      // out/doc hold a successful answer
	fetchedAt time.Time // when that answer arrived
	lv        logview.Model

	loading        bool
	loadingPurpose fetchPurpose
	// awaitPrefetch is set when the console was opened while its prefetch was in flight: the
	// viewer takes that answer instead of asking a second time.
	awaitPrefetch bool
	gen           uint64
	cancel        context.CancelFunc

	// unavailable explains why this instance has no console (Windows, never started); no fetch is made.
	unavailable string

	follow      bool
	followSeq   uint64
	interval    time.Duration
	followDelay time.Duration
	lastCheck   time.Time

	search searchState

	// captures is the capture list and the capture on screen instead of the live log.
	captures captureView

	// reboot, nav and shot are reboot-and-watch, the boot-failure navigator and the screenshot
	// pane (reboot.go, navigator.go, screenshot.go); a new viewer starts them afresh.
	reboot rebootWatch
	nav    navState
	shot   shotPane
}

func newViewer(s config.Settings) viewer {
	iv := s.FollowInterval
	if iv <= 0 {
		iv = defaultFollowInterval
	}
	return viewer{lv: newLogview(s), interval: iv, followDelay: iv, search: newSearchState()}
}

// hasContent reports whether there are log lines on screen.
func (v *viewer) hasContent() bool { return v.have && len(v.doc.Lines) > 0 }

// openInstance switches to the console of in: a cached log at once (refreshed behind it), or a fetch.
func (m *Model) openInstance(in fetch.Instance) tea.Cmd {
	m.closeViewer()
	m.screen = screenConsole
	m.banner = nil
	v := &m.viewer
	v.inst = in
	v.region = m.region
	if in.RegionID != "" {
		v.region = in.RegionID
	}
	if why := consoleUnavailable(in); why != "" {
		v.unavailable = why
		return nil
	}
	if c, ok := m.cache.get(v.region, in.ID); ok {
		// No search is active on a freshly opened console; applyConsole only keeps the capture.
		return tea.Batch(m.applyConsole(c.out, c.doc, c.fetchedAt, true), m.fetchConsoleCmd(purposeRevalidate))
	}
	if m.prefetch.inflight[cacheKey(v.region, in.ID)] {
		v.loading, v.awaitPrefetch = true, true
		return nil
	}
	return m.fetchConsoleCmd(purposeOpen)
}

// closeViewer forgets the open console: its fetch is cancelled and every late answer, follow tick
// and search result for it becomes stale. Wrap and line-number choices carry over.
func (m *Model) closeViewer() {
	old := &m.viewer
	if old.cancel != nil {
		old.cancel()
	}
	old.search.cancelRunning()
	nv := viewer{
		lv:        old.lv,
		interval:  old.interval,
		gen:       old.gen + 1,
		followSeq: old.followSeq + 1,
		search:    newSearchState(),
	}
	nv.followDelay = nv.interval
	nv.search.gen = old.search.gen + 1
	nv.search.input.Prompt = old.search.input.Prompt
	nv.lv.SetLines(nil, nil)
	nv.lv.ClearHighlights()
	m.viewer = nv
}

// onConsoleLoaded applies the viewer's answer if it is still the one being waited for. A successful
// answer is cached under its own instance either way: it is true data, only not for this screen.
func (m *Model) onConsoleLoaded(msg consoleLoadedMsg) tea.Cmd {
	if msg.err == nil {
		if c, ok := m.cache.get(msg.region, msg.instanceID); !ok || !c.fetchedAt.After(msg.fetchedAt) {
			m.cache.put(msg.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
		}
	}
	v := &m.viewer
	if m.screen != screenConsole || msg.instanceID != v.inst.ID || msg.region != v.region || msg.gen != v.gen {
		return nil
	}
	v.loading = false
	v.cancel = nil
	v.lastCheck = msg.fetchedAt
	if msg.err != nil {
		m.setError(msg.err)
		return m.scheduleFollow(msg.err)
	}
	m.banner = nil
	changed := !v.have || !msg.out.LastUpdate.Equal(v.out.LastUpdate) || !bytes.Equal(msg.out.Data, v.out.Data)
	// applyConsole may start a search of the new text off the UI goroutine; keep its command.
	var toastCmd, searchCmd tea.Cmd
	switch {
	case msg.purpose == purposeOpen:
		searchCmd = m.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	case changed:
		hadLog := v.have
		searchCmd = m.applyConsole(msg.out, msg.doc, msg.fetchedAt, false)
		if hadLog {
			toastCmd = m.showToast("new console output", toastInfo)
		}
	default:
		v.fetchedAt = msg.fetchedAt
		if msg.purpose == purposeRefresh {
			toastCmd = m.showToast("no new output", toastInfo)
		}
	}
	return tea.Batch(toastCmd, searchCmd, m.scheduleFollow(nil))
}

// applyConsole puts a log on screen. A first show opens at the end, where boots fail; a replacement
// keeps the operator at the bottom if they were there, and otherwise near the same line.
func (m *Model) applyConsole(out fetch.ConsoleOutput, doc console.Document, at time.Time, first bool) tea.Cmd {
	v := &m.viewer
	// Every live log that reaches the screen is kept in the capture history (the store skips
	// an output identical to the last one kept), and it replaces any capture being shown.
	keep := m.saveCaptureCmd(v.region, v.inst.ID, out)
	m.leaveCapture()
	wasBottom := v.lv.AtBottom()
	top := v.lv.TopLine()
	v.out, v.doc, v.have, v.fetchedAt = out, doc, true, at
	m.setViewerLines()
	switch {
	case first || wasBottom:
		v.lv.GotoBottom()
	default:
		// The same top line as before, not GotoLine's centring: new output must not move
		// what the operator is reading.
		v.lv.SetTopLine(top)
	}
	if v.search.re != nil {
		// SetLines dropped the highlights; search the new text again.
		return tea.Batch(keep, m.runSearch(v.search.query))
	}
	return keep
}

// scheduleFollow plans the next follow poll after an answer. Bumping the sequence number makes any
// other pending tick a no-op, so there is only ever one poll chain.
func (m *Model) scheduleFollow(err error) tea.Cmd {
	v := &m.viewer
	if !v.follow {
		return nil
	}
	switch fe, ok := asFetchError(err); {
	case err == nil:
		v.followDelay = v.interval
	case ok && fe.Kind == fetch.KindThrottled:
		v.followDelay = min(max(v.followDelay*2, minThrottledDelay), maxFollowDelay)
	default:
		v.followDelay = min(v.followDelay*2, maxFollowDelay)
	}
	v.followSeq++
	next := m.tick(v.followDelay, followTickMsg{seq: v.followSeq})
	if err != nil {
		return tea.Batch(next, m.showToast(fmt.Sprintf("follow: next check in %s", v.followDelay), toastWarn))
	}
	return next
}

// onFollowTick polls, unless the tick is stale or a fetch is already on its way (whose answer
// schedules the next tick).
func (m *Model) onFollowTick(msg followTickMsg) tea.Cmd {
	v := &m.viewer
	if msg.seq != v.followSeq || !v.follow || m.screen != screenConsole {
		return nil
	}
	if v.loading {
		return nil
	}
	return m.fetchConsoleCmd(purposeFollow)
}

// toggleFollow turns polling on or off.
func (m *Model) toggleFollow() tea.Cmd {
	v := &m.viewer
	v.follow = !v.follow
	v.followSeq++
	if !v.follow {
		return m.showToast("follow off", toastInfo)
	}
	v.followDelay = v.interval
	cmds := []tea.Cmd{m.showToast(fmt.Sprintf("follow on · every %s", v.interval), toastInfo)}
	if !v.loading {
		cmds = append(cmds, m.tick(v.followDelay, followTickMsg{seq: v.followSeq}))
	}
	return tea.Batch(cmds...)
}

// viewerKey handles keys in the console viewer.
func (m *Model) viewerKey(msg tea.KeyPressMsg) tea.Cmd {
	k, v := m.keys, &m.viewer
	if cmd, ok := m.opsKey(msg); ok {
		// The reboot dialog, the screenshot pane, the watch's esc and the findings keys.
		return cmd
	}
	if cmd, ok := m.historyKey(msg); ok {
		// The capture list, capture view, file view and hand-off keys (history_view.go, handoff.go).
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		if v.search.re != nil {
			m.clearSearch()
			return nil
		}
		m.closeViewer()
		m.screen = screenList
		m.banner = nil
		if m.list.err != nil {
			m.banner = m.list.err
		}
		return m.schedulePrefetch()
	case key.Matches(msg, k.Refresh):
		if v.have {
			return m.fetchConsoleCmd(purposeRefresh)
		}
		return m.fetchConsoleCmd(purposeOpen)
	case key.Matches(msg, k.Follow):
		return m.toggleFollow()
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
	case key.Matches(msg, k.Wrap):
		v.lv.SetWrap(!v.lv.Wrap())
		return m.showToast(onOff("wrap", v.lv.Wrap()), toastInfo)
	case key.Matches(msg, k.LineNumbers):
		v.lv.SetLineNumbers(!v.lv.LineNumbers())
	case key.Matches(msg, k.PlainText):
		m.plainText = !m.plainText
		top, bottom := v.lv.TopLine(), v.lv.AtBottom()
		m.setViewerLines()
		if bottom {
			v.lv.GotoBottom()
		} else {
			v.lv.SetTopLine(top)
		}
		return m.showToast(onOff("plain text", m.plainText), toastInfo)
	case key.Matches(msg, k.Search):
		return m.beginSearch()
	case key.Matches(msg, k.NextMatch):
		v.lv.HighlightNext()
	case key.Matches(msg, k.PrevMatch):
		v.lv.HighlightPrevious()
	case key.Matches(msg, k.OnlyMatches):
		m.toggleOnlyMatches()
	}
	return nil
}

// viewerWheel scrolls with the mouse wheel.
func (m *Model) viewerWheel(msg tea.MouseWheelMsg) {
	v := &m.viewer
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

func onOff(what string, on bool) string {
	if on {
		return what + " on"
	}
	return what + " off"
}

// viewerHeader is the instance line and the last-update line.
func (m *Model) viewerHeader(brand string) string {
	s, v := m.styles, &m.viewer
	if m.opts.File != nil {
		return m.fileHeader(brand) + m.opsHeaderLines()
	}
	title := v.inst.ID
	if v.inst.Name != "" {
		title = v.inst.Name + s.Dim.Render("  "+v.inst.ID)
	}
	line1 := brand + "  " + s.Title.Render(title)
	if v.inst.Status != "" {
		line1 += s.Dim.Render(" · ") + s.statusStyle(v.inst.Status).Render(v.inst.Status)
	}
	line1 += s.Dim.Render(" · " + v.region)

	var line2 string
	switch {
	case v.captures.shown != nil:
		line2 = m.captureHeaderLine()
	case v.unavailable != "":
		line2 = s.Dim.Render("console unavailable")
	case v.have && !v.out.LastUpdate.IsZero():
		line2 = s.Dim.Render("last update ") + m.clock(v.out.LastUpdate) + s.Dim.Render(", "+m.ago(v.out.LastUpdate))
		if st := v.inst.StartTime; !st.IsZero() && v.out.LastUpdate.Before(st) {
			line2 += "  " + s.Warn.Render("⚠ from a previous boot: the instance started "+m.clock(st))
		}
	case v.have && v.out.LastUpdateRaw != "":
		line2 = s.Dim.Render("last update " + v.out.LastUpdateRaw + " (unparsed)")
	case v.have:
		line2 = s.Dim.Render("last update unknown")
	case v.loading:
		line2 = m.spinner.View() + s.Dim.Render(" fetching console output…")
	default:
		line2 = s.Dim.Render("no console output fetched")
	}
	return m.clip(line1) + "\n" + m.clip(line2) + m.opsHeaderLines()
}

// viewerStatus is the viewer's status bar.
func (m *Model) viewerStatus() string {
	s, v := m.styles, &m.viewer
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
	if v.follow {
		f := "follow on"
		if !v.lastCheck.IsZero() {
			f += " (checked " + m.clock(v.lastCheck) + ")"
		}
		if v.followDelay > v.interval {
			f += fmt.Sprintf(" backing off %s", v.followDelay)
		}
		parts = append(parts, f)
	}
	if st := m.searchStatus(); st != "" {
		parts = append(parts, st)
	}
	line := s.Dim.Render(strings.Join(parts, " · "))
	if v.loading && v.have {
		line = m.spinner.View() + s.Dim.Render(" refreshing · ") + line
	}
	return line
}

// viewerBody is the log, or the pane that explains why there is none.
func (m *Model) viewerBody() string {
	v := &m.viewer
	if body, ok := m.opsBody(); ok {
		// The reboot dialog or the screenshot pane.
		return body
	}
	if body, ok := m.historyBody(); ok {
		// The capture list, or the file view's own loading and empty panes.
		return body
	}
	switch {
	case v.unavailable != "":
		return m.unavailableView()
	case !v.have && v.loading:
		return m.styles.Pane.Render(m.spinner.View() + " fetching console output…")
	case !v.have:
		return m.styles.Pane.Render("No console output could be fetched; the error is above.\nr tries again · esc goes back to the list")
	case len(v.doc.Lines) == 0:
		return m.emptyView()
	}
	return v.lv.View()
}
