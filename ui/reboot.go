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

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// Reboot and watch: a confirmed RebootInstance, then a poll of DescribeInstanceStatus every
// rebootPollInterval whose answers build the header's timeline, and, whenever the instance is
// Running, a poll of the console until a LastUpdateTime newer than the one before the reboot
// arrives. That log replaces the old one, shown at its end. Each poll starts only after the
// previous answer, so there is one chain per watch; errors and throttling lengthen the gap.

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

// rebootWatch is the viewer's reboot: the confirmation, then the watch.
type rebootWatch struct {
	confirming bool // the dialog is open

	active     bool   // a reboot was asked for and its new log is awaited
	requesting bool   // RebootInstance has not answered yet
	id         uint64 // names every tick and answer of this watch
	seq        uint64 // the current tick; older ones are dropped
	force      bool
	delay      time.Duration
	cancel     context.CancelFunc

	// baseline and baseData are the log before the reboot: a log is new when ECS reports a later
	// LastUpdateTime, or, when it reported none, different bytes.
	baseline time.Time
	baseData []byte

	// timeline is each status seen, consecutive repeats folded: Running → Stopping → Starting.
	timeline []string
	// doneAt is when the new log arrived; the finished timeline stays in the header.
	doneAt time.Time
}

// rebootDoneMsg answers RebootInstance.
type rebootDoneMsg struct {
	watch      uint64
	instanceID string
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

// rebootConsoleMsg answers a console poll of a watch; doc is rendered off the UI goroutine.
type rebootConsoleMsg struct {
	watch      uint64
	instanceID string
	out        fetch.ConsoleOutput
	doc        console.Document
	fetchedAt  time.Time
	err        error
}

// current reports whether a watch message still belongs to the viewer's watch.
func (m *Model) watchCurrent(watch uint64, instanceID string) bool {
	w := &m.viewer.reboot
	return m.screen == screenConsole && w.active && w.id == watch && m.viewer.inst.ID == instanceID
}

// rebootDialogKey handles the confirmation dialog: reboot, force reboot or cancel.
func (m *Model) rebootDialogKey(msg tea.KeyPressMsg) tea.Cmd {
	k, w := m.keys, &m.viewer.reboot
	switch {
	case key.Matches(msg, k.RebootConfirm):
		w.confirming = false
		return m.startReboot(false)
	case key.Matches(msg, k.RebootForce):
		w.confirming = false
		return m.startReboot(true)
	case key.Matches(msg, k.RebootCancel):
		w.confirming = false
		return m.showToast("reboot cancelled", toastInfo)
	case key.Matches(msg, k.ForceQuit, k.Quit):
		return m.quit()
	}
	return nil
}

// startReboot sends RebootInstance and starts a watch. Nothing is retried here or in fetch: a
// reboot whose answer was lost may already be under way.
func (m *Model) startReboot(force bool) tea.Cmd {
	v := &m.viewer
	if m.cfg.Settings.ReadOnly || !m.live() {
		return nil
	}
	if v.reboot.cancel != nil {
		v.reboot.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	v.reboot = rebootWatch{
		active: true, requesting: true, id: m.nextSeq(), force: force, delay: rebootPollInterval,
		cancel: cancel, baseline: v.out.LastUpdate, baseData: v.out.Data,
	}
	if v.inst.Status != "" {
		v.reboot.timeline = []string{v.inst.Status}
	}
	f, region, id, watch := m.f, v.region, v.inst.ID, v.reboot.id
	return func() tea.Msg {
		return rebootDoneMsg{watch: watch, instanceID: id, err: f.Reboot(ctx, region, id, force)}
	}
}

func (msg rebootDoneMsg) applyOps(m *Model) tea.Cmd {
	if !m.watchCurrent(msg.watch, msg.instanceID) {
		return nil
	}
	w := &m.viewer.reboot
	w.requesting = false
	if msg.err != nil {
		// The refusal (IncorrectInstanceStatus for a stopped instance, Forbidden.RAM, ...) goes to
		// the banner as it is: r would not retry it, so no "refresh failed" framing either.
		w.active = false
		w.timeline = nil
		m.banner = &actionError{what: "not rebooted", err: apiRefusal{msg.err}}
		return nil
	}
	w.seq++
	return tea.Batch(
		m.showToast(fmt.Sprintf("reboot requested: watching %s", m.instanceLabel()), toastInfo),
		m.tick(rebootFirstPoll, rebootTickMsg{watch: w.id, seq: w.seq}),
	)
}

// scheduleRebootPoll plans the watch's next status poll: after rebootPollInterval, or longer
// after a failure (doubling, at least minRebootThrottledDelay after throttling).
func (m *Model) scheduleRebootPoll(err error) tea.Cmd {
	w := &m.viewer.reboot
	var warn tea.Cmd
	switch fe, ok := asFetchError(err); {
	case err == nil:
		w.delay = rebootPollInterval
	case ok && fe.Kind == fetch.KindThrottled:
		w.delay = min(max(w.delay*2, minRebootThrottledDelay), maxRebootPollDelay)
	default:
		w.delay = min(w.delay*2, maxRebootPollDelay)
	}
	if err != nil {
		head, _, _, _ := errorParts(err)
		warn = m.showToast(fmt.Sprintf("reboot watch: %s; next check in %s", head, w.delay), toastWarn)
	}
	w.seq++
	return tea.Batch(warn, m.tick(w.delay, rebootTickMsg{watch: w.id, seq: w.seq}))
}

func (msg rebootTickMsg) applyOps(m *Model) tea.Cmd {
	v := &m.viewer
	w := &v.reboot
	if !m.watchCurrent(msg.watch, v.inst.ID) || msg.seq != w.seq {
		return nil
	}
	f, region, id, watch := m.f, v.region, v.inst.ID, w.id
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		sts, err := f.InstanceStatuses(ctx, region, []string{id})
		msg := rebootStatusMsg{watch: watch, instanceID: id, err: err}
		for _, s := range sts {
			if s.ID == id {
				msg.status = s.Status
			}
		}
		return msg
	}
}

func (msg rebootStatusMsg) applyOps(m *Model) tea.Cmd {
	if !m.watchCurrent(msg.watch, msg.instanceID) {
		return nil
	}
	v := &m.viewer
	w := &v.reboot
	if msg.err != nil {
		return m.scheduleRebootPoll(msg.err)
	}
	if msg.status != "" {
		if n := len(w.timeline); n == 0 || w.timeline[n-1] != msg.status {
			w.timeline = append(w.timeline, msg.status)
		}
		v.inst.Status = msg.status
		m.setListStatus(msg.instanceID, msg.status)
	}
	if msg.status != "Running" {
		return m.scheduleRebootPoll(nil)
	}
	// Running: the new boot may already have written its log. The poll goes on from the answer.
	f, region, id, watch, color, now := m.f, v.region, v.inst.ID, w.id, !m.noColor, m.now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		out, err := f.ConsoleOutput(ctx, region, id)
		msg := rebootConsoleMsg{watch: watch, instanceID: id, out: out, err: err, fetchedAt: now()}
		if err == nil {
			msg.doc = console.Render(out.Data, console.Options{Color: color})
		}
		return msg
	}
}

func (msg rebootConsoleMsg) applyOps(m *Model) tea.Cmd {
	if !m.watchCurrent(msg.watch, msg.instanceID) {
		return nil
	}
	v := &m.viewer
	w := &v.reboot
	if msg.err != nil {
		return m.scheduleRebootPoll(msg.err)
	}
	newer := msg.out.LastUpdate.After(w.baseline) ||
		(w.baseline.IsZero() && msg.out.LastUpdate.IsZero() && !bytes.Equal(msg.out.Data, w.baseData))
	if !newer {
		return m.scheduleRebootPoll(nil)
	}
	m.cache.put(v.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
	// A viewer fetch started before the reboot would answer with the old log; make it stale.
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.gen++
	v.loading = false
	v.lastCheck = msg.fetchedAt
	w.active = false
	w.doneAt = msg.fetchedAt
	w.cancel = nil
	m.banner = nil
	apply := m.applyConsole(msg.out, msg.doc, msg.fetchedAt, true)
	return tea.Batch(apply, m.showToast("new boot log", toastInfo), m.scheduleFollow(nil))
}

// apiRefusal shows an API error in the banner as the operator needs it: kind and code, message,
// hint and RequestId, without the Go call chain ("reboot i-...: RebootInstance: ...").
type apiRefusal struct{ err error }

// Error is the banner text.
func (e apiRefusal) Error() string {
	head, msg, hint, req := errorParts(e.err)
	if req != "" {
		req = "RequestId " + req
	}
	return joinParts(head, msg, hint, req)
}

// Unwrap keeps the *fetch.Error reachable for errors.As.
func (e apiRefusal) Unwrap() error { return e.err }

// setListStatus keeps the instance list's status in step with what the watch saw, so going back
// to the list does not show a stale "Stopping". Column widths depend on names, not statuses.
func (m *Model) setListStatus(id, status string) {
	for i := range m.list.all {
		if m.list.all[i].ID == id {
			m.list.all[i].Status = status
		}
	}
}

// stopWatching ends the watch on Esc. The reboot itself goes on; only bootlog stops looking.
func (m *Model) stopWatching() tea.Cmd {
	w := &m.viewer.reboot
	if w.cancel != nil {
		w.cancel()
	}
	*w = rebootWatch{}
	return m.showToast("stopped watching the reboot; r fetches the log", toastInfo)
}

// instanceLabel names the viewer's instance as "name (id)", or the ID alone.
func (m *Model) instanceLabel() string {
	in := m.viewer.inst
	if in.Name != "" && in.Name != in.ID {
		return in.Name + " (" + in.ID + ")"
	}
	return in.ID
}

// rebootTimelineLine is the header line of a watch: the statuses seen, what is awaited, and
// the key that stops it. It is "" when no reboot was asked for.
func (m *Model) rebootTimelineLine() string {
	s, w := m.styles, &m.viewer.reboot
	if !w.active && w.doneAt.IsZero() {
		return ""
	}
	parts := make([]string, len(w.timeline))
	for i, st := range w.timeline {
		parts[i] = s.statusStyle(st).Render(st)
	}
	what := "reboot"
	if w.force {
		what = "force reboot"
	}
	line := s.Dim.Render(what+": ") + strings.Join(parts, s.Dim.Render(" → "))
	switch {
	case w.requesting:
		line += s.Dim.Render(" · requesting…")
	case w.active:
		line += s.Dim.Render(" · waiting for the new boot log · esc stops watching")
	default:
		line += s.Dim.Render(" · new boot log at " + m.clock(w.doneAt))
	}
	return line
}

// rebootDialogView is the confirmation, centred in the body. It names the instance twice (name
// and ID) because rebooting the wrong one is the mistake it exists to prevent.
func (m *Model) rebootDialogView() string {
	s, v := m.styles, &m.viewer
	key := func(k string) string { return s.Code.Render(fmt.Sprintf("%-10s", k)) }
	lines := []string{
		s.PaneTitle.Render("Reboot " + m.instanceLabel() + "?"),
		"",
		key("y / enter") + " reboot        RebootInstance: the OS shuts down cleanly and starts again",
		key("F") + " force reboot  " + s.Danger.Render("power-cycle (ForceStop): may lose data not yet written to disk"),
		key("n / esc") + " cancel",
		"",
		s.Dim.Render("bootlog then follows the status and shows the new boot log when it arrives."),
	}
	if st := v.inst.Status; st != "" && st != "Running" {
		lines = append(lines, s.Warn.Render("The instance is "+st+": ECS reboots only Running instances."))
	}
	box := s.Dialog.Render(strings.Join(lines, "\n"))
	return lipgloss.Place(m.width, m.bodyHeight, lipgloss.Center, lipgloss.Center, box)
}
