package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// The boot-failure navigator: whenever a new text reaches the viewer (a fetch, a capture, a
// file; setDoc calls scanFindings), findings.Scan runs over its plain lines (in a command for a large log, generation-guarded
// like search), the header gets a one-line summary, the gutter a mark per finding and ] / [ jump
// between them. t shows kernel timestamps as wall-clock times, which changes the text the view and
// the search work on; the log as ECS sent it is kept aside to switch back.

// findingsScannedMsg carries a scan made off the UI goroutine: the findings and the boots.
type findingsScannedMsg struct {
	gen      uint64
	findings []findings.Finding
	boots    findings.Boots
}

// takeScan applies a scan made off the UI goroutine, if it is of the text on screen (ok), and
// brings the boots' separators. When t was on and a boot's start is now known, it returns the
// wall-clock text for viewer.go to show (restyle).
func (v *viewer) takeScan(msg findingsScannedMsg) (doc console.Document, restyle, ok bool) {
	n := &v.nav
	if msg.gen != n.gen || !n.pending {
		return doc, false, false
	}
	v.setBoots(msg.boots)
	v.setFindings(msg.findings)
	if n.wallClock && n.bootKnown {
		return wallClockDoc(n.raw, n.boots), true, true
	}
	n.wallClock = false
	if n.boots.Count() >= 2 {
		// The boots bring separators into the view. Without them the lines shown are the
		// same, and handing a big log to the view again would measure every line once more.
		v.keepPosition(false, v.setViewerLines)
	}
	return doc, false, true
}

// findingRules returns the rule table, built on first use.
func (v *viewer) findingRules() []findings.Rule {
	if v.rules == nil {
		v.rules = findings.DefaultRules()
	}
	return v.rules
}

// scanFindings starts the navigator afresh on a new text (setDoc calls it) and returns the text
// to show: the text itself, or its wall-clock version while t is on and a boot's start is known.
// A large log is scanned, and split into boots, in a command, generation-guarded like search.
// v.out and v.fetchedAt must describe the new text: the boots are anchored on them.
func (v *viewer) scanFindings(doc console.Document) (console.Document, tea.Cmd) {
	n := &v.nav
	wallClock := n.wallClock
	*n = navState{raw: doc, cur: -1, gen: v.nextSeq(), wallClock: wallClock, bootJump: -1}
	plain, rules, gen := n.raw.Plain, v.findingRules(), n.gen
	last, fetched, loc := v.out.LastUpdate, v.fetchedAt, v.loc
	if len(plain) > syncSearchLines {
		n.pending = true
		return doc, func() tea.Msg {
			return findingsScannedMsg{gen: gen, findings: findings.Scan(plain, rules), boots: findBoots(plain, last, fetched, loc)}
		}
	}
	v.setBoots(findBoots(plain, last, fetched, loc))
	v.setFindings(findings.Scan(plain, rules))
	n.wallClock = wallClock && n.bootKnown
	if n.wallClock {
		return wallClockDoc(n.raw, n.boots), nil
	}
	return doc, nil
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
	return s.findingStyle(n.worst)(severityGlyph(n.worst)+" "+n.summary) + findingsHintSep + s.Dim.Render(findingsHint)
}

// findingsHint ends the findings line; the header keeps it whole when the summary is cut.
const (
	findingsHintSep = "  "
	findingsHint    = "] / [ jump · ! list"
)

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
	return v.goToFinding(idx)
}

// goToFinding shows finding idx in the log (centred when it was off screen) and names it in a
// toast; ] and [ step on from it while the view stays put.
func (v *viewer) goToFinding(idx int) tea.Cmd {
	n := &v.nav
	fs := n.findings
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

// switchClock flips between kernel times since boot and wall-clock times, and returns the text
// to show with the toast that says so.
func (v *viewer) switchClock() (console.Document, string) {
	n := &v.nav
	n.wallClock = !n.wallClock
	if !n.wallClock {
		return n.raw, "kernel times since boot"
	}
	note := "kernel times as wall clock, each boot from its own start"
	unknown := 0
	for i := range n.boots.Count() {
		if _, ok := n.boots.Boot(i).Start(); !ok {
			unknown++
		}
	}
	if unknown > 0 {
		note += fmt.Sprintf(" (%d of %d boots: start unknown, kernel times kept)", unknown, n.boots.Count())
	}
	return wallClockDoc(n.raw, n.boots), note
}

// wallClockDoc returns doc with every kernel timestamp shown as its boot's start plus its
// offset; the lines of a boot whose start is unknown keep their kernel times. The styled line
// gets the same replacement when the timestamp appears in it verbatim (it is not coloured by the
// kernel); otherwise the plain version replaces it, losing that line's colours.
func wallClockDoc(doc console.Document, boots findings.Boots) console.Document {
	plain := make([]string, len(doc.Plain))
	copy(plain, doc.Plain)
	// Only the styled lines need a styled text of their own; the others show their plain text.
	styled := make([]string, len(doc.Plain))
	for i, p := range doc.Plain {
		wc, ok := boots.WallClock(i, p)
		if !ok {
			if doc.Styled(i) {
				styled[i] = doc.Line(i)
			}
			continue
		}
		plain[i] = wc
		if !doc.Styled(i) {
			continue
		}
		line := doc.Line(i)
		open, end := strings.IndexByte(p, '['), strings.IndexByte(p, ']')+1
		oldTS := p[open:end]
		newTS := wc[open : len(wc)-(len(p)-end)]
		if strings.Contains(line, oldTS) {
			styled[i] = strings.Replace(line, oldTS, newTS, 1)
		}
	}
	return console.NewDocument(styled, plain)
}
