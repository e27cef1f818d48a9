package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/ui/findings"
)

// The findings panel (!): every finding of the log in one list (severity, kind, line, text), and
// under it what the selected one means and the usual next step, from the rule table, wrapped to
// the width so nothing is cut. Enter jumps to the finding in the log; esc closes the panel.

// severityWord names a severity in the panel.
func severityWord(sev findings.Severity) string {
	switch sev {
	case findings.Critical:
		return "critical"
	case findings.Warning:
		return "warning"
	}
	return "info"
}

// openFindingsPanel shows the panel with the finding nearest the view selected: the one last
// jumped to, else the first at or below the top line.
func (v *viewer) openFindingsPanel() {
	p, n := &v.panel, &v.nav
	p.open = true
	p.cursor, p.offset = 0, 0
	switch {
	case n.cur >= 0 && n.cur < len(n.findings):
		p.cursor = n.cur
	default:
		top := v.topLogLine()
		for i, f := range n.findings {
			if f.Line >= top {
				p.cursor = i
				break
			}
		}
	}
	v.fitPanel()
}

// onFindingsPanelKey handles a key while the panel is open: it has the keys to itself.
func (v *viewer) onFindingsPanelKey(msg tea.KeyPressMsg) tea.Cmd {
	k, p, n := &v.keys, &v.panel, &v.nav
	v.fitPanel()
	if p.moveKey(msg, k, len(n.findings), max(p.fit-1, 1)) {
		v.fitPanel()
		return nil
	}
	switch {
	case key.Matches(msg, k.Back, k.FindingsPanel):
		p.open = false
	case key.Matches(msg, k.ShowFinding):
		p.open = false
		return v.showFinding(p.cursor)
	}
	return nil
}

// enablePanelKeys enables the keys of the open panel, which has every key but quit and help.
func (v *viewer) enablePanelKeys(k *KeyMap) {
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.ShowFinding, &k.FindingsPanel)
}

// panelDetail is the selected finding explained, wrapped to width: what it is and where, what it
// means, what to do.
func (v *viewer) panelDetail(width int) []string {
	fs := v.nav.findings
	c := v.panel.cursor
	if c < 0 || c >= len(fs) || fs[c].Rule == nil {
		return nil
	}
	f, s := fs[c], v.styles
	w := max(width-4, 10)
	head := describeFinding(f)
	if b := v.nav.boots.Status(f.Line); b != "" {
		head += " · " + b
	}
	var out []string
	add := func(label, text string, st func(...string) string) {
		for _, l := range strings.Split(wrapText(label+text, w), "\n") {
			out = append(out, "  "+st(l))
		}
	}
	// What to do comes first: when the window is short, the end of the detail is what is cut,
	// and the line itself is in the log anyway.
	add("", head, s.Title.Render)
	if f.Rule.Remedy != "" {
		add("What to do: ", f.Rule.Remedy, s.Row.Render)
	}
	if f.Rule.Explain != "" {
		add("What it means: ", f.Rule.Explain, s.Row.Render)
	}
	add("", strings.TrimSpace(f.Text), s.Dim.Render)
	return out
}

// panelRows is how many finding rows fit above the detail in height lines (title, a blank line
// and the detail take the rest); at least one.
func panelRows(height, detail int) int {
	return max(height-2-detail-1, 1)
}

// fitPanel records how many rows the list has at the viewer's size and keeps the cursor on screen.
func (v *viewer) fitPanel() {
	p := &v.panel
	p.setRows(panelRows(v.height, min(len(v.panelDetail(v.width)), max(v.height-3, 0))))
	p.clamp(len(v.nav.findings))
}

// findingsPanelView draws the panel: a title, the findings (the selected one marked ›) and the
// selected one explained.
func (v *viewer) findingsPanelView(width, height int) string {
	s, p, fs := v.styles, &v.panel, v.nav.findings
	count := map[findings.Severity]int{}
	for _, f := range fs {
		if f.Rule != nil {
			count[f.Rule.Severity]++
		}
	}
	var kinds []string
	for _, sev := range []findings.Severity{findings.Critical, findings.Warning, findings.Info} {
		if count[sev] > 0 {
			word := severityWord(sev)
			if sev == findings.Warning {
				// "3 warnings", but "3 critical" and "2 info": those two are not nouns.
				word = plural(count[sev], word)
			} else {
				word = fmt.Sprintf("%d %s", count[sev], word)
			}
			kinds = append(kinds, word)
		}
	}
	title := s.PaneTitle.Render("Findings") + s.Dim.Render(" · "+strings.Join(kinds, ", ")+" · enter jumps · esc closes")
	lines := []string{clip(" "+title, width)}
	detail := v.panelDetail(width)
	// Below the title, one finding row and a blank line, the detail gets what is left; its end
	// (the log line) is what a short window loses.
	detail = detail[:min(len(detail), max(height-3, 0))]
	rows := panelRows(height, len(detail))
	from := min(p.offset, max(len(fs)-rows, 0))
	if p.cursor < from {
		from = p.cursor
	}
	if p.cursor >= from+rows {
		from = p.cursor - rows + 1
	}
	lineW := len(findings.Thousands(len(v.doc.Plain)))
	// The kind column is as wide as the longest kind, up to 20 cells.
	kindW := 1
	for _, f := range fs {
		if f.Rule != nil {
			kindW = max(kindW, min(ansi.StringWidth(f.Rule.Summary), 20))
		}
	}
	for i := from; i < min(from+rows, len(fs)); i++ {
		f := fs[i]
		sev, kind := findings.Info, "finding"
		if f.Rule != nil {
			sev, kind = f.Rule.Severity, f.Rule.Summary
		}
		glyph := s.findingStyle(sev)(severityGlyph(sev))
		row := fmt.Sprintf(" %s %-8s %s line %*s  %s", glyph, severityWord(sev), pad(clip(kind, kindW), kindW), lineW,
			findings.Thousands(f.Line+1), strings.TrimSpace(f.Text))
		if i == p.cursor {
			row = "›" + row
			lines = append(lines, s.RowSelected.Render(padRight(clip(row, width), width)))
			continue
		}
		lines = append(lines, clip(" "+row, width))
	}
	for len(lines) < 1+rows {
		lines = append(lines, "")
	}
	lines = append(lines, "")
	lines = append(lines, detail...)
	return strings.Join(lines, "\n")
}

// showFinding jumps to finding i in the log, as ] does, and makes it the current one.
func (v *viewer) showFinding(i int) tea.Cmd {
	if i < 0 || i >= len(v.nav.findings) {
		return nil
	}
	return v.goToFinding(i)
}
