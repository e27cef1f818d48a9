package ui

import (
	"context"
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/imageview"
)

// The screenshot pane: S asks GetInstanceScreenshot for the viewer's instance and shows the
// image in half-block characters, which every true-colour terminal draws (tmux included). ECS
// answers only for Running instances and at most once per 10 s per instance, so bootlog checks
// both before calling: a stopped instance gets an explanation, a second press a countdown.

// screenshotInterval is ECS's minimum gap between two screenshots of one instance.
const screenshotInterval = 10 * time.Second

// shotPane is the viewer's screenshot pane.
type shotPane struct {
	open    bool
	loading bool
	seq     uint64 // the request being waited for

	img    image.Image
	format string // "png" or "jpeg"
	at     time.Time

	// rendered is the half-block picture for rw×rh cells; drawing one costs a resize of the
	// whole image, so it is redone only when the image or the pane size changes.
	rendered string
	rw, rh   int

	// countdown numbers the 1 s ticks of "screenshot available in N s"; a newer press or a new
	// viewer makes older ticks stale.
	countdown uint64
}

// shotLoadedMsg answers a screenshot request; the image is decoded off the UI goroutine.
type shotLoadedMsg struct {
	seq        uint64
	instanceID string
	img        image.Image
	format     string
	at         time.Time
	err        error
}

// shotCountdownMsg refreshes the countdown toast once a second.
type shotCountdownMsg struct {
	seq        uint64
	instanceID string
}

// requestScreenshot fetches a screenshot, or says why it cannot yet.
func (m *Model) requestScreenshot() tea.Cmd {
	v := &m.viewer
	if !m.live() {
		return nil
	}
	if st := v.inst.Status; st != "" && st != "Running" {
		return m.showToast(fmt.Sprintf("no screenshot: %s is %s, and only a Running instance has a screen", m.instanceLabel(), st), toastWarn)
	}
	key := cacheKey(v.region, v.inst.ID)
	if wait := m.screenshotWait(key); wait > 0 {
		return m.startCountdown()
	}
	if m.ops.shotLast == nil {
		m.ops.shotLast = map[string]time.Time{}
	}
	// The call counts against ECS's limit whatever its answer, so the clock starts now.
	m.ops.shotLast[key] = m.now()
	v.shot.open, v.shot.loading, v.shot.seq = true, true, m.nextSeq()
	f, region, id, seq, now := m.f, v.region, v.inst.ID, v.shot.seq, m.now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		shot, err := f.Screenshot(ctx, region, id)
		msg := shotLoadedMsg{seq: seq, instanceID: id, at: now(), err: err}
		if err != nil {
			return msg
		}
		msg.format = imageview.Detect(shot.Image)
		msg.img, msg.err = imageview.Decode(shot.Image)
		return msg
	}
}

// screenshotWait is how long until the instance may be asked again (0 or less: now).
func (m *Model) screenshotWait(key string) time.Duration {
	last, ok := m.ops.shotLast[key]
	if !ok {
		return 0
	}
	return last.Add(screenshotInterval).Sub(m.now())
}

// startCountdown shows "screenshot available in N s" and keeps it current every second.
func (m *Model) startCountdown() tea.Cmd {
	v := &m.viewer
	v.shot.countdown = m.nextSeq()
	return m.countdownStep()
}

// countdownStep shows the remaining wait and schedules the next step, or says the wait is over.
func (m *Model) countdownStep() tea.Cmd {
	v := &m.viewer
	wait := m.screenshotWait(cacheKey(v.region, v.inst.ID))
	if wait <= 0 {
		return m.showToast("screenshot available: press S", toastInfo)
	}
	secs := int(math.Ceil(wait.Seconds()))
	return tea.Batch(
		m.showToast(fmt.Sprintf("screenshot available in %d s", secs), toastInfo),
		m.tick(wait-time.Duration(secs-1)*time.Second, shotCountdownMsg{seq: v.shot.countdown, instanceID: v.inst.ID}),
	)
}

func (msg shotCountdownMsg) applyOps(m *Model) tea.Cmd {
	v := &m.viewer
	if m.screen != screenConsole || msg.seq != v.shot.countdown || msg.instanceID != v.inst.ID {
		return nil
	}
	return m.countdownStep()
}

func (msg shotLoadedMsg) applyOps(m *Model) tea.Cmd {
	v := &m.viewer
	if m.screen != screenConsole || msg.seq != v.shot.seq || msg.instanceID != v.inst.ID || !v.shot.open {
		return nil
	}
	v.shot.loading = false
	if msg.err != nil {
		if v.shot.img == nil {
			v.shot.open = false
		}
		fe, ok := asFetchError(msg.err)
		if ok && fe.Kind == fetch.KindThrottled {
			// ECS counts differently than we do (another client, a clock skew): wait a full interval.
			m.ops.shotLast[cacheKey(v.region, v.inst.ID)] = m.now()
			return m.startCountdown()
		}
		m.banner = &actionError{what: "no screenshot", err: apiRefusal{msg.err}}
		return nil
	}
	v.shot.img, v.shot.format, v.shot.at = msg.img, msg.format, msg.at
	v.shot.rendered, v.shot.rw, v.shot.rh = "", 0, 0
	return nil
}

// closeScreenshot closes the pane; the image is dropped (a new one is a key press away).
func (m *Model) closeScreenshot() {
	v := &m.viewer
	v.shot.open, v.shot.loading, v.shot.img, v.shot.rendered = false, false, nil, ""
	// An answer still on its way is no longer wanted.
	v.shot.seq = m.nextSeq()
}

// screenshotView is the pane: a caption line and the picture centred under it.
func (m *Model) screenshotView() string {
	s, v := m.styles, &m.viewer
	sh := &v.shot
	if sh.img == nil {
		return s.Pane.Render("fetching a screenshot of " + m.instanceLabel() + "…")
	}
	b := sh.img.Bounds()
	caption := s.PaneTitle.Render("Screenshot of "+m.instanceLabel()) +
		s.Dim.Render(fmt.Sprintf(" · %s · %s %d×%d · esc closes", m.clock(sh.at), strings.ToUpper(sh.format), b.Dx(), b.Dy()))
	if sh.loading {
		caption += s.Dim.Render(" · fetching a new one…")
	}
	w, h := m.width, max(m.bodyHeight-1, 1)
	if sh.rendered == "" || sh.rw != w || sh.rh != h {
		sh.rendered, sh.rw, sh.rh = centre(imageview.HalfBlocks(sh.img, w, h), w), w, h
	}
	return m.clip(caption) + "\n" + sh.rendered
}

// centre pads every line of a block whose lines share one width so the block sits in the middle
// of width cells.
func centre(block string, width int) string {
	if block == "" {
		return ""
	}
	lines := strings.Split(block, "\n")
	w := strings.Count(lines[0], "▀")
	pad := strings.Repeat(" ", max((width-w)/2, 0))
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}
