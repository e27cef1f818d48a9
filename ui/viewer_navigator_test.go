package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// failingBoot is a boot with two failed units, an OOM kill and a kernel panic, in that order.
func failingBoot() string {
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "[%12.6f] systemd[1]: Starting unit %d of the boot...\n", float64(i)/10, i)
		switch i {
		case 10:
			b.WriteString("[FAILED] Failed to start nginx.service - A high performance web server.\n")
		case 15:
			b.WriteString("[FAILED] Failed to start postgresql.service - PostgreSQL database server.\n")
		case 20:
			b.WriteString("[    2.050000] Out of memory: Killed process 1234 (java) total-vm:8000000kB\n")
		}
	}
	b.WriteString("[   12.345678] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009\n")
	return b.String()
}

func failingFetcher() *fakeFetcher {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(failingBoot()), testNow.Add(-6*time.Minute))
	return f
}

// findingLines returns the lines of the viewer's findings.
func findingLines(h *harness) []int {
	var out []int
	for _, f := range h.m.viewer.nav.findings {
		out = append(out, f.Line)
	}
	return out
}

// shownMarks returns the gutter marks of the lines shown, by shown line.
func shownMarks(h *harness) map[int]string {
	out := map[int]string{}
	for i := range h.m.viewer.lv.TotalLineCount() {
		if s := h.m.viewer.lv.Mark(i); s != "" {
			out[i] = s
		}
	}
	return out
}

func TestFindingsSummaryAndMarks(t *testing.T) {
	h := openWeb(t, failingFetcher())
	lines := findingLines(h)
	if fmt.Sprint(lines) != "[10 16 22 33]" {
		t.Fatalf("finding lines %v", lines)
	}
	h.mustContain("✗ Kernel panic at line 34 · 2 units failed · OOM kill at line 23  ] / [ jump · ! list")
	marks := shownMarks(h)
	// Each severity has its own glyph, so they differ without colour (issue 12).
	for _, f := range h.m.viewer.nav.findings {
		if want := severityGlyph(f.Rule.Severity); ansi.Strip(marks[f.Line]) != want {
			t.Fatalf("line %d mark %q, want %q", f.Line, marks[f.Line], want)
		}
	}
	if len(marks) != len(lines) {
		t.Fatalf("marks %v, want one per finding", marks)
	}
	if !h.m.keys.NextFinding.Enabled() || !h.m.keys.PrevFinding.Enabled() {
		t.Fatal("finding keys disabled with findings on screen")
	}
}

func TestNoFindingsNoSummaryNoKeys(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("[    0.100000] all good\nweb-01 login: \n"), testNow.Add(-time.Minute))
	h := openWeb(t, f)
	h.mustNotContain("●", "] / [ jump")
	if h.m.keys.NextFinding.Enabled() || len(shownMarks(h)) != 0 {
		t.Fatal("finding keys or marks without findings")
	}
}

func TestFindingJumpsWrapBothWays(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.press("g")
	want := []string{
		"finding 1/4: Unit failed at line 11",
		"finding 2/4: Unit failed at line 17",
		"finding 3/4: OOM kill at line 23",
		"finding 4/4: Kernel panic at line 34",
		"finding 1/4: Unit failed at line 11",
	}
	for i, w := range want {
		h.press("]")
		if h.m.toast.text != w {
			t.Fatalf("] #%d: toast %q, want %q", i+1, h.m.toast.text, w)
		}
		line := h.m.viewer.nav.findings[h.m.viewer.nav.cur].Line
		if top := h.m.viewer.lv.TopLine(); line < top || line >= top+h.m.viewer.lv.Height() {
			t.Fatalf("] #%d: line %d not on screen (top %d)", i+1, line, top)
		}
	}
	h.press("[")
	if h.m.toast.text != "finding 4/4: Kernel panic at line 34" {
		t.Fatalf("[ from the first: %q", h.m.toast.text)
	}
	h.press("[")
	if h.m.toast.text != "finding 3/4: OOM kill at line 23" {
		t.Fatalf("[: %q", h.m.toast.text)
	}
}

func TestFindingJumpStartsFromTheScreen(t *testing.T) {
	h := openWeb(t, failingFetcher())
	// A short window, so line 19 can be the top line.
	h.send(tea.WindowSizeMsg{Width: 100, Height: 14})
	h.press("g")
	h.m.viewer.lv.SetTopLine(18)
	h.press("]")
	if h.m.toast.text != "finding 3/4: OOM kill at line 23" {
		t.Fatalf("] from line 19: %q", h.m.toast.text)
	}
	h.m.viewer.lv.SetTopLine(18)
	h.press("[")
	if h.m.toast.text != "finding 2/4: Unit failed at line 17" {
		t.Fatalf("[ from line 19: %q", h.m.toast.text)
	}
}

func TestFindingMarksFollowOnlyMatching(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.press("/")
	h.typeText("Kernel panic")
	h.press("enter", "&")
	lm := h.m.viewer.search.lineMap
	if lm == nil {
		t.Fatal("only-matching view not on")
	}
	marks := shownMarks(h)
	for shown, mark := range marks {
		if lm[shown] != 33 || ansi.Strip(mark) != severityGlyph(findings.Critical) {
			t.Fatalf("mark at shown line %d (log line %d)", shown, lm[shown])
		}
	}
	if len(marks) != 1 {
		t.Fatalf("marks %v, want the panic's only", marks)
	}
	h.press("g", "]")
	if !strings.Contains(h.m.toast.text, "hidden by only-matching") && h.m.toast.text != "finding 4/4: Kernel panic at line 34" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.press("&")
	if len(shownMarks(h)) != 4 {
		t.Fatalf("marks after leaving only-matching: %v", shownMarks(h))
	}
}

func TestFindingsFollowNewText(t *testing.T) {
	f := failingFetcher()
	h := openWeb(t, f)
	f.consoles[webID] = consoleFor(webID, []byte("[    0.100000] clean boot\n"), testNow)
	h.press("r")
	if len(h.m.viewer.nav.findings) != 0 || len(shownMarks(h)) != 0 {
		t.Fatalf("findings %v marks %v after a clean log", findingLines(h), shownMarks(h))
	}
	h.mustNotContain("Kernel panic at line")
	// Back to the list and into another instance: nothing of web-01's findings remains.
	h.press("esc")
	h.selectID(dbID)
	h.press("enter")
	if len(h.m.viewer.nav.findings) != 0 || len(shownMarks(h)) != 0 {
		t.Fatal("findings carried over to another instance")
	}
}

func TestLargeLogScannedOffThread(t *testing.T) {
	f := standardFetcher()
	var b strings.Builder
	for i := 0; i < syncSearchLines+10; i++ {
		fmt.Fprintf(&b, "[%12.6f] line %d\n", float64(i)/1000, i)
	}
	b.WriteString("[   99.000000] Kernel panic - not syncing: Fatal exception\n")
	f.consoles[webID] = consoleFor(webID, []byte(b.String()), testNow.Add(-time.Minute))
	h := newHarness(t, f, testConfig(), Options{})
	h.selectID(webID)
	_, cmd := h.m.Update(keyMsg("enter"))
	// The console answer arrives; the scan is still a command.
	h.drain(cmd)
	n := &h.m.viewer.nav
	if n.pending || len(n.findings) != 1 || n.findings[0].Line != syncSearchLines+10 {
		t.Fatalf("pending=%v findings %v", n.pending, findingLines(h))
	}
	// A scan answer of an older generation is dropped.
	n.pending = true
	h.send(findingsScannedMsg{gen: n.gen - 1, findings: nil})
	if len(n.findings) != 1 || !n.pending {
		t.Fatal("stale scan applied")
	}
	h.send(findingsScannedMsg{gen: n.gen, findings: nil})
	if len(n.findings) != 0 || n.pending {
		t.Fatal("current scan not applied")
	}
}

func TestWallClockToggleAndSearchFollows(t *testing.T) {
	h := openWeb(t, failingFetcher())
	if !h.m.keys.WallClock.Enabled() {
		t.Fatal("t disabled although the boot time is known")
	}
	h.press("/")
	h.typeText("Kernel panic")
	h.press("enter")
	h.press("t")
	// LastUpdate is 14:03:22 and the last kernel timestamp 12.345678 s, so boot ≈ 14:03:09.654.
	panicLine := h.m.viewer.doc.Plain[33]
	if !strings.HasPrefix(panicLine, "[2026-11-26 14:03:22.000] Kernel panic") {
		t.Fatalf("panic line %q", panicLine)
	}
	if h.m.toast.text != "kernel times as wall clock, each boot from its own start" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	ms := h.m.viewer.search.matches
	if len(ms) != 1 || panicLine[ms[0].Start:ms[0].End] != "Kernel panic" {
		t.Fatalf("matches %v on %q: the search did not follow the new text", ms, panicLine)
	}
	h.mustContain("[2026-11-26 14:03:22.000] Kernel panic")
	// Findings keep their lines; a refresh keeps wall-clock times on.
	if fmt.Sprint(findingLines(h)) != "[10 16 22 33]" {
		t.Fatalf("findings %v", findingLines(h))
	}
	h.press("r")
	if !strings.HasPrefix(h.m.viewer.doc.Plain[0], "[2026-11-26 14:03:09.754]") {
		t.Fatalf("after refresh: %q", h.m.viewer.doc.Plain[0])
	}
	h.press("t")
	if h.m.viewer.doc.Plain[33] != "[   12.345678] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009" {
		t.Fatalf("t back: %q", h.m.viewer.doc.Plain[33])
	}
	if ms := h.m.viewer.search.matches; len(ms) != 1 || h.m.viewer.doc.Plain[33][ms[0].Start:ms[0].End] != "Kernel panic" {
		t.Fatalf("matches after toggling back %v", ms)
	}
}

func TestWallClockNeedsBootTime(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("no kernel timestamps\nhere\n"), testNow)
	h := openWeb(t, f)
	if h.m.keys.WallClock.Enabled() {
		t.Fatal("t offered without kernel timestamps")
	}
}

func TestWallClockDocKeepsColours(t *testing.T) {
	doc := renderDoc("[    1.500000] \x1b[32mOK\x1b[0m started\nplain line\n")
	// The harness renders in plain mode; the first line gets colours here.
	doc = console.NewDocument([]string{"[    1.500000] \x1b[32mOK\x1b[0m started"}, doc.Plain)
	// The last kernel time, 1.5 s, is at LastUpdate: the boot started at 14:00:00.
	last := time.Date(2026, 11, 26, 14, 0, 1, 500e6, time.UTC)
	got := wallClockDoc(doc, findings.FindBoots(doc.Plain).Anchor(doc.Plain, last, time.Time{}))
	if got.Line(0) != "[2026-11-26 14:00:01.500] \x1b[32mOK\x1b[0m started" {
		t.Fatalf("styled %q", got.Line(0))
	}
	if got.Plain[0] != "[2026-11-26 14:00:01.500] OK started" || got.Plain[1] != "plain line" {
		t.Fatalf("plain %q", got.Plain)
	}
	if doc.Plain[0] != "[    1.500000] OK started" {
		t.Fatal("wallClockDoc modified its input")
	}
}

func TestSummaryColourBySeverity(t *testing.T) {
	s := NewStyles(true)
	if s.findingStyle(findings.Critical)("x") == s.findingStyle(findings.Warning)("x") {
		t.Fatal("critical and warning render alike")
	}
}

func TestGoldenFindings(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.press("g", "]")
	requireScreen(t, h)
}
