package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/imageview"
)

// testPNG is a 64×32 picture: a dark screen with a light band, enough to see in half blocks.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for y := range 32 {
		for x := range 64 {
			c := color.RGBA{10, 10, 10, 255}
			if y >= 8 && y < 12 {
				c = color.RGBA{200, 200, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func screenshotFetcher(t *testing.T) *fakeFetcher {
	f := standardFetcher()
	pic := testPNG(t)
	f.screenshot = func(id string, n int) (fetch.Screenshot, error) {
		return fetch.Screenshot{InstanceID: id, Image: pic, Format: "png"}, nil
	}
	return f
}

func TestScreenshotPaneOpensAndCloses(t *testing.T) {
	h := openWeb(t, screenshotFetcher(t))
	h.press("S")
	if h.f.count("Screenshot") != 1 || !h.m.viewer.shot.open {
		t.Fatalf("calls %d open %v", h.f.count("Screenshot"), h.m.viewer.shot.open)
	}
	h.mustContain("Screenshot of web-01 (i-bp1webaaaaaaaaaaaaa1) · esc closes, s saves it · 14:09:22 +00:00 · PNG 64×32", "▀")
	h.mustNotContain("Starting unit")
	first := h.m.viewer.shot.rendered
	h.m.View()
	if h.m.viewer.shot.rendered != first {
		t.Fatal("the picture was drawn again for the same size")
	}
	// The 2:1 picture is as large as the pane allows: its height (two pixels per row) is the
	// limit, and it keeps its aspect ratio.
	rows := strings.Split(first, "\n")
	w := strings.Count(rows[0], "▀")
	if len(rows) != h.m.bodyHeight-1 || w != 4*len(rows) {
		t.Fatalf("picture %d×%d cells in a %d×%d pane", w, len(rows), h.m.width, h.m.bodyHeight-1)
	}
	h.press("esc")
	if h.m.viewer.shot.open || h.m.screen != screenConsole {
		t.Fatal("esc did not close the pane")
	}
	h.mustContain("Starting unit")
}

func TestScreenshotCountdownInsteadOfSecondCall(t *testing.T) {
	h := openWeb(t, screenshotFetcher(t))
	h.press("S", "esc")
	now := testNow.Add(3 * time.Second)
	h.m.now = func() time.Time { return now }
	h.press("S")
	if n := h.f.count("Screenshot"); n != 1 {
		t.Fatalf("screenshot calls %d within 10 s", n)
	}
	if h.m.toast.text != "screenshot available in 7 s" || h.m.viewer.shot.open {
		t.Fatalf("toast %q open %v", h.m.toast.text, h.m.viewer.shot.open)
	}
	now = testNow.Add(4 * time.Second)
	h.fireTicks(shotCountdownMsg{})
	if h.m.toast.text != "screenshot available in 6 s" {
		t.Fatalf("countdown %q", h.m.toast.text)
	}
	now = testNow.Add(10 * time.Second)
	h.fireTicks(shotCountdownMsg{})
	if h.m.toast.text != "screenshot available: press S" {
		t.Fatalf("end of countdown %q", h.m.toast.text)
	}
	if _, ok := h.lastTick(shotCountdownMsg{}); ok {
		t.Fatal("countdown kept ticking")
	}
	h.press("S")
	if n := h.f.count("Screenshot"); n != 2 {
		t.Fatalf("calls %d after the interval", n)
	}
}

func TestScreenshotRefusedWhenNotRunning(t *testing.T) {
	h := newHarness(t, screenshotFetcher(t), testConfig(), Options{})
	h.selectID(dbID)
	h.press("enter", "S")
	if n := h.f.count("Screenshot"); n != 0 {
		t.Fatalf("called GetInstanceScreenshot for a stopped instance (%d)", n)
	}
	if h.m.toast.text != "no screenshot: db-01 (i-bp1dbbbbbbbbbbbbbbb2) is Stopped, and only a Running instance has a screen" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}

func TestScreenshotThrottledAnswerCountsDown(t *testing.T) {
	f := standardFetcher()
	f.screenshot = func(id string, n int) (fetch.Screenshot, error) {
		return fetch.Screenshot{}, &fetch.Error{Kind: fetch.KindThrottled, Op: "GetInstanceScreenshot", Code: "Throttling"}
	}
	h := openWeb(t, f)
	h.press("S")
	if h.m.viewer.shot.open || h.m.banner != nil {
		t.Fatalf("open %v banner %v", h.m.viewer.shot.open, h.m.banner)
	}
	if h.m.toast.text != "screenshot available in 10 s" {
		t.Fatalf("toast %q", h.m.toast.text)
	}
}

func TestScreenshotErrorGoesToBanner(t *testing.T) {
	f := standardFetcher()
	f.screenshot = func(id string, n int) (fetch.Screenshot, error) {
		return fetch.Screenshot{Image: []byte("not an image")}, nil
	}
	h := openWeb(t, f)
	h.press("S")
	if h.m.viewer.shot.open {
		t.Fatal("pane open without a picture")
	}
	h.mustContain("✗ no screenshot:")
}

func TestScreenshotAnswerForAnotherInstanceDropped(t *testing.T) {
	h := openWeb(t, screenshotFetcher(t))
	h.m.viewer.shot.open, h.m.viewer.shot.seq = true, 42
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	h.send(shotLoadedMsg{seq: 42, instanceID: dbID, img: img, format: "png"})
	h.send(shotLoadedMsg{seq: 41, instanceID: webID, img: img, format: "png"})
	if h.m.viewer.shot.img != nil {
		t.Fatal("a stale screenshot was shown")
	}
	h.send(shotLoadedMsg{seq: 42, instanceID: webID, img: img, format: "png"})
	if h.m.viewer.shot.img == nil {
		t.Fatal("the current screenshot was dropped")
	}
}

func TestGoldenScreenshot(t *testing.T) {
	h := openWeb(t, screenshotFetcher(t))
	h.press("S")
	requireScreen(t, h)
}

// TestScreenshotKittyGraphics: in a kitty-graphics terminal the pane keeps its lines blank and a
// command draws the picture over them a frame later, below the caption; a resize redraws it and
// closing deletes it.
func TestScreenshotKittyGraphics(t *testing.T) {
	h := openWeb(t, screenshotFetcher(t))
	h.m.viewer.handoff.gfx = imageview.Choice{Protocol: imageview.ProtocolKitty}
	h.press("S")
	h.mustContain("Screenshot of web-01", "s saves it")
	h.mustNotContain("▀")
	tick, ok := h.lastTick(shotDrawMsg{})
	if !ok {
		t.Fatal("no draw scheduled")
	}
	_, cmd := h.m.Update(tick)
	var raw string
	for _, m := range collectMsgs(cmd) {
		if r, ok := m.(tea.RawMsg); ok {
			raw += fmt.Sprint(r.Msg)
		}
	}
	// Drawn at the body's second row (after the caption), 1-based, with kitty's APC sequences.
	pos := fmt.Sprintf("\x1b[%d;", h.m.viewer.bodyTop+2)
	if !strings.Contains(raw, "\x1b_G") || !strings.Contains(raw, pos) {
		t.Fatalf("draw sequence %q lacks the image or the position %q", raw[:min(len(raw), 80)], pos)
	}
	h.ticks = nil
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, ok := h.lastTick(shotDrawMsg{}); !ok {
		t.Fatal("a resize did not redraw the picture")
	}
	// The draw planned before the resize is stale.
	_, stale := h.m.Update(tick)
	if len(collectMsgs(stale)) != 0 {
		t.Fatal("a superseded draw still drew")
	}
	_, cmd = h.m.Update(keyMsg("esc"))
	cleared := false
	for _, m := range collectMsgs(cmd) {
		if r, ok := m.(tea.RawMsg); ok && strings.Contains(fmt.Sprint(r.Msg), "a=d") {
			cleared = true
		}
	}
	if !cleared || h.m.viewer.shot.open {
		t.Fatal("closing did not delete the kitty image")
	}
}

func TestScreenshotSavedAsPNG(t *testing.T) {
	dir := t.TempDir()
	f := screenshotFetcher(t)
	h := newHarness(t, f, testConfig(), Options{SaveDir: dir})
	h.selectID(webID)
	h.press("enter", "S")
	if !h.m.keys.SaveShot.Enabled() {
		t.Fatal("s is not offered in the pane")
	}
	h.press("s")
	want := filepath.Join(dir, "bootlog-"+webID+"-20261126T140922Z.png")
	b, err := os.ReadFile(want)
	if err != nil || !bytes.Equal(b, testPNG(t)) {
		t.Fatalf("saved %d bytes, %v", len(b), err)
	}
	if fi, _ := os.Stat(want); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", fi.Mode().Perm())
	}
	if h.m.toast.text != "saved "+want {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	// The same screenshot again: never overwritten.
	os.WriteFile(want, []byte("notes"), 0o600)
	h.press("s")
	if b, _ := os.ReadFile(want); string(b) != "notes" || h.m.banner == nil || !strings.Contains(h.m.banner.Error(), "already exists") {
		t.Fatalf("second save: banner %v", h.m.banner)
	}
}
