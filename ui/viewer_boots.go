package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/findings"
)

// Boots: a console log is a sequence of boots (the previous boot's shutdown, then firmware and
// GRUB, then a kernel from [0.000000]). findings.FindBoots splits the log; the viewer draws a
// separator line above each boot when there are two or more, says "boot 2 of 3" in the status
// bar, and { and } jump between them. The separators are lines of the view only: the document,
// its line numbers (the gutter shows the log's own) and search never see them.

// findBoots splits plain into boots and anchors each on its own start: the last on lastUpdate,
// earlier ones on a clock line of their own, none later than fetched (see findings.Anchor).
// Times are given in loc, so the separators show the zone the header does. It is pure, so a
// command may run it for a large log.
func findBoots(plain []string, lastUpdate, fetched time.Time, loc *time.Location) findings.Boots {
	if !lastUpdate.IsZero() {
		lastUpdate = lastUpdate.In(loc)
	}
	if !fetched.IsZero() {
		fetched = fetched.In(loc)
	}
	return findings.FindBoots(plain).Anchor(plain, lastUpdate, fetched)
}

// setBoots stores the boots of the text on screen; t is offered when any boot's start is known.
func (v *viewer) setBoots(bs findings.Boots) {
	n := &v.nav
	n.boots = bs
	n.bootKnown = false
	for i := range bs.Count() {
		if _, ok := bs.Boot(i).Start(); ok {
			n.bootKnown = true
			break
		}
	}
}

// bootStatus is the boot part of the status bar, "boot 2 of 3" for the boot at the top of the
// view; "" for a log of one boot.
func (v *viewer) bootStatus() string {
	if !v.hasContent() {
		return ""
	}
	return v.nav.boots.Status(v.bootRef())
}

// bootRef is the log line whose boot the operator is in: the boot last jumped to while the view
// has not moved since (a short last boot cannot scroll to the top of the view, so its separator
// is not on the top line), otherwise the top line.
func (v *viewer) bootRef() int {
	n := &v.nav
	if n.bootJump >= 0 && n.bootJump < n.boots.Count() && v.lv.TopLine() == n.bootJumpTop {
		return n.boots.Boot(n.bootJump).First
	}
	return v.topLogLine()
}

// jumpBoot puts the separator of the next (or previous) boot at the top of the view and names
// the boot in a toast.
func (v *viewer) jumpBoot(forward bool) tea.Cmd {
	n := &v.nav
	bs := n.boots
	top := v.bootRef()
	line, ok := bs.Prev(top)
	if forward {
		line, ok = bs.Next(top)
	}
	if !ok {
		if forward {
			return v.showToast("this is the last boot", toastInfo)
		}
		return v.showToast("this is the first boot", toastInfo)
	}
	v.lv.SetTopLine(v.shownIndex(line))
	n.bootJump, n.bootJumpTop = bs.BootOf(line), v.lv.TopLine()
	return v.showToast(bs.Label(bs.BootOf(line)), toastInfo)
}
