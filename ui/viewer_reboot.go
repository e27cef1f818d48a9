package ui

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// Reboot (or start) and watch: a confirmed RebootInstance, or StartInstance for a Stopped
// instance, then a poll of DescribeInstanceStatus every rebootPollInterval whose answers build the
// header's timeline, and, whenever the instance is Running, a poll of the console until a
// LastUpdateTime newer than the one before the request arrives. That log replaces the old one,
// shown at its end. Each poll starts only after the previous answer, so there is one chain per
// watch; errors and throttling lengthen the gap.

// Reboot watch timing.
const (
	rebootPollInterval = 2 * time.Second
	// rebootFirstPoll is sooner than the interval: Stopping lasts only seconds and is the proof
	// that the reboot has begun.
	rebootFirstPoll    = 500 * time.Millisecond
	maxRebootPollDelay = 30 * time.Second
	// minRebootThrottledDelay is the gap after ECS said Throttling.
	minRebootThrottledDelay = 10 * time.Second
)

// rebootDoneMsg answers RebootInstance or StartInstance.
type rebootDoneMsg struct {
	watch      uint64
	instanceID string
	requestID  string // StartInstance's; RebootInstance reports none
	err        error
}

// rebootTickMsg asks for the next status poll of a watch.
type rebootTickMsg struct {
	watch uint64
	seq   uint64
}

// rebootStatusMsg answers DescribeInstanceStatus for the watched instance; status is "" when
// ECS did not list it.
type rebootStatusMsg struct {
	watch      uint64
	instanceID string
	status     string
	err        error
}

// rebootConsoleMsg answers a console poll of a watch.
type rebootConsoleMsg struct {
	watch      uint64
	instanceID string
	consoleResult
}

// watchCurrent reports whether a watch message still belongs to the viewer's watch.
func (v *viewer) watchCurrent(watch uint64, instanceID string) bool {
	w := &v.reboot
	return w.active && w.id == watch && v.inst.ID == instanceID
}

// startsInstead reports whether B starts the instance rather than rebooting it: ECS reboots only
// Running instances, and a Stopped one needs StartInstance.
func (v *viewer) startsInstead() bool { return v.inst.Status == "Stopped" }

// openRebootDialog asks for confirmation of the action B offers now.
func (v *viewer) openRebootDialog() {
	v.reboot.confirming = true
	v.reboot.dialogStart = v.startsInstead()
}

// onRebootDialogKey handles the confirmation dialog: reboot, force reboot (or start) or cancel.
// Only y and F confirm: Enter, pressed out of habit, must not power-cycle a server.
func (v *viewer) onRebootDialogKey(msg tea.KeyPressMsg) tea.Cmd {
	k, w := &v.keys, &v.reboot
	switch {
	case key.Matches(msg, k.RebootConfirm):
		w.confirming = false
		return v.startReboot(false, w.dialogStart)
	case key.Matches(msg, k.RebootForce):
		w.confirming = false
		return v.startReboot(true, false)
	case key.Matches(msg, k.RebootCancel):
		w.confirming = false
		return v.showToast(w.verbFor(w.dialogStart)+" cancelled", toastInfo)
	}
	return nil
}

// startReboot sends RebootInstance (or StartInstance when start is set) and starts a watch.
// Nothing is retried here or in fetch: a request whose answer was lost may already be under way.
// The dialog that leads here is offered only for a live instance without --readonly.
func (v *viewer) startReboot(force, start bool) tea.Cmd {
	if v.reboot.cancel != nil {
		v.reboot.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	v.reboot = rebootWatch{
		active: true, requesting: true, id: v.nextSeq(), force: force, start: start, poll: newRebootPoll(),
		cancel: cancel, baseline: v.out.LastUpdate, baseData: v.out.Data, requestedAt: v.now(),
	}
	if v.inst.Status != "" {
		v.reboot.timeline = []string{v.inst.Status}
		v.reboot.stamps = []time.Time{v.reboot.requestedAt}
	}
	f, region, id, watch := v.f, v.region, v.inst.ID, v.reboot.id
	if start {
		return func() tea.Msg {
			req, err := f.Start(ctx, region, id)
			return rebootDoneMsg{watch: watch, instanceID: id, requestID: console.SafeLine(req), err: safeErr(err)}
		}
	}
	return func() tea.Msg {
		return rebootDoneMsg{watch: watch, instanceID: id, err: safeErr(f.Reboot(ctx, region, id, force))}
	}
}

// verbFor names the action: "start" or "reboot".
func (w *rebootWatch) verbFor(start bool) string {
	if start {
		return "start"
	}
	return "reboot"
}

// verb names the watch's action.
func (w *rebootWatch) verb() string { return w.verbFor(w.start) }

// newRebootPoll paces the watch's status polls.
func newRebootPoll() fetch.PollBackoff {
	return fetch.PollBackoff{Base: rebootPollInterval, Max: maxRebootPollDelay, Throttled: minRebootThrottledDelay}
}

// onRebootDone starts the status polls once ECS has accepted the reboot.
func (v *viewer) onRebootDone(msg rebootDoneMsg) tea.Cmd {
	if !v.watchCurrent(msg.watch, msg.instanceID) {
		return nil
	}
	w := &v.reboot
	w.requesting = false
	v.noteRequestID(msg.requestID)
	if msg.err != nil {
		v.noteErrRequestID(msg.err)
		// The refusal (IncorrectInstanceStatus for a stopped instance, Forbidden.RAM, ...) goes to
		// the banner as it is: r would not retry it, so no "refresh failed" framing either.
		w.active = false
		w.timeline = nil
		v.banner = &actionError{what: "not " + w.verb() + "ed", err: apiRefusal{msg.err}}
		return nil
	}
	w.seq++
	return tea.Batch(
		v.showToast(fmt.Sprintf("%s requested: watching %s", w.verb(), v.instanceLabel()), toastInfo),
		v.tick(rebootFirstPoll, rebootTickMsg{watch: w.id, seq: w.seq}),
	)
}

// scheduleRebootPoll plans the watch's next status poll: after rebootPollInterval, or longer
// after a failure (doubling, at least minRebootThrottledDelay after throttling).
func (v *viewer) scheduleRebootPoll(err error) tea.Cmd {
	w := &v.reboot
	delay := w.poll.Next(err)
	var warn tea.Cmd
	if err != nil {
		head, _, _, _ := errorParts(err)
		warn = v.showToast(fmt.Sprintf("%s watch: %s; next check in %s", w.verb(), head, delay), toastWarn)
	}
	w.seq++
	return tea.Batch(warn, v.tick(delay, rebootTickMsg{watch: w.id, seq: w.seq}))
}

// onRebootTick polls the watched instance's status.
func (v *viewer) onRebootTick(msg rebootTickMsg) tea.Cmd {
	w := &v.reboot
	if !v.watchCurrent(msg.watch, v.inst.ID) || msg.seq != w.seq {
		return nil
	}
	f, region, id, watch := v.f, v.region, v.inst.ID, w.id
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		sts, err := f.InstanceStatuses(ctx, region, []string{id})
		msg := rebootStatusMsg{watch: watch, instanceID: id, err: safeErr(err)}
		for _, s := range sts {
			if s.ID == id {
				msg.status = console.SafeLine(s.Status)
			}
		}
		return msg
	}
}

// onRebootStatus adds a status to the timeline and, once the instance is Running, polls its
// console for the new boot's log.
func (v *viewer) onRebootStatus(msg rebootStatusMsg) tea.Cmd {
	if !v.watchCurrent(msg.watch, msg.instanceID) {
		return nil
	}
	w := &v.reboot
	if msg.err != nil {
		return v.scheduleRebootPoll(msg.err)
	}
	var listed tea.Cmd
	if msg.status != "" {
		if n := len(w.timeline); n == 0 || w.timeline[n-1] != msg.status {
			w.timeline = append(w.timeline, msg.status)
			w.stamps = append(w.stamps, v.now())
		}
		v.inst.Status = msg.status
		listed = v.send(instanceStatusMsg{instanceID: msg.instanceID, status: msg.status})
	}
	if msg.status != "Running" {
		return tea.Batch(listed, v.scheduleRebootPoll(nil))
	}
	// Running: the new boot may already have written its log. The poll goes on from the answer.
	region, id, watch := v.region, v.inst.ID, w.id
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	return tea.Batch(listed, v.fetchConsoleCmd(ctx, cancel, region, id, func(r consoleResult) tea.Msg {
		return rebootConsoleMsg{watch: watch, instanceID: id, consoleResult: r}
	}))
}

// newBootLog reports whether a console poll of the watch brought the new boot's log, which ends
// the watch; otherwise it plans the next poll. The viewer shows the log (onRebootConsole).
func (v *viewer) newBootLog(msg rebootConsoleMsg) (arrived bool, next tea.Cmd) {
	if !v.watchCurrent(msg.watch, msg.instanceID) {
		return false, nil
	}
	w := &v.reboot
	if msg.err != nil {
		return false, v.scheduleRebootPoll(msg.err)
	}
	newer := msg.out.LastUpdate.After(w.baseline) ||
		(w.baseline.IsZero() && msg.out.LastUpdate.IsZero() && !bytes.Equal(msg.out.Data, w.baseData))
	if !newer {
		return false, v.scheduleRebootPoll(nil)
	}
	w.active = false
	w.doneAt = msg.fetchedAt
	w.cancel = nil
	return true, nil
}

// stopWatching ends the watch on Esc. The reboot itself goes on; only bootlog stops looking.
func (v *viewer) stopWatching() tea.Cmd {
	w := &v.reboot
	if w.cancel != nil {
		w.cancel()
	}
	verb := w.verb()
	*w = rebootWatch{}
	return v.showToast("stopped watching the "+verb+"; r fetches the log", toastInfo)
}

// rebootTimelineLine is the header line of a watch: the statuses seen, what is awaited, and
// the key that stops it. Without a watch it is the console-link suggestion when the log ends at
// an emergency prompt, and otherwise "".
func (v *viewer) rebootTimelineLine() string {
	s, w := v.styles, &v.reboot
	if !w.active && w.doneAt.IsZero() {
		// Nothing to watch: the line advises the console link instead when the log asks for it.
		return v.rescueSuggestion()
	}
	what := w.verb()
	if w.force {
		what = "force reboot"
	}
	var state, short string
	switch {
	case w.requesting:
		state, short = " · requesting…", " · requesting…"
	case w.active:
		state, short = " · waiting for the new boot log · esc stops watching", " · esc stops watching"
	default:
		state, short = " · new boot log at "+v.clock(w.doneAt), " · log at "+v.clock(w.doneAt)
	}
	// The fullest form that fits the window: what is awaited and the key that stops it matter
	// more than the early statuses, which go first ("… → Running").
	statuses := w.timeline
	for {
		line := s.Dim.Render(what+": ") + v.timelineStatuses(statuses, len(statuses) < len(w.timeline))
		for _, tail := range []string{state, short} {
			if l := line + s.Dim.Render(tail); v.width <= 0 || ansi.StringWidth(l) <= v.width {
				return l
			}
		}
		if len(statuses) <= 1 {
			return line + s.Dim.Render(short)
		}
		statuses = statuses[1:]
	}
}

// timelineStatuses joins statuses with arrows, after "… → " when earlier ones were left out.
func (v *viewer) timelineStatuses(statuses []string, cut bool) string {
	s := v.styles
	parts := make([]string, 0, len(statuses)+1)
	if cut {
		parts = append(parts, s.Dim.Render("…"))
	}
	for _, st := range statuses {
		parts = append(parts, s.statusStyle(st).Render(st))
	}
	return strings.Join(parts, s.Dim.Render(" → "))
}

// rebootDialogView is the confirmation, centred in the body. It names the instance twice (name
// and ID) because rebooting the wrong one is the mistake it exists to prevent. Every line wraps
// to the body's width, so the choices and their consequences are never cut; when the box is
// taller than the body, the blank lines, the note and the padding go first (at 60×15 the box
// still has its four borders and every choice).
func (v *viewer) rebootDialogView(width, height int) string {
	s := v.styles
	frame := s.Dialog
	box := v.rebootDialogBox(frame, width)
	if lipgloss.Height(box) > height {
		frame = frame.Padding(0, 1)
		box = v.rebootDialogBox(frame, width)
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}

// rebootDialogBox lays the dialog out in frame, within width cells; the compact form (a frame
// without vertical padding) leaves out the blank lines and the note.
func (v *viewer) rebootDialogBox(frame lipgloss.Style, width int) string {
	s := v.styles
	compact := frame.GetPaddingTop() == 0
	inner := max(width-frame.GetHorizontalFrameSize(), 20)
	const keyW = 8
	choice := func(k, what string, render func(...string) string) string {
		text := wrapText(what, max(inner-keyW, 10))
		body := strings.Split(text, "\n")
		for i, l := range body {
			body[i] = render(l)
		}
		return s.Code.Render(fmt.Sprintf("%-*s", keyW, k)) + strings.Join(body, "\n"+strings.Repeat(" ", keyW))
	}
	plain := func(ss ...string) string { return strings.Join(ss, "") }
	var lines []string
	add := func(optional bool, ls ...string) {
		if optional && compact {
			return
		}
		lines = append(lines, ls...)
	}
	if v.reboot.dialogStart {
		add(false, s.PaneTitle.Render(wrapText("Start "+v.instanceLabel()+"?", inner)))
		add(true, "")
		add(false, choice("y", "start: StartInstance boots the stopped instance", plain))
	} else {
		add(false, s.PaneTitle.Render(wrapText("Reboot "+v.instanceLabel()+"?", inner)))
		add(true, "")
		add(false, choice("y", "reboot: RebootInstance shuts the OS down cleanly and starts it again", plain),
			choice("F", "force reboot: a power-cycle (ForceStop) that may lose data not yet written to disk", s.Danger.Render))
	}
	add(false, choice("n / esc", "cancel", plain))
	add(true, "", s.Dim.Render(wrapText("bootlog then follows the status and shows the new boot log when it arrives.", inner)))
	if st := v.inst.Status; !v.reboot.dialogStart && st != "" && st != "Running" {
		add(false, s.Warn.Render(wrapText("The instance is "+st+": ECS reboots only Running instances.", inner)))
	}
	return frame.Render(strings.Join(lines, "\n"))
}
