package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// The boot-failure navigator: whenever a new text reaches the viewer (a fetch, a capture, a
// file), findings.Scan runs over its plain lines (in a command for a large log, generation-guarded
// like search), the header gets a one-line summary, the gutter a mark per finding and ] / [ jump
// between them. t shows kernel timestamps as wall-clock times, which changes the text the view and
// the search work on; the log as ECS sent it is kept aside to switch back.

// findingMark is the gutter glyph of a finding; its colour gives the severity.
const findingMark = "●"

// docIdentity tells two texts apart cheaply: the address of the first plain line and the count.
// Every new text is a new slice, so the identity changes exactly when the text does.
type docIdentity struct {
	first *string
	n     int
}

func identify(plain []string) docIdentity {
	if len(plain) == 0 {
		return docIdentity{}
	}
	return docIdentity{first: &plain[0], n: len(plain)}
}

// navState is the navigator of the viewer's text.
type navState struct {
	// shown is the identity of the viewer's doc as the navigator last left it (the raw text, or
	// its wall-clock version); any other identity means a new text arrived.
	shown docIdentity
	// raw is the text as it arrived, kept while wall-clock times replace the viewer's doc.
	raw console.Document

	gen      uint64 // the scan the findings belong to (0: none yet)
	pending  bool   // a scan of a large log has not answered yet
	findings []findings.Finding
	summary  string
	worst    findings.Severity

	// boot is the estimated boot time; bootKnown says whether there is one.
	boot      time.Time
	bootKnown bool
	wallClock bool

	// cur is the finding last jumped to (-1: none) and jumpTop the top line right after that jump:
	// while the view has not moved, ] and [ step from cur instead of from the screen.
	cur     int
	jumpTop int
}

// findingsScannedMsg carries a scan made off the UI goroutine.
type findingsScannedMsg struct {
	gen      uint64
	findings []findings.Finding
}

func (msg findingsScannedMsg) applyOps(m *Model) tea.Cmd {
	n := &m.viewer.nav
	if msg.gen != n.gen || !n.pending {
		return nil
	}
	m.setFindings(msg.findings)
	return nil
}

// findingRules returns the rule table, built on first use.
func (m *Model) findingRules() []findings.Rule {
	if m.ops.rules == nil {
		m.ops.rules = findings.DefaultRules()
	}
	return m.ops.rules
}

// syncFindings notices a new text in the viewer and scans it. It runs after every Update, so
// every path that changes the text (fetch, cache, capture, file) is covered without a hook in
// each.
func (m *Model) syncFindings() tea.Cmd {
	v := &m.viewer
	n := &v.nav
	id := identify(v.doc.Plain)
	if id == n.shown {
		return nil
	}
	wallClock := n.wallClock
	*n = navState{raw: v.doc, shown: id, cur: -1, gen: m.nextSeq()}
	last := v.out.LastUpdate
	if c := v.captures.shown; c != nil {
		last = c.LastUpdate
	}
	n.boot, n.bootKnown = findings.EstimateBoot(n.raw.Plain, last)
	var cmds []tea.Cmd
	if wallClock && n.bootKnown {
		n.wallClock = true
		cmds = append(cmds, m.showDoc(wallClockDoc(n.raw, n.boot.In(m.loc))))
	}
	plain, rules, gen := n.raw.Plain, m.findingRules(), n.gen
	if len(plain) <= syncSearchLines {
		m.setFindings(findings.Scan(plain, rules))
		return tea.Batch(cmds...)
	}
	n.pending = true
	cmds = append(cmds, func() tea.Msg {
		return findingsScannedMsg{gen: gen, findings: findings.Scan(plain, rules)}
	})
	return tea.Batch(cmds...)
}

// setFindings stores a scan's findings and their summary.
func (m *Model) setFindings(fs []findings.Finding) {
	n := &m.viewer.nav
	n.pending = false
	n.findings = fs
	n.summary = findings.Summarize(fs)
	n.worst = findings.Info
	for _, f := range fs {
		if f.Rule != nil && f.Rule.Severity > n.worst {
			n.worst = f.Rule.Severity
		}
	}
	n.cur = -1
}

// findingStyle is the colour of a severity.
func (s Styles) findingStyle(sev findings.Severity) func(...string) string {
	switch sev {
	case findings.Critical:
		return s.FindingCritical.Render
	case findings.Warning:
		return s.FindingWarning.Render
	}
	return s.FindingInfo.Render
}

// findingsLine is the summary under the header ("Kernel panic at line 1,204 · 2 units failed"),
// coloured by the worst finding; "" when there is nothing to report.
func (m *Model) findingsLine() string {
	s, v := m.styles, &m.viewer
	n := &v.nav
	switch {
	case !v.hasContent() || v.captures.open:
		return ""
	case n.pending:
		return s.Dim.Render("scanning for boot failures…")
	case n.summary == "":
		return ""
	}
	return s.findingStyle(n.worst)(findingMark+" "+n.summary) + s.Dim.Render("  ] / [ jump")
}

// markSync remembers the finding marks last put in the gutter, so they are replaced only when
// their inputs change and other features' marks (the "+" of new lines) are left alone.
type markSync struct {
	key  markKey
	mine map[string]bool // the rendered marks set last time
}

// markKey is everything the finding marks depend on.
type markKey struct {
	gen     uint64
	n       int
	lineMap *int
	mapLen  int
	styles  [3]string
}

// syncFindingMarks puts a mark in the gutter of every finding, through the only-matching view's
// line map when it is on. It runs after every Update and does nothing unless an input changed.
func (m *Model) syncFindingMarks() {
	v := &m.viewer
	n := &v.nav
	marks := [3]string{
		m.styles.findingStyle(findings.Info)(findingMark),
		m.styles.findingStyle(findings.Warning)(findingMark),
		m.styles.findingStyle(findings.Critical)(findingMark),
	}
	k := markKey{gen: n.gen, n: len(n.findings), mapLen: len(v.search.lineMap), styles: marks}
	if len(v.search.lineMap) > 0 {
		k.lineMap = &v.search.lineMap[0]
	}
	if n.pending {
		k.n = -1
	}
	ms := &m.ops.marks
	if k == ms.key {
		return
	}
	cur := v.lv.Marks()
	next := make(map[int]string, len(cur)+len(n.findings))
	for i, s := range cur {
		if !ms.mine[s] {
			next[i] = s
		}
	}
	shown := func(line int) (int, bool) { return line, true }
	if lm := v.search.lineMap; lm != nil {
		idx := make(map[int]int, len(lm))
		for i, l := range lm {
			if l >= 0 {
				idx[l] = i
			}
		}
		shown = func(line int) (int, bool) { i, ok := idx[line]; return i, ok }
	}
	if !n.pending {
		for _, f := range n.findings {
			if i, ok := shown(f.Line); ok && f.Rule != nil {
				next[i] = marks[min(max(int(f.Rule.Severity), 0), 2)]
			}
		}
	}
	if len(next) == 0 {
		next = nil
	}
	if len(next) > 0 || len(cur) > 0 {
		v.lv.SetMarks(next)
	}
	ms.key = k
	ms.mine = map[string]bool{marks[0]: true, marks[1]: true, marks[2]: true}
}

// jumpFinding moves to the next (or previous) finding, wrapping around, and names it in a toast.
func (m *Model) jumpFinding(forward bool) tea.Cmd {
	v := &m.viewer
	n := &v.nav
	fs := n.findings
	if len(fs) == 0 {
		return nil
	}
	var idx int
	switch {
	case n.cur >= 0 && n.cur < len(fs) && v.lv.TopLine() == n.jumpTop && forward:
		idx = (n.cur + 1) % len(fs)
	case n.cur >= 0 && n.cur < len(fs) && v.lv.TopLine() == n.jumpTop:
		idx = (n.cur - 1 + len(fs)) % len(fs)
	default:
		top := m.topLogLine()
		var f findings.Finding
		if forward {
			// A finding on the top line counts as the next one: it has not been visited yet.
			f, _ = findings.Next(fs, top-1)
		} else {
			f, _ = findings.Prev(fs, top)
		}
		idx = sort.Search(len(fs), func(i int) bool { return fs[i].Line >= f.Line })
	}
	f := fs[idx]
	target, ok := f.Line, true
	if lm := v.search.lineMap; lm != nil {
		ok = false
		for i, l := range lm {
			if l == f.Line {
				target, ok = i, true
				break
			}
		}
	}
	n.cur = idx
	text := fmt.Sprintf("finding %d/%d: %s", idx+1, len(fs), describeFinding(f))
	if !ok {
		n.jumpTop = -1
		return m.showToast(text+" (hidden by only-matching; & shows all)", toastWarn)
	}
	v.lv.GotoLine(target)
	n.jumpTop = v.lv.TopLine()
	return m.showToast(text, toastInfo)
}

// describeFinding is "Kernel panic at line 1,204".
func describeFinding(f findings.Finding) string {
	name := "finding"
	if f.Rule != nil {
		name = f.Rule.Summary
	}
	return name + " at line " + findings.Thousands(f.Line+1)
}

// topLogLine is the log line at the top of the view, through the only-matching line map.
func (m *Model) topLogLine() int {
	v := &m.viewer
	top := v.lv.TopLine()
	if lm := v.search.lineMap; lm != nil {
		for i := min(top, len(lm)-1); i >= 0; i-- {
			if lm[i] >= 0 {
				return lm[i]
			}
		}
		return 0
	}
	return top
}

// toggleWallClock switches kernel timestamps between time since boot and wall-clock time.
func (m *Model) toggleWallClock() tea.Cmd {
	n := &m.viewer.nav
	if !n.bootKnown {
		return m.showToast("wall-clock times need kernel timestamps and ECS's LastUpdateTime", toastWarn)
	}
	n.wallClock = !n.wallClock
	if n.wallClock {
		boot := n.boot.In(m.loc)
		return tea.Batch(m.showDoc(wallClockDoc(n.raw, boot)),
			m.showToast("kernel times as wall clock (boot ≈ "+boot.Format("2006-01-02 15:04:05")+")", toastInfo))
	}
	return tea.Batch(m.showDoc(n.raw), m.showToast("kernel times since boot", toastInfo))
}

// showDoc replaces the viewer's text with another version of the same lines, keeping the reading
// position, and searches it again: the lines changed length, so the old matches' byte offsets
// no longer apply.
func (m *Model) showDoc(doc console.Document) tea.Cmd {
	v := &m.viewer
	wasBottom, top := v.lv.AtBottom(), v.lv.TopLine()
	v.doc = doc
	v.nav.shown = identify(doc.Plain)
	v.search.matches = nil
	m.setViewerLines()
	if wasBottom {
		v.lv.GotoBottom()
	} else {
		v.lv.SetTopLine(top)
	}
	if v.search.re != nil {
		return m.runSearch(v.search.query)
	}
	return nil
}

// wallClockDoc returns doc with every kernel timestamp shown as boot plus its offset. The styled
// line gets the same replacement when the timestamp appears in it verbatim (it is not coloured
// by the kernel); otherwise the plain version replaces it, losing that line's colours.
func wallClockDoc(doc console.Document, boot time.Time) console.Document {
	out := console.Document{Lines: make([]string, len(doc.Lines)), Plain: make([]string, len(doc.Plain))}
	copy(out.Lines, doc.Lines)
	copy(out.Plain, doc.Plain)
	for i, p := range doc.Plain {
		wc, ok := findings.WallClock(p, boot)
		if !ok {
			continue
		}
		out.Plain[i] = wc
		if i >= len(doc.Lines) {
			continue
		}
		open, end := strings.IndexByte(p, '['), strings.IndexByte(p, ']')+1
		oldTS := p[open:end]
		newTS := wc[open : len(wc)-(len(p)-end)]
		if strings.Contains(doc.Lines[i], oldTS) {
			out.Lines[i] = strings.Replace(doc.Lines[i], oldTS, newTS, 1)
		} else {
			out.Lines[i] = wc
		}
	}
	return out
}
