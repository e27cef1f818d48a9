package ui

import (
	"context"
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
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

// onScreenshotKey handles keys while the pane is open: it has them to itself.
func (v *viewer) onScreenshotKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &v.keys
	switch {
	case key.Matches(msg, k.CloseScreenshot):
		v.closeScreenshot()
	case key.Matches(msg, k.Screenshot):
		return v.requestScreenshot()
	}
	return nil
}

// requestScreenshot fetches a screenshot, or says why it cannot yet. The key is offered only for
// a live instance.
func (v *viewer) requestScreenshot() tea.Cmd {
	if st := v.inst.Status; st != "" && st != "Running" {
		return v.showToast(fmt.Sprintf("no screenshot: %s is %s, and only a Running instance has a screen", v.instanceLabel(), st), toastWarn)
	}
	key := cacheKey(v.region, v.inst.ID)
	if wait := v.screenshotWait(key); wait > 0 {
		return v.startCountdown()
	}
	// The call counts against ECS's limit whatever its answer, so the clock starts now.
	v.shotLast[key] = v.now()
	v.shot.open, v.shot.loading, v.shot.seq = true, true, v.nextSeq()
	f, region, id, seq, now := v.f, v.region, v.inst.ID, v.shot.seq, v.now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		shot, err := f.Screenshot(ctx, region, id)
		msg := shotLoadedMsg{seq: seq, instanceID: id, at: now(), err: safeErr(err)}
		if err != nil {
			return msg
		}
		msg.format = imageview.Detect(shot.Image)
		msg.img, err = imageview.Decode(shot.Image)
		msg.err = safeErr(err)
		return msg
	}
}

// screenshotWait is how long until the instance may be asked again (0 or less: now).
func (v *viewer) screenshotWait(key string) time.Duration {
	last, ok := v.shotLast[key]
	if !ok {
		return 0
	}
	return last.Add(screenshotInterval).Sub(v.now())
}

// startCountdown shows "screenshot available in N s" and keeps it current every second.
func (v *viewer) startCountdown() tea.Cmd {
	v.shot.countdown = v.nextSeq()
	return v.countdownStep()
}

// countdownStep shows the remaining wait and schedules the next step, or says the wait is over.
func (v *viewer) countdownStep() tea.Cmd {
	wait := v.screenshotWait(cacheKey(v.region, v.inst.ID))
	if wait <= 0 {
		return v.showToast("screenshot available: press S", toastInfo)
	}
	secs := int(math.Ceil(wait.Seconds()))
	return tea.Batch(
		v.showToast(fmt.Sprintf("screenshot available in %d s", secs), toastInfo),
		v.tick(wait-time.Duration(secs-1)*time.Second, shotCountdownMsg{seq: v.shot.countdown, instanceID: v.inst.ID}),
	)
}

// onShotCountdown refreshes the countdown, unless a newer press or another viewer replaced it.
func (v *viewer) onShotCountdown(msg shotCountdownMsg) tea.Cmd {
	if msg.seq != v.shot.countdown || msg.instanceID != v.inst.ID {
		return nil
	}
	return v.countdownStep()
}

// onShotLoaded shows the screenshot, or says why there is none.
func (v *viewer) onShotLoaded(msg shotLoadedMsg) tea.Cmd {
	if msg.seq != v.shot.seq || msg.instanceID != v.inst.ID || !v.shot.open {
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
			v.shotLast[cacheKey(v.region, v.inst.ID)] = v.now()
			return v.startCountdown()
		}
		v.banner = &actionError{what: "no screenshot", err: apiRefusal{msg.err}}
		return nil
	}
	v.shot.img, v.shot.format, v.shot.at = msg.img, msg.format, msg.at
	v.shot.rendered, v.shot.rw, v.shot.rh = "", 0, 0
	return nil
}

// closeScreenshot closes the pane; the image is dropped (a new one is a key press away).
func (v *viewer) closeScreenshot() {
	v.shot.open, v.shot.loading, v.shot.img, v.shot.rendered = false, false, nil, ""
	// An answer still on its way is no longer wanted.
	v.shot.seq = v.nextSeq()
}

// screenshotView is the pane: a caption line and the picture centred under it.
func (v *viewer) screenshotView(width, height int) string {
	s := v.styles
	sh := &v.shot
	if sh.img == nil {
		return s.Pane.Render("fetching a screenshot of " + v.instanceLabel() + "…")
	}
	b := sh.img.Bounds()
	caption := s.PaneTitle.Render("Screenshot of "+v.instanceLabel()) +
		s.Dim.Render(fmt.Sprintf(" · %s · %s %d×%d · esc closes", v.clock(sh.at), strings.ToUpper(sh.format), b.Dx(), b.Dy()))
	if sh.loading {
		caption += s.Dim.Render(" · fetching a new one…")
	}
	w, h := width, max(height-1, 1)
	if sh.rendered == "" || sh.rw != w || sh.rh != h {
		sh.rendered, sh.rw, sh.rh = centre(imageview.HalfBlocks(sh.img, w, h), w), w, h
	}
	return clip(caption, width) + "\n" + sh.rendered
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
