package ui

import (
	"context"
	"fmt"
	"image"
	"math"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/imageview"
)

// The screenshot pane: S asks GetInstanceScreenshot for the viewer's instance and shows the
// image full-size with kitty graphics or sixel where the terminal draws them (imageview.Choose,
// decided once at start; through tmux only when the tmux_graphics setting says tmux passes them
// on), and in half-block characters otherwise, which every true-colour terminal draws. ECS
// answers only for Running instances and at most once per 10 s per instance, so bootlog checks
// both before calling: a stopped instance gets an explanation, a second press a countdown. s
// saves the image as ECS sent it. Windows instances, which have no serial log, have this.
//
// Graphics are not text: Bubble Tea's renderer cannot place them, so the pane draws blank lines
// and a command writes the image over them one frame later (shotDrawDelay), at the pane's
// position; closing the pane deletes kitty images and repaints the screen.

// screenshotInterval is ECS's minimum gap between two screenshots of one instance.
const screenshotInterval = 10 * time.Second

// shotDrawDelay lets the renderer put the pane's blank lines on screen before the graphics are
// written over them: a frame at 60 fps is 17 ms.
const shotDrawDelay = 50 * time.Millisecond

// shotLoadedMsg answers a screenshot request; the image is decoded off the UI goroutine.
type shotLoadedMsg struct {
	seq        uint64
	instanceID string
	img        image.Image
	data       []byte // as ECS sent it, for s
	requestID  string
	format     string
	at         time.Time
	err        error
}

// shotDrawMsg asks for the graphics of the pane once its blank lines are on screen.
type shotDrawMsg struct {
	seq  uint64
	draw uint64
}

// shotSavedMsg answers s in the pane.
type shotSavedMsg struct {
	path string
	err  error
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
		return v.closeScreenshot()
	case key.Matches(msg, k.Screenshot):
		return v.requestScreenshot()
	case key.Matches(msg, k.SaveShot):
		return v.saveShotCmd()
	}
	return nil
}

// graphics reports whether the pane draws with a terminal graphics protocol.
func (v *viewer) graphics() bool {
	p := v.handoff.gfx.Protocol
	return p == imageview.ProtocolKitty || p == imageview.ProtocolSixel
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
		msg.format, msg.data, msg.requestID = imageview.Detect(shot.Image), shot.Image, console.SafeLine(shot.RequestID)
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
	v.noteRequestID(msg.requestID)
	if msg.err != nil {
		v.noteErrRequestID(msg.err)
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
	v.shot.img, v.shot.format, v.shot.at, v.shot.data = msg.img, msg.format, msg.at, msg.data
	v.shot.rendered, v.shot.rw, v.shot.rh = "", 0, 0
	// The bundle keeps the last screenshot even after the pane is closed.
	v.lastShot, v.lastShotAt = msg.data, msg.at
	return v.scheduleShotDraw()
}

// scheduleShotDraw asks for the graphics to be (re)drawn a frame from now; nothing in half-block
// mode, where the picture is text.
func (v *viewer) scheduleShotDraw() tea.Cmd {
	if !v.graphics() || !v.shot.open || v.shot.img == nil {
		return nil
	}
	v.shot.draw++
	return v.tick(shotDrawDelay, shotDrawMsg{seq: v.shot.seq, draw: v.shot.draw})
}

// onShotResize redraws the graphics for the new pane size (the root calls it on a resize).
func (v *viewer) onShotResize() tea.Cmd {
	if !v.graphics() || !v.shot.open {
		return nil
	}
	clear := tea.Cmd(nil)
	if v.handoff.gfx.Protocol == imageview.ProtocolKitty {
		clear = tea.Raw(imageview.ClearKitty(v.handoff.gfx.Passthrough))
	}
	return tea.Batch(clear, v.scheduleShotDraw())
}

// onShotDraw writes the picture over the pane's blank lines: below the caption, centred. The
// encoding (PNG for kitty, sixel bands) runs in the command.
func (v *viewer) onShotDraw(msg shotDrawMsg) tea.Cmd {
	sh := &v.shot
	if msg.seq != sh.seq || msg.draw != sh.draw || !sh.open || sh.img == nil {
		return nil
	}
	img, gfx := sh.img, v.handoff.gfx
	cols, rows := v.width, max(v.height-1, 1)
	b := img.Bounds()
	c, _ := imageview.Fit(b.Dx(), b.Dy(), cols, 2*rows)
	// Rows and columns are 1-based; the caption takes the pane's first row.
	x, y := max((cols-c)/2, 0)+1, v.bodyTop+2
	kitty := gfx.Protocol == imageview.ProtocolKitty
	return func() tea.Msg {
		seq, err := imageview.Render(img, cols, rows, gfx, 0, 0)
		if err != nil {
			return nil
		}
		pre := ""
		if kitty {
			// One picture at a time: the previous one (another size) goes first.
			pre = imageview.ClearKitty(gfx.Passthrough)
		}
		return tea.RawMsg{Msg: pre + ansi.SaveCursor + ansi.CursorPosition(x, y) + seq + ansi.RestoreCursor}
	}
}

// closeScreenshot closes the pane; the image is dropped (a new one is a key press away). Drawn
// graphics are removed: kitty's by deleting them, sixel's by repainting the screen.
func (v *viewer) closeScreenshot() tea.Cmd {
	drawn := v.graphics() && v.shot.img != nil
	v.shot.open, v.shot.loading, v.shot.img, v.shot.rendered, v.shot.data = false, false, nil, "", nil
	// An answer still on its way is no longer wanted.
	v.shot.seq = v.nextSeq()
	if !drawn {
		return nil
	}
	if v.handoff.gfx.Protocol == imageview.ProtocolKitty {
		return tea.Raw(imageview.ClearKitty(v.handoff.gfx.Passthrough))
	}
	return tea.ClearScreen
}

// saveShotCmd writes the screenshot, as ECS sent it, to a new 0600 file in the save directory.
func (v *viewer) saveShotCmd() tea.Cmd {
	dir, name := v.handoff.saveDir, imageview.ImageFileName(v.inst.ID, v.shot.data, v.shot.at)
	data := v.shot.data
	return func() tea.Msg {
		path := filepath.Join(dir, name)
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		err := imageview.SaveImage(path, data)
		return shotSavedMsg{path: console.SafeLine(path), err: safeErr(err)}
	}
}

// onShotSaved shows the full path saved to, or why nothing was.
func (v *viewer) onShotSaved(msg shotSavedMsg) tea.Cmd {
	if msg.err != nil {
		v.banner = &actionError{what: "screenshot not saved", err: msg.err}
		return nil
	}
	v.clearActionBanner()
	return v.showToast("saved "+msg.path, toastInfo)
}

// screenshotView is the pane: a caption line and the picture centred under it.
func (v *viewer) screenshotView(width, height int) string {
	s := v.styles
	sh := &v.shot
	if sh.img == nil {
		return s.Pane.Render("fetching a screenshot of " + v.instanceLabel() + "…")
	}
	b := sh.img.Bounds()
	// One line (the picture is drawn under it): what the keys do comes before the details, so a
	// narrow pane clips the details, never the keys.
	caption := s.PaneTitle.Render("Screenshot of "+v.instanceLabel()) + s.Dim.Render(" · esc closes, s saves it")
	if sh.loading {
		caption += s.Dim.Render(" · fetching a new one…")
	}
	caption += s.Dim.Render(fmt.Sprintf(" · %s · %s %d×%d", v.clock(sh.at), strings.ToUpper(sh.format), b.Dx(), b.Dy()))
	if v.graphics() {
		// The picture is written over these lines by onShotDraw.
		return clip(caption, width)
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
