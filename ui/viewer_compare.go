package ui

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/history"
	"github.com/bootlog/bootlog/ui/logview"
)

// Compare with the last good boot (D): the capture history keeps each log with its health; D
// finds the newest capture whose health was ok and is not the log on screen, and shows the last
// boot of the log on screen against that capture's last boot, unified as diff -u prints it: "-"
// for a line only the good boot printed, "+" for one only this boot did. Kernel timestamps are
// left out of the comparison (every boot has its own), so the lines that differ are the ones
// that say something. The view opens on the first difference; esc goes back to the log.

// compareLoadedMsg answers a comparison, done off the UI goroutine.
type compareLoadedMsg struct {
	seq                uint64
	region, instanceID string
	// found is false when the history holds no good capture other than the log on screen.
	found   bool
	capture history.Capture
	reason  string // why the capture was judged ok ("reached the login prompt")
	lines   compareLines
	err     error
}

// openCompare starts the comparison of the log on screen with the last good capture.
func (v *viewer) openCompare() tea.Cmd {
	c := &v.compare
	v.hist.seq++
	*c = compareView{open: true, loading: true, seq: v.hist.seq}
	st, seq, region, id := v.hist.store, v.hist.seq, v.region, v.inst.ID
	data, plain, rules := v.out.Data, v.nav.raw.Plain, v.findingRules()
	cur := v.nav.boots
	from, to := 0, len(plain)
	if n := cur.Count(); n > 0 {
		from, to = cur.Boot(n-1).First, cur.Boot(n-1).End
	}
	styles := v.styles
	return func() tea.Msg {
		msg := compareLoadedMsg{seq: seq, region: region, instanceID: id}
		items, err := st.List(region, id)
		if err != nil {
			msg.err = safeErr(err)
			return msg
		}
		for _, it := range items {
			if it.Health != findings.HealthOK.String() {
				continue
			}
			good, err := st.Load(it)
			if err != nil {
				// Pruned by another bootlog since the listing: try the next one.
				continue
			}
			if bytes.Equal(good, data) {
				continue
			}
			gp := console.Render(good, console.Options{}).Plain
			a := findings.Assess(gp, rules)
			gf, gt := 0, len(gp)
			if n := a.Boots.Count(); n > 0 {
				gf, gt = a.Boots.Boot(n-1).First, a.Boots.Boot(n-1).End
			}
			msg.found, msg.capture, msg.reason = true, it, a.Reason
			msg.lines = buildCompare(gp[gf:gt], plain[from:to], from, styles)
			return msg
		}
		return msg
	}
}

// withoutKernelTime is line without its "[   12.345678] " prefix, for comparing boots.
func withoutKernelTime(line string) string {
	if _, ok := findings.KernelTime(line); !ok {
		return line
	}
	_, rest, _ := strings.Cut(line, "]")
	return strings.TrimPrefix(rest, " ")
}

// buildCompare lays out the unified comparison of the good boot's lines with the current boot's,
// which start at log line offset.
func buildCompare(good, cur []string, offset int, s Styles) compareLines {
	key := func(ls []string) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = withoutKernelTime(l)
		}
		return out
	}
	d := history.Diff(key(good), key(cur))
	out := compareLines{first: -1}
	for i, l := range d {
		var mark, text string
		num := 0
		switch l.Op {
		case history.Same:
			mark, text, num = " ", cur[l.New], offset+l.New+1
		case history.Removed:
			mark, text = "-", good[l.Old]
			out.removed++
		case history.Added:
			mark, text, num = "+", cur[l.New], offset+l.New+1
			out.added++
		}
		if l.Op != history.Same && out.first < 0 {
			out.first = i
		}
		plain := mark + " " + text
		styled := plain
		switch l.Op {
		case history.Removed:
			styled = s.DiffRemoved.Render(plain)
		case history.Added:
			styled = s.DiffAdded.Render(plain)
		}
		out.plain, out.styled, out.numbers = append(out.plain, plain), append(out.styled, styled), append(out.numbers, num)
	}
	return out
}

// onCompareLoaded shows a comparison if it is still the one asked for.
func (v *viewer) onCompareLoaded(msg compareLoadedMsg) tea.Cmd {
	c := &v.compare
	if !c.open || msg.seq != c.seq || !v.viewingInstance(msg.region, msg.instanceID) {
		return nil
	}
	c.loading = false
	c.err, c.found, c.capture, c.reason, c.lines = msg.err, msg.found, msg.capture, msg.reason, msg.lines
	c.lv = logview.New()
	c.lv.SetWrap(v.lv.Wrap())
	c.lv.SetLineNumbers(true)
	c.lv.GutterStyle = v.styles.Gutter
	v.sizeCompare()
	c.lv.SetNumbers(msg.lines.numbers)
	c.lv.SetLines(msg.lines.styled, msg.lines.plain)
	if msg.lines.first >= 0 {
		// A few common lines above the first difference say where in the boot it is.
		c.lv.SetTopLine(max(msg.lines.first-3, 0))
	}
	return nil
}

// onCompareKey handles a key while the comparison is open: it has the keys to itself.
func (v *viewer) onCompareKey(msg tea.KeyPressMsg) tea.Cmd {
	k, c := &v.keys, &v.compare
	v.sizeCompare()
	if key.Matches(msg, k.Back, k.Compare) {
		c.open = false
		return nil
	}
	scrollLogKey(&c.lv, k, msg)
	return nil
}

// enableCompareKeys enables the keys of the open comparison.
func (v *viewer) enableCompareKeys(k *KeyMap) {
	enable(&k.Compare)
	if v.compare.found {
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.PageUpLess, &k.PageDownLess, &k.HalfPageUp, &k.HalfPageDown, &k.Top, &k.Bottom)
	}
}

// canCompare reports whether D applies: a live instance's log, with a capture history to look in.
func (v *viewer) canCompare() bool {
	return v.hist.store != nil && !v.fileMode() && v.hasContent() && !v.nav.pending
}

// compareView draws the comparison: a title saying against what, then the unified lines.
func (v *viewer) compareView(width, height int) string {
	s, c := v.styles, &v.compare
	title := s.PaneTitle.Render("Compared with the last good boot")
	switch {
	case c.loading:
		return clip(" "+title, width) + "\n\n" + s.Dim.Render("  reading the capture history…")
	case c.err != nil:
		return clip(" "+title, width) + "\n\n" + indent(wrapText("✗ "+oneLine(c.err.Error()), max(width-4, 20)), "  ")
	case !c.found:
		return clip(" "+title, width) + "\n\n" + indent(wrapText("No earlier good boot in the capture history: bootlog marks a "+
			"capture good when its last boot reached the login prompt or the multi-user target with no warning or "+
			"critical finding. esc goes back.", max(width-4, 20)), "  ")
	}
	head := v.compareTitle(width)
	// A copy sized for this frame: the view does not change the viewer.
	lv := c.lv
	lv.SetSize(width, max(height-blockHeight(head), 1))
	return head + "\n" + lv.View()
}

// compareTitle is the comparison's title, wrapped to the width: against which capture, why it
// was good, and how much differs.
func (v *viewer) compareTitle(width int) string {
	s, c := v.styles, &v.compare
	what := fmt.Sprintf(" · capture from %s (%s) · - only then, + only now · ", v.captureTime(c.capture), c.reason)
	if c.lines.first < 0 {
		what += "no line differs"
	} else {
		what += fmt.Sprintf("%s removed, %s added", plural(c.lines.removed, "line"), plural(c.lines.added, "line"))
	}
	return wrapText(" "+s.PaneTitle.Render("Compared with the last good boot")+s.Dim.Render(what), max(width, 10))
}

// sizeCompare gives the comparison's log view the body less its title.
func (v *viewer) sizeCompare() {
	c := &v.compare
	c.lv.SetSize(v.width, max(v.height-blockHeight(v.compareTitle(v.width)), 1))
}
