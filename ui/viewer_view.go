package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// What the viewer draws: its header lines, its status bar and its body.

// headerView is the instance line, the last-update line and the lines of the features that
// have something to say (the reboot timeline, the findings summary).
func (v *viewer) headerView(brand string, width int) string {
	s := v.styles
	var head string
	if v.fileMode() {
		head = v.fileHeader(brand, width)
	} else {
		// Name, status and region before the ID: at a narrow width the ID (the longest, and
		// redundant beside a name) is what gets cut, never the status.
		title := v.inst.ID
		if v.inst.Name != "" {
			title = v.inst.Name
		}
		line1 := brand + "  " + s.Title.Render(title)
		if v.inst.Status != "" {
			line1 += s.Dim.Render(" · ") + s.statusStyle(v.inst.Status).Render(v.inst.Status)
		}
		line1 += s.Dim.Render(" · " + v.region)
		if v.inst.Name != "" {
			line1 += s.Dim.Render(" · " + v.inst.ID)
		}
		// The update line wraps rather than lose the fetch time's zone at 60 columns.
		head = clip(line1, width) + "\n" + wrapText(v.updateLine(), width)
	}
	if l := v.rebootTimelineLine(); l != "" {
		head += "\n" + clip(l, width)
	}
	if l := v.findingsLine(); l != "" {
		head += "\n" + clipKeepingHint(l, width)
	}
	return head
}

// clipKeepingHint cuts the findings line to width from the summary's end, so the keys that act on
// it (] [ !) stay on screen; the panel (!) lists every finding the cut hides.
func clipKeepingHint(l string, width int) string {
	if ansi.StringWidth(l) <= width {
		return l
	}
	hint := findingsHintSep + findingsHint
	hw := ansi.StringWidth(hint)
	if !strings.HasSuffix(ansi.Strip(l), hint) || hw+8 > width {
		return clip(l, width)
	}
	head := ansi.Truncate(l, ansi.StringWidth(l)-hw, "")
	return ansi.Truncate(head, width-hw, "…") + ansi.TruncateLeft(l, ansi.StringWidth(l)-hw, "")
}

// updateLine is the header's second line: how old the log is, or why there is none.
func (v *viewer) updateLine() string {
	s := v.styles
	switch {
	case v.captures.shown != nil:
		return v.captureHeaderLine()
	case v.unavailable != "":
		return s.Dim.Render("console unavailable")
	case v.have && !v.out.LastUpdate.IsZero():
		line := s.Dim.Render("last update ") + v.clock(v.out.LastUpdate) + s.Dim.Render(", "+v.ago(v.out.LastUpdate))
		if st := v.inst.StartTime; !st.IsZero() && v.out.LastUpdate.Before(st) {
			// The warning before the fetch time: on a narrow screen the less useful part is cut.
			line += "  " + s.Warn.Render("⚠ from a previous boot: the instance started "+v.clock(st))
		}
		return line + v.fetchedPart()
	case v.have && v.out.LastUpdateRaw != "":
		return s.Dim.Render("last update "+v.out.LastUpdateRaw+" (unparsed)") + v.fetchedPart()
	case v.have:
		return s.Dim.Render("last update unknown") + v.fetchedPart()
	case v.loading:
		return v.spinner.View() + s.Dim.Render(" fetching console output…")
	}
	return s.Dim.Render("no console output fetched")
}

// fetchedPart is " · fetched 14:09:22 +08:00": when bootlog got the log, which ECS's last update
// time does not say (a log last updated an hour ago may have been fetched a second ago).
func (v *viewer) fetchedPart() string {
	if v.fetchedAt.IsZero() {
		return ""
	}
	return v.styles.Dim.Render(" · fetched ") + v.clock(v.fetchedAt)
}

// statusView is the viewer's status bar: the search box while it has focus, otherwise the
// position, follow and search state.
func (v *viewer) statusView() string {
	s := v.styles
	if v.jump.typing {
		return v.jump.input.View()
	}
	if v.search.typing {
		status := v.search.input.View()
		if st := v.searchStatus(); st != "" {
			status += "  " + s.Notice.Render(st)
		}
		return status
	}
	var parts []string
	switch {
	case v.compare.open && v.compare.found:
		// The comparison has its own position; the log's is behind it.
		c := &v.compare
		parts = append(parts, fmt.Sprintf("comparison line %d/%d", min(c.lv.TopLine()+1, c.lv.TotalLineCount()), c.lv.TotalLineCount()))
	case v.hasContent():
		// The log's own line numbers, whatever the view adds or hides.
		total := len(v.doc.Plain)
		pos := fmt.Sprintf("line %d/%d", min(v.topLogLine()+1, total), total)
		if v.search.only {
			pos += " (only matching lines)"
		}
		parts = append(parts, pos)
		if b := v.bootStatus(); b != "" {
			parts = append(parts, b)
		}
		parts = append(parts, fmt.Sprintf("%d%%", int(v.lv.ScrollPercent()*100+0.5)))
		if v.lv.Wrap() {
			parts = append(parts, "wrap")
		} else {
			parts = append(parts, "nowrap")
		}
	}
	if v.tail && !v.have {
		parts = append(parts, "the end of the log · indexing the rest")
	}
	if g := v.gotoStatus(); g != "" {
		parts = append(parts, g)
	}
	if f := v.followStatus(); f != "" {
		parts = append(parts, f)
	}
	if st := v.searchStatus(); st != "" {
		parts = append(parts, st)
	}
	for i, p := range parts {
		parts[i] = s.Dim.Render(p)
	}
	if v.loading && v.have {
		// The spinner keeps its own style, as before the status bar wrapped.
		parts = append([]string{v.spinner.View() + s.Dim.Render(" refreshing")}, parts...)
	}
	// Wrapped between parts, never cut: the search and follow states at the end are what the
	// operator acts on.
	return wrapParts(parts, s.Dim.Render(" · "), max(v.width, 1))
}

// View is the log, or the pane that replaces it: the reboot dialog, the screenshot, the capture
// list, or the pane that explains why there is no log.
func (v *viewer) View(width, height int) string {
	switch {
	case v.reboot.confirming:
		return v.rebootDialogView(width, height)
	case v.shot.open:
		return v.screenshotView(width, height)
	case v.vnc.open:
		return v.vncView(width)
	case v.captures.open:
		return v.captureListView(width, height)
	case v.panel.open:
		return v.findingsPanelView(width, height)
	case v.compare.open:
		return v.compareView(width, height)
	}
	if body, ok := v.fileBody(); ok {
		return body
	}
	switch {
	case v.unavailable != "":
		return v.unavailableView(width)
	case !v.have && v.loading:
		return v.styles.Pane.Render(v.spinner.View() + " fetching console output…")
	case !v.have:
		return v.styles.Pane.Render("No console output could be fetched; the error is above.\nr tries again · esc goes back to the list")
	case v.doc.Len() == 0:
		return v.emptyView()
	}
	return v.lv.View()
}

// refreshFailedPrefix is the banner's lead when a refresh failed while an older log is on screen:
// that log is still worth reading, so the banner says how old it is. "" when there is no such log.
func (v *viewer) refreshFailedPrefix() string {
	if v.hasContent() && !v.fetchedAt.IsZero() {
		return "✗ refresh failed; showing the log fetched " + v.ago(v.fetchedAt) + " · "
	}
	return ""
}
