package ui

import (
	"strings"
	"testing"
)

func TestGotoLinePromptAndCount(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(120), testNow)
	h := openWeb(t, f)
	v := &h.m.viewer
	h.press(":")
	if !v.typing() || !h.m.keys.Accept.Enabled() || h.m.keys.Search.Enabled() {
		t.Fatal("the : prompt does not have the keys")
	}
	h.typeText("50")
	h.mustContain(":50")
	h.press("enter")
	if v.typing() || v.topLogLine() != 49 {
		t.Fatalf(":50 put log line %d on top", v.topLogLine()+1)
	}
	h.mustContain("line 50/120")
	// less: digits, then G (or g).
	h.typeText("75")
	h.mustContain("75 (G goes to line 75)")
	h.press("G")
	if v.topLogLine() != 74 || v.jump.count != "" {
		t.Fatalf("75G: line %d, count %q", v.topLogLine()+1, v.jump.count)
	}
	h.typeText("3")
	h.press("g")
	if v.topLogLine() != 2 {
		t.Fatalf("3g: line %d", v.topLogLine()+1)
	}
	// A key that is not G drops the count and does its own work; G alone still goes to the end.
	h.typeText("9")
	h.press("j")
	if v.jump.count != "" || v.topLogLine() != 3 {
		t.Fatalf("9j: count %q, line %d", v.jump.count, v.topLogLine()+1)
	}
	h.press("G")
	if !v.lv.AtBottom() {
		t.Fatal("G alone did not go to the end")
	}
	// Past the end is the last line; not a number says so; esc closes the prompt.
	h.press(":")
	h.typeText("99999")
	h.press("enter")
	if v.topLogLine() > 119 || !v.lv.AtBottom() {
		t.Fatalf(":99999 → line %d", v.topLogLine()+1)
	}
	h.press(":")
	h.typeText("x")
	h.press("enter")
	if !strings.Contains(h.m.toast.text, "not a line number") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.press(":", "esc")
	if v.typing() {
		t.Fatal("esc left the prompt open")
	}
}

// TestGotoLineInAMultiBootLog counts the log's lines, not the separators.
func TestGotoLineInAMultiBootLog(t *testing.T) {
	h := openWeb(t, twoBootFetcher())
	h.press(":")
	h.typeText("64")
	h.press("enter")
	h.mustContain("line 64/105 · boot 2 of 2")
	if got := h.m.viewer.doc.Plain[h.m.viewer.topLogLine()]; !strings.Contains(got, "Linux version") {
		t.Fatalf("line 64 is %q", got)
	}
}

// TestOnlyMatchingKeepsLogLineNumbers is issue 12 item 2: & numbers the log's lines, as grep -n
// and less -N do, and leaves the "--" unnumbered.
func TestOnlyMatchingKeepsLogLineNumbers(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("#", "/")
	h.typeText("unit (10|40)$|unit (10|40) ")
	h.press("enter", "&", "g")
	h.mustContain(" 8 [0.800000] systemd[1]: Starting unit 8 ", "10 [1.000000] systemd[1]: Starting unit 10 ",
		"42 [4.200000] systemd[1]: Starting unit 42 ")
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.TrimSpace(l) == "--" {
			if !strings.HasPrefix(l, "   --") {
				t.Fatalf("the group break is numbered: %q", l)
			}
			goto found
		}
	}
	t.Fatalf("no group break on screen:\n%s", h.screen())
found:
}

func TestGotoHiddenLineUnderOnlyMatching(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(300), testNow)
	h := openWeb(t, f)
	h.press("/")
	// Units 10 and 100 to 190: twelve groups, more than a screen.
	h.typeText("unit 1[0-9]*0 ")
	h.press("enter", "&", "g")
	h.press(":")
	h.typeText("20")
	h.press("enter")
	if got := h.m.viewer.topLogLine() + 1; got != 98 {
		t.Fatalf(":20 under only-matching showed line %d", got)
	}
	if !strings.Contains(h.m.toast.text, "hidden by only-matching") {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}
