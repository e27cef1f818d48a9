package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// The end-to-end test drives the real binary the way an operator does: in tmux, with keystrokes
// (send-keys), reading the screen (capture-pane). It runs `bootlog --demo` with the demo emulator
// on a known port, so the test can reboot an instance through the emulator's API while bootlog
// follows its console.

// tmuxServers numbers the tmux servers of this test process, so every test (and every session
// within one) gets a socket of its own and a leftover server can never answer another test.
var tmuxServers atomic.Int64

// tmuxSession is one tmux server (its own socket, so the test never touches the user's tmux).
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func newTmux(t *testing.T, env []string, width, height int, command ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("bootlog-e2e-%d-%d", os.Getpid(), tmuxServers.Add(1)), name: "e2e"}
	args := append([]string{"new-session", "-d", "-s", s.name, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height)}, command...)
	cmd := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	// tmux leaves its socket file behind when the server ends; remove it with the server.
	path, _ := s.tmux("display-message", "-p", "#{socket_path}")
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", s.socket, "kill-server").Run()
		if p := strings.TrimSpace(path); strings.HasSuffix(p, "/"+s.socket) {
			_ = os.Remove(p)
		}
	})
	return s
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

// keys types keys; each argument is one tmux key name or a literal string.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.tmux("send-keys", "-t", s.name, k); err != nil {
			s.t.Fatalf("send-keys %q: %v %s", k, err, out)
		}
		// A human does not type faster than the program reads. After Esc wait out tmux's
		// escape-time (500 ms), or Esc and the next key arrive as one Alt sequence.
		pause := 80 * time.Millisecond
		if k == "Escape" {
			pause = 700 * time.Millisecond
		}
		time.Sleep(pause)
	}
}

func (s *tmuxSession) screen() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", s.name)
	return out
}

// waitFor polls the screen until it contains want.
func (s *tmuxSession) waitFor(want string, timeout time.Duration) string {
	s.t.Helper()
	scr, ok := s.poll(func(scr string) bool { return strings.Contains(scr, want) }, timeout)
	if !ok {
		s.t.Fatalf("screen never showed %q within %s; screen:\n%s", want, timeout, scr)
	}
	return scr
}

// waitGone polls the screen until it no longer contains gone (a dialog or panel closed).
func (s *tmuxSession) waitGone(gone string, timeout time.Duration) string {
	s.t.Helper()
	scr, ok := s.poll(func(scr string) bool { return !strings.Contains(scr, gone) }, timeout)
	if !ok {
		s.t.Fatalf("screen still showed %q after %s; screen:\n%s", gone, timeout, scr)
	}
	return scr
}

// waitMatch polls the screen until re matches it, and returns the screen and the submatches.
func (s *tmuxSession) waitMatch(re *regexp.Regexp, timeout time.Duration) (string, []string) {
	s.t.Helper()
	scr, ok := s.poll(func(scr string) bool { return re.MatchString(scr) }, timeout)
	if !ok {
		s.t.Fatalf("screen never matched %s within %s; screen:\n%s", re, timeout, scr)
	}
	return scr, re.FindStringSubmatch(scr)
}

// poll captures the screen until done accepts it or timeout passes; it returns the last screen.
func (s *tmuxSession) poll(done func(screen string) bool, timeout time.Duration) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		scr := s.screen()
		if done(scr) {
			return scr, true
		}
		if time.Now().After(deadline) {
			return scr, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pressUntil presses key until the screen shows want, at most times presses: for keys that
// cycle (a sort order), where how many presses it takes is not the test's business.
func (s *tmuxSession) pressUntil(key, want string, times int) string {
	s.t.Helper()
	var scr string
	for range times {
		s.keys(key)
		var ok bool
		if scr, ok = s.poll(func(scr string) bool { return strings.Contains(scr, want) }, 2*time.Second); ok {
			return scr
		}
	}
	s.t.Fatalf("%d presses of %q never showed %q; screen:\n%s", times, key, want, scr)
	return ""
}

// quit presses q and waits for the program to end, which takes the tmux session with it.
func (s *tmuxSession) quit() {
	s.t.Helper()
	s.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("bootlog did not quit; screen:\n%s", s.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// statusLineRe finds the viewer's position in its status bar: "line 150/502".
var statusLineRe = regexp.MustCompile(`line (\d+)/(\d+)`)

// viewerLine is the log line at the top of the viewer, from its status bar.
func viewerLine(t *testing.T, screen string) int {
	t.Helper()
	m := statusLineRe.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no \"line N/M\" in the status bar:\n%s", screen)
	}
	n, _ := strconv.Atoi(m[1]) // \d+ of a screen row: always a small number
	return n
}

// flat is the screen's words joined by single spaces: text wrapped over several rows reads as
// one sentence again, so a test can ask whether a whole hint is on screen, in order.
func flat(screen string) string { return strings.Join(strings.Fields(screen), " ") }

// showsText reports whether want is on screen, in order, however it was wrapped: at a space, or
// after a hyphen ("acs:ecs:cn-" then "hangzhou:*" on the next row).
func showsText(screen, want string) bool {
	unhyphen := func(s string) string { return strings.ReplaceAll(flat(s), "- ", "-") }
	return strings.Contains(unhyphen(screen), unhyphen(want))
}

// e2eEnv is the environment of a bootlog under test: a home, config, cache and state directory
// of its own in t.TempDir(), so capture history and caches never touch the real home, plus extra.
func e2eEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	home := t.TempDir()
	return append([]string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".state"),
	}, extra...)
}

// skipShort skips an end-to-end test under -short: each builds the binary and drives tmux.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test builds the binary and drives tmux")
	}
}

// freePort returns a loopback address no one is listening on right now.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bootlog")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/bootlog/bootlog").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// demoInstance finds a demo instance by name in the demo data.
func demoInstance(t *testing.T, name string) emulator.InstanceFixture {
	t.Helper()
	for _, in := range emulator.DemoFixtures().Instances {
		if in.InstanceName == name {
			return in
		}
	}
	t.Fatalf("no demo instance %q", name)
	return emulator.InstanceFixture{}
}

func TestEndToEndDemoInTmux(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	addr := freePort(t)
	env := e2eEnv(t)
	tm := newTmux(t, env, 120, 40, bin, "--demo", "--demo-listen", addr, "--follow-interval", "1s")

	// The list arrives with every page of the demo fleet.
	tm.waitFor("276 instances", 15*time.Second)

	// Filter to one instance and open it: the viewer opens at the end of the log.
	target := demoInstance(t, "web-prod-01")
	tm.keys("/", "web-prod-01", "Enter")
	tm.waitFor("1 of 276", 5*time.Second)
	tm.keys("Enter")
	scr := tm.waitFor("last update", 10*time.Second)
	if !strings.Contains(scr, target.InstanceID) || !strings.Contains(scr, "100%") {
		t.Fatalf("viewer header or position wrong:\n%s", scr)
	}
	if !strings.Contains(scr, "login:") {
		t.Fatalf("viewer did not open at the end of the log:\n%s", scr)
	}

	// Search: all matches counted, n moves to the next one.
	tm.keys("/", "Started", "Enter")
	scr = tm.waitFor("match ", 5*time.Second)
	if !strings.Contains(scr, "/") {
		t.Fatalf("no match counter:\n%s", scr)
	}
	tm.keys("n")
	tm.keys("Escape")

	// Refresh with nothing new says so.
	tm.keys("r")
	tm.waitFor("no new output", 10*time.Second)

	// Follow, then reboot the instance through the emulator's API, signed like any client.
	tm.keys("F")
	tm.waitFor("follow on", 5*time.Second)
	client, err := fetch.New(fetch.Options{
		Region:      "cn-hangzhou",
		Endpoint:    "http://" + addr,
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
	})
	if err != nil {
		t.Fatal(err)
	}
	before := tm.screen()
	if err := client.Reboot(context.Background(), "", target.InstanceID, false); err != nil {
		t.Fatalf("reboot through the emulator: %v", err)
	}
	scr = tm.waitFor("new console output", 45*time.Second)
	if !strings.Contains(scr, "login:") {
		t.Fatalf("new boot log not shown at its end:\n%s", scr)
	}
	if lastUpdateLine(before) == lastUpdateLine(scr) {
		t.Fatalf("last update did not change:\nbefore:\n%s\nafter:\n%s", before, scr)
	}

	// Back to the list, then quit: the program ends and takes the tmux session with it.
	tm.keys("Escape")
	tm.waitFor("instances", 5*time.Second)
	tm.quit()
}

// TestEndToEndRebootAndWatch presses the reboot key on a demo instance whose last boot ended in a
// kernel panic, confirms, and waits for the new boot log to replace the old one on screen.
func TestEndToEndRebootAndWatch(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	env := e2eEnv(t)
	target := demoInstance(t, "web-prod-04")
	tm := newTmux(t, env, 120, 40, bin, "--demo", "--instance", target.InstanceID)

	scr := tm.waitFor("Kernel panic", 15*time.Second)
	if !strings.Contains(scr, target.InstanceID) {
		t.Fatalf("--instance did not open %s:\n%s", target.InstanceID, scr)
	}
	tm.keys("B")
	scr = tm.waitFor("web-prod-04", 5*time.Second)
	if !strings.Contains(strings.ToLower(scr), "reboot") {
		t.Fatalf("no confirmation naming the instance:\n%s", scr)
	}
	tm.keys("y")
	tm.waitFor("Stopping", 10*time.Second)
	scr = tm.waitFor("web-prod-04 login:", 40*time.Second)
	if !strings.Contains(scr, "new boot log at") || !strings.Contains(scr, "just now") {
		t.Fatalf("new boot log not on screen at its end:\n%s", scr)
	}
	tm.keys("q")
}

// lastUpdateLine returns the header line with the last-update time.
func lastUpdateLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "last update") {
			return l
		}
	}
	return ""
}
