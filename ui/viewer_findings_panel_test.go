package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/ui/findings"
)

func TestFindingsPanelListsExplainsAndJumps(t *testing.T) {
	h := openWeb(t, failingFetcher())
	if !h.m.keys.FindingsPanel.Enabled() {
		t.Fatal("! not offered with findings on screen")
	}
	h.press("g", "!")
	v := &h.m.viewer
	if !v.panel.open || v.panel.cursor != 0 {
		t.Fatalf("panel open=%v cursor=%d", v.panel.open, v.panel.cursor)
	}
	h.mustContain("Findings · 1 critical, 3 warnings", "▲ warning  Unit failed  line 11", "line 11",
		"✗ critical Kernel panic line 34", "line 34", "What it means: ", "What to do: ")
	// The keys belong to the panel: j moves its cursor, not the log.
	top := v.lv.TopLine()
	h.press("G")
	if v.panel.cursor != 3 || v.lv.TopLine() != top {
		t.Fatalf("G: cursor %d, log top %d→%d", v.panel.cursor, top, v.lv.TopLine())
	}
	panic := v.nav.findings[3].Rule
	h.mustContain("Kernel panic at line 34", "Attempted to kill init!")
	// The remedy is all there, however long: its last words are on screen.
	words := strings.Fields(panic.Remedy)
	if s := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(s, strings.Join(words[len(words)-4:], " ")) {
		t.Fatalf("the remedy is cut:\n%s", h.screen())
	}
	h.press("enter")
	if v.panel.open {
		t.Fatal("enter left the panel open")
	}
	if line := 33; line < v.lv.TopLine() || line >= v.lv.TopLine()+v.lv.Height() || v.nav.cur != 3 {
		t.Fatalf("enter did not show line 34: top %d, cur %d", v.lv.TopLine(), v.nav.cur)
	}
	if !strings.HasPrefix(h.m.toast.text, "finding 4/4: Kernel panic at line 34") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	// ] steps on from the finding the panel chose; ! again selects it; esc closes.
	h.press("!")
	if v.panel.cursor != 3 {
		t.Fatalf("reopened on %d", v.panel.cursor)
	}
	h.press("esc")
	if v.panel.open || h.m.screen != screenConsole {
		t.Fatal("esc did not just close the panel")
	}
}

func TestFindingsPanelWrapsAt60Columns(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 24})
	h.press("!", "G")
	for _, l := range strings.Split(h.screen(), "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Fatalf("line of %d cells: %q", w, l)
		}
	}
	explain := h.m.viewer.nav.findings[3].Rule.Explain
	s := strings.Join(strings.Fields(h.screen()), " ")
	if !strings.Contains(s, strings.Join(strings.Fields(explain), " ")) {
		t.Fatalf("the explanation is not whole at 60 columns:\n%s", h.screen())
	}
}

func TestEveryRuleExplainsItself(t *testing.T) {
	// The panel shows Explain and Remedy of every rule that can produce a finding.
	for _, r := range findings.DefaultRules() {
		if r.Ignore {
			continue
		}
		if r.Explain == "" || r.Remedy == "" {
			t.Errorf("rule %s has no explanation or remedy", r.Name)
		}
	}
}

func TestGoldenFindingsPanel(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.press("!", "j")
	requireScreen(t, h)
}

func TestGoldenFindingsPanel60(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.press("!", "G")
	requireScreen(t, h)
}

// TestFindingsPanelKeepsTheRemedyAt60x15: in a short window the remedy is still whole; what is
// cut is the end of the detail (the log line, which is in the log).
func TestFindingsPanelKeepsTheRemedyAt60x15(t *testing.T) {
	h := openWeb(t, failingFetcher())
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	h.press("!", "G")
	remedy := h.m.viewer.nav.findings[3].Rule.Remedy
	if s := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(s, strings.Join(strings.Fields(remedy), " ")) {
		t.Fatalf("the remedy is cut at 60x15:\n%s", h.screen())
	}
}
