package ui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// The Enter benchmark measures what the operator waits for: from the Enter key press on a list row
// to the moment the last line of that instance's log is in the rendered window. It runs the real
// fetch client against the emulator with injected latency, and drives the model the way the Bubble
// Tea runtime does: every command runs on its own goroutine and its message is fed back into
// Update on this one, in arrival order. Only the timers are taken over, so that the cursor's rest
// before a prefetch is an explicit, measured wait rather than whatever the scheduler makes of it.

// enterLatency is the emulator's injected latency: one round trip.
const enterLatency = 200 * time.Millisecond

// enterInstance is the demo instance opened: the largest boot log of the demo account.
const enterInstance = "db-master"

// enterRuntime is a minimal Bubble Tea runtime for one Model.
type enterRuntime struct {
	m       *Model
	msgs    chan tea.Msg
	stop    chan struct{}
	pending int       // commands started whose message has not been handled yet
	ticks   []tea.Msg // messages of timers the model scheduled, not yet delivered
}

func newEnterRuntime(m *Model) *enterRuntime {
	r := &enterRuntime{m: m, msgs: make(chan tea.Msg, 64), stop: make(chan struct{})}
	m.tick = func(_ time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduledTick{msg: msg} }
	}
	return r
}

// start runs cmd on its own goroutine, as the runtime does.
func (r *enterRuntime) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	r.pending++
	go func() {
		msg := cmd()
		select {
		case r.msgs <- msg:
		case <-r.stop:
		}
	}()
}

// send delivers msg to Update and starts the command it returns.
func (r *enterRuntime) send(msg tea.Msg) {
	_, cmd := r.m.Update(msg)
	r.start(cmd)
}

// handle routes one command's message: batches fan out, timers are recorded, spinner frames and
// terminal queries (which have no terminal to answer them) are dropped, the rest goes to Update.
func (r *enterRuntime) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			r.start(c)
		}
	case scheduledTick:
		r.ticks = append(r.ticks, msg.msg)
	case spinner.TickMsg:
	default:
		if strings.HasPrefix(fmt.Sprintf("%T", msg), "tea.") {
			return
		}
		r.send(msg)
	}
}

// until handles messages as they arrive until done reports true. It returns false when nothing is
// left running, or nothing arrives for a while, before that.
func (r *enterRuntime) until(done func() bool) bool {
	for !done() {
		if r.pending == 0 {
			return false
		}
		select {
		case msg := <-r.msgs:
			r.pending--
			r.handle(msg)
		case <-time.After(30 * time.Second):
			return false
		}
	}
	return true
}

// close cancels what the model has in flight, waits for its commands to end and stops the runtime.
func (r *enterRuntime) close() {
	r.m.quit()
	r.until(func() bool { return r.pending == 0 })
	close(r.stop)
}

// lastPrefetchTick returns the latest debounce tick the model scheduled. Timer commands run
// concurrently, so arrival order says nothing; the sequence number does.
func (r *enterRuntime) lastPrefetchTick() (prefetchTickMsg, bool) {
	var last prefetchTickMsg
	found := false
	for _, tk := range r.ticks {
		if t, ok := tk.(prefetchTickMsg); ok && (!found || t.seq > last.seq) {
			last, found = t, true
		}
	}
	return last, found
}

// onScreen reports whether the rendered window shows want.
func (r *enterRuntime) onScreen(want string) bool {
	return strings.Contains(ansi.Strip(r.m.View().Content), want)
}

// lastLineOf is the start of the last non-blank line of a console, as it appears on screen: the
// leading part before any tab or control character, at most 40 bytes, which fits the window with
// wrap off whatever the gutter takes.
func lastLineOf(data []byte) string {
	lines := bytes.Split(bytes.ReplaceAll(data, []byte("\r"), nil), []byte("\n"))
	for i := len(lines) - 1; i >= 0; i-- {
		s := ansi.Strip(string(lines[i]))
		if cut := strings.IndexFunc(s, func(c rune) bool { return c < ' ' || c == 0x7f }); cut >= 0 {
			s = s[:cut]
		}
		if s = strings.TrimSpace(s); len(s) > 40 {
			s = s[:40]
		}
		if len(s) >= 10 {
			return s
		}
	}
	return ""
}

// BenchmarkEnterKeyToScreen is issue 5's third measure: the time from the Enter key press to the
// log's last line on screen, with 200 ms of injected latency, cold (Enter pressed at once) and
// prefetched (Enter pressed after the cursor rested on the row for the debounce delay and the
// prefetch came back). It reports milliseconds and round trips for each; the targets are cold ≈ 1
// round trip and prefetched ≈ 0. Every iteration lists the region first, so run it with
// -benchtime 5x or so.
func BenchmarkEnterKeyToScreen(b *testing.B) {
	srv, err := emulator.New(emulator.Options{Fixtures: emulator.DemoFixtures(), Latency: enterLatency})
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	client, err := fetch.New(fetch.Options{Region: "cn-hangzhou", Endpoint: srv.URL(),
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)})
	if err != nil {
		b.Fatal(err)
	}
	var target fetch.Instance
	for _, f := range emulator.DemoFixtures().Instances {
		if f.InstanceName == enterInstance {
			target = fetch.Instance{ID: f.InstanceID, RegionID: f.RegionID}
		}
	}
	if target.ID == "" {
		b.Fatalf("the demo account has no instance named %s", enterInstance)
	}
	out, err := client.ConsoleOutput(b.Context(), target.RegionID, target.ID)
	if err != nil {
		b.Fatal(err)
	}
	want := lastLineOf(out.Data)
	if want == "" {
		b.Fatalf("%s has no printable last line", enterInstance)
	}

	// listed builds a model, lets it list the region and puts the cursor on the target with key
	// presses, as the operator would.
	listed := func(b *testing.B) *enterRuntime {
		cfg := testConfig()
		cfg.Settings.NoColor = false
		m := New(client, cfg, Options{})
		r := newEnterRuntime(m)
		r.send(tea.WindowSizeMsg{Width: 160, Height: 40})
		r.start(m.Init())
		if !r.until(func() bool { return !m.list.loading && len(m.list.rows) > 0 }) {
			b.Fatalf("the list never loaded: %v", m.list.err)
		}
		row := -1
		for i, at := range m.list.rows {
			if m.list.all[at].ID == target.ID {
				row = i
			}
		}
		if row < 0 {
			b.Fatalf("%s is not in the list", target.ID)
		}
		for range row - m.list.cursor {
			r.send(keyMsg("down"))
		}
		if in, ok := m.list.selected(); !ok || in.ID != target.ID {
			b.Fatalf("cursor is on %q, not %s", in.ID, target.ID)
		}
		// Let the key presses' own commands (the debounce timers) come back.
		r.until(func() bool { return r.pending == 0 })
		return r
	}
	// enter presses Enter and returns the time until the last line is on screen.
	enter := func(b *testing.B, r *enterRuntime) time.Duration {
		start := time.Now()
		r.send(tea.KeyPressMsg{Code: tea.KeyEnter})
		if !r.until(func() bool { return r.onScreen(want) }) {
			b.Fatalf("the log's last line %q never reached the screen:\n%s", want, ansi.Strip(r.m.View().Content))
		}
		return time.Since(start)
	}

	var cold, warm time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		r := listed(b)
		b.StartTimer()
		cold += enter(b, r)
		b.StopTimer()
		r.close()

		r = listed(b)
		// The cursor rests on the row for the debounce delay; then its timer fires.
		time.Sleep(prefetchDelay)
		tick, ok := r.lastPrefetchTick()
		if !ok || tick.instanceID != target.ID {
			b.Fatalf("no prefetch scheduled for %s (last tick %+v)", target.ID, tick)
		}
		r.send(tick)
		if !r.until(func() bool { _, ok := r.m.cache.get(target.RegionID, target.ID); return ok }) {
			b.Fatal("the prefetch never arrived")
		}
		b.StartTimer()
		warm += enter(b, r)
		b.StopTimer()
		r.close()
		b.StartTimer()
	}
	b.StopTimer()
	n := time.Duration(b.N)
	b.ReportMetric(float64((cold/n).Microseconds())/1000, "ms/enter-cold")
	b.ReportMetric(float64((warm/n).Microseconds())/1000, "ms/enter-prefetched")
	b.ReportMetric(float64(cold/n)/float64(enterLatency), "roundtrips/enter-cold")
	b.ReportMetric(float64(warm/n)/float64(enterLatency), "roundtrips/enter-prefetched")
}
