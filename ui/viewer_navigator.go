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
// file; setDoc calls scanFindings), findings.Scan runs over its plain lines (in a command for a large log, generation-guarded
// like search), the header gets a one-line summary, the gutter a mark per finding and ] / [ jump
// between them. t shows kernel timestamps as wall-clock times, which changes the text the view and
// the search work on; the log as ECS sent it is kept aside to switch back.

// findingMark is the gutter glyph of a finding; its colour gives the severity.
const findingMark = "●"

// navState is the navigator of the viewer's text.
type navState struct {
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

// onFindingsScanned applies a scan made off the UI goroutine, if it is of the text on screen.
func (v *viewer) onFindingsScanned(msg findingsScannedMsg) tea.Cmd {
	n := &v.nav
	if msg.gen != n.gen || !n.pending {
		return nil
	}
	v.setFindings(msg.findings)
	return nil
}

// findingRules returns the rule table, built on first use.
func (v *viewer) findingRules() []findings.Rule {
	if v.rules == nil {
		v.rules = findings.DefaultRules()
	}
	return v.rules
}

// scanFindings starts the navigator afresh on a new text (setDoc calls it) and returns the text
// to show: the text itself, or its wall-clock version while t is on and a boot time is known.
// A large log is scanned in a command, generation-guarded like search.
func (v *viewer) scanFindings(doc console.Document) (console.Document, tea.Cmd) {
	n := &v.nav
	wallClock := n.wallClock
	*n = navState{raw: doc, cur: -1, gen: v.nextSeq()}
	last := v.out.LastUpdate
	if c := v.captures.shown; c != nil {
		last = c.LastUpdate
	}
	n.boot, n.bootKnown = findings.EstimateBoot(n.raw.Plain, last)
	shown := doc
	if wallClock && n.bootKnown {
		n.wallClock = true
		shown = wallClockDoc(n.raw, n.boot.In(v.loc))
	}
	plain, rules, gen := n.raw.Plain, v.findingRules(), n.gen
	if len(plain) <= syncSearchLines {
		v.setFindings(findings.Scan(plain, rules))
		return shown, nil
	}
	n.pending = true
	return shown, func() tea.Msg {
		return findingsScannedMsg{gen: gen, findings: findings.Scan(plain, rules)}
	}
}

// setFindings stores a scan's findings and their summary.
func (v *viewer) setFindings(fs []findings.Finding) {
	n := &v.nav
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
	v.syncMarks()
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
func (v *viewer) findingsLine() string {
	s := v.styles
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
// line map when it is on. It runs whenever the lines or the findings change (syncMarks) and does
// nothing unless an input changed.
func (v *viewer) syncFindingMarks() {
	n := &v.nav
	marks := [3]string{
		v.styles.findingStyle(findings.Info)(findingMark),
		v.styles.findingStyle(findings.Warning)(findingMark),
		v.styles.findingStyle(findings.Critical)(findingMark),
	}
	k := markKey{gen: n.gen, n: len(n.findings), mapLen: len(v.search.lineMap), styles: marks}
	if len(v.search.lineMap) > 0 {
		k.lineMap = &v.search.lineMap[0]
	}
	if n.pending {
		k.n = -1
	}
	ms := &v.marks
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
func (v *viewer) jumpFinding(forward bool) tea.Cmd {
	n := &v.nav
	fs := n.findings
	var idx int
	switch {
	case n.cur >= 0 && n.cur < len(fs) && v.lv.TopLine() == n.jumpTop && forward:
		idx = (n.cur + 1) % len(fs)
	case n.cur >= 0 && n.cur < len(fs) && v.lv.TopLine() == n.jumpTop:
		idx = (n.cur - 1 + len(fs)) % len(fs)
	default:
		top := v.topLogLine()
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
		return v.showToast(text+" (hidden by only-matching; & shows all)", toastWarn)
	}
	v.lv.GotoLine(target)
	n.jumpTop = v.lv.TopLine()
	return v.showToast(text, toastInfo)
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
func (v *viewer) topLogLine() int {
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
// The key is offered only when the boot time is known.
func (v *viewer) toggleWallClock() tea.Cmd {
	n := &v.nav
	n.wallClock = !n.wallClock
	if n.wallClock {
		boot := n.boot.In(v.loc)
		return tea.Batch(v.setDoc(wallClockDoc(n.raw, boot), docRestyled),
			v.showToast("kernel times as wall clock (boot ≈ "+boot.Format("2006-01-02 15:04:05")+")", toastInfo))
	}
	return tea.Batch(v.setDoc(n.raw, docRestyled), v.showToast("kernel times since boot", toastInfo))
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
