package ui

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/bundle"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
)

// The incident bundle: X writes one tar.gz (ui/bundle) with the log as shown and as received,
// its findings, the latest screenshot, the reboot or start timeline and every RequestId seen,
// into the save directory, 0600, never over a file; the toast names the full path.

// maxRequestIDs bounds the RequestIds a viewer keeps for the bundle; a follow left running for
// days must not grow the list without end. The oldest go first.
const maxRequestIDs = 500

// bundleWrittenMsg answers X.
type bundleWrittenMsg struct {
	path string
	err  error
}

// noteRequestID records a RequestId the viewer's instance was answered with: a support ticket
// names them.
func (v *viewer) noteRequestID(id string) {
	v.requestIDs = bundle.AddRequestID(v.requestIDs, console.SafeLine(id), maxRequestIDs)
}

// noteErrRequestID records the RequestId of a refused call.
func (v *viewer) noteErrRequestID(err error) {
	if fe, ok := asFetchError(err); ok {
		v.noteRequestID(fe.RequestID)
	}
}

// bundleCmd gathers what the viewer holds and writes the archive in a command. The findings are
// scanned again there over the log as received (not the wall-clock rewrite of t), so the bundle
// never waits for an off-thread scan.
func (v *viewer) bundleCmd() tea.Cmd {
	plain := v.doc.Plain
	if v.nav.wallClock {
		plain = v.nav.raw.Plain
	}
	ids := append([]string(nil), v.requestIDs...)
	ids = bundle.AddRequestID(ids, console.SafeLine(v.out.RequestID), maxRequestIDs+1)
	b := bundle.Bundle{
		Instance: bundle.Instance{
			ID: v.inst.ID, Name: v.inst.Name, Region: v.region, Status: v.inst.Status,
			OSType: v.inst.OSType, OSName: v.inst.OSName, LastUpdate: v.out.LastUpdate, FetchedAt: v.fetchedAt,
		},
		CreatedAt:  v.now(),
		Text:       plain,
		Raw:        v.out.Data,
		Timeline:   v.bundleTimeline(),
		RequestIDs: ids,
		Screenshot: v.lastShot,
	}
	dir, rules := v.handoff.saveDir, v.findingRules()
	return func() tea.Msg {
		b.Findings = bundle.FromFindings(findings.Scan(b.Text, rules))
		path := filepath.Join(dir, bundle.FileName(b.Instance.ID, b.CreatedAt))
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		err := bundle.Write(path, b)
		return bundleWrittenMsg{path: console.SafeLine(path), err: safeErr(err)}
	}
}

// bundleTimeline is the watch's timeline with times: the action requested, then each status.
func (v *viewer) bundleTimeline() []bundle.Event {
	w := &v.reboot
	if len(w.timeline) == 0 {
		return nil
	}
	action := w.verb()
	if w.force {
		action = "force reboot"
	}
	out := make([]bundle.Event, 0, len(w.timeline)+1)
	for i, st := range w.timeline {
		at := w.requestedAt
		if i < len(w.stamps) {
			at = w.stamps[i]
		}
		e := bundle.Event{At: at, Status: st}
		if i == 0 {
			e.Action = action
		}
		out = append(out, e)
	}
	if !w.doneAt.IsZero() {
		out = append(out, bundle.Event{At: w.doneAt, Status: "new boot log"})
	}
	return out
}

// onBundleWritten names the archive's full path, or says why there is none.
func (v *viewer) onBundleWritten(msg bundleWrittenMsg) tea.Cmd {
	if msg.err != nil {
		v.banner = &actionError{what: "no bundle", err: msg.err}
		return nil
	}
	v.clearActionBanner()
	return v.showToast("incident bundle saved "+msg.path, toastInfo)
}
