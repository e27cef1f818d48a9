package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapTextMeasuresDisplayWidth(t *testing.T) {
	// 24 cells on screen but 42 bytes: it fits a 30-cell line and must stay one line.
	cjk := "华东1（杭州） 华东2（上海）"
	if got := wrapText(cjk, 30); got != cjk {
		t.Fatalf("a line that fits was wrapped: %q", got)
	}
	cases := []struct {
		name, text string
		w          int
	}{
		{"cjk words", "  " + strings.Repeat("新加坡 华东2（上海） ", 8), 20},
		{"long word", "  see /var/lib/cloud/instances/i-bp1webaaaaaaaaaaaaa1/boot-finished for details", 24},
		{"plain", "ECS caches the serial console output at each start, reboot and shutdown of the instance.", 30},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrapText(c.text, c.w)
			lines := strings.Split(got, "\n")
			if len(lines) < 2 {
				t.Fatalf("not wrapped: %q", got)
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > c.w {
					t.Errorf("line %q is %d cells, limit %d", l, w, c.w)
				}
				if !strings.HasPrefix(l, "  ") && strings.HasPrefix(c.text, "  ") {
					t.Errorf("line %q lost the indentation", l)
				}
			}
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if squash(got) != squash(c.text) {
				t.Errorf("text changed:\n%q\n%q", got, c.text)
			}
		})
	}
}
