package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/logview"
)

// The fixture instances of demoInstances.
const (
	webID  = "i-bp1webaaaaaaaaaaaaa1"
	dbID   = "i-bp1dbbbbbbbbbbbbbbb2"
	winID  = "i-bp1winccccccccccccc3"
	pendID = "i-bp1newdddddddddddddd4"
)

// testNow is the fixed clock of every test.
var testNow = time.Date(2026, 11, 26, 14, 9, 22, 0, time.UTC)

// fakeFetcher returns canned answers and records every call.
type fakeFetcher struct {
	mu sync.Mutex

	regions    []fetch.Region
	regionsErr error
	pages      map[string][][]fetch.Instance // region → pages
	listErr    map[string]error
	consoles   map[string]fetch.ConsoleOutput // instance ID → output
	consoleErr map[string]error
	// console, when set, answers ConsoleOutput instead of the maps (n counts calls for that ID).
	console func(region, id string, n int) (fetch.ConsoleOutput, error)

	// reboot, statuses and screenshot answer the write and screenshot calls when set (n counts
	// calls of that method); unset, Reboot succeeds, every instance is Running and there is no
	// screenshot.
	reboot     func(id string, force bool, n int) error
	statuses   func(ids []string, n int) ([]fetch.InstanceStatus, error)
	screenshot func(id string, n int) (fetch.Screenshot, error)
	// find, when set, answers Find instead of searching the pages.
	find func(q fetch.FindQuery) (fetch.FindResult, error)
	// start and vnc answer StartInstance and DescribeInstanceVncUrl (rescue_fake_test.go).
	start func(id string, n int) (string, error)
	vnc   func(id string, n int) (fetch.VncConsole, error)

	calls   []string
	perID   map[string]int
	blockCh chan struct{} // when set, ConsoleOutput waits for it
}

func newFakeFetcher() *fakeFetcher {
	return &fakeFetcher{
		pages:      map[string][][]fetch.Instance{},
		listErr:    map[string]error{},
		consoles:   map[string]fetch.ConsoleOutput{},
		consoleErr: map[string]error{},
		perID:      map[string]int{},
	}
}

func (f *fakeFetcher) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

// Calls returns a copy of the calls made so far.
func (f *fakeFetcher) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// count returns how many calls start with prefix.
func (f *fakeFetcher) count(prefix string) int {
	n := 0
	for _, c := range f.Calls() {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func (f *fakeFetcher) Regions(ctx context.Context) ([]fetch.Region, error) {
	f.record("Regions")
	return f.regions, f.regionsErr
}

func (f *fakeFetcher) StreamInstances(ctx context.Context, region string, onPage func([]fetch.Instance, int)) error {
	f.record("StreamInstances " + region)
	pages := f.pages[region]
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	for _, p := range pages {
		onPage(p, total)
	}
	return f.listErr[region]
}

func (f *fakeFetcher) ConsoleOutput(ctx context.Context, region, id string) (fetch.ConsoleOutput, error) {
	f.record("ConsoleOutput " + region + " " + id)
	f.mu.Lock()
	f.perID[id]++
	n := f.perID[id]
	fn, block := f.console, f.blockCh
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return fetch.ConsoleOutput{}, ctx.Err()
		}
	}
	if fn != nil {
		return fn(region, id, n)
	}
	if err := f.consoleErr[id]; err != nil {
		return fetch.ConsoleOutput{}, err
	}
	out, ok := f.consoles[id]
	if !ok {
		return fetch.ConsoleOutput{}, &fetch.Error{Kind: fetch.KindNotFound, Op: "GetInstanceConsoleOutput", Code: "InvalidInstanceId.NotFound", Message: "The specified instance does not exist."}
	}
	return out, nil
}

func (f *fakeFetcher) Reboot(ctx context.Context, region, id string, force bool) error {
	f.record(fmt.Sprintf("Reboot %s %s force=%v", region, id, force))
	if f.reboot == nil {
		return nil
	}
	return f.reboot(id, force, f.count("Reboot "))
}

func (f *fakeFetcher) InstanceStatuses(ctx context.Context, region string, ids []string) ([]fetch.InstanceStatus, error) {
	f.record("InstanceStatuses " + region + " " + strings.Join(ids, ","))
	if f.statuses != nil {
		return f.statuses(ids, f.count("InstanceStatuses "))
	}
	out := make([]fetch.InstanceStatus, 0, len(ids))
	for _, id := range ids {
		out = append(out, fetch.InstanceStatus{ID: id, Status: "Running"})
	}
	return out, nil
}

func (f *fakeFetcher) Screenshot(ctx context.Context, region, id string) (fetch.Screenshot, error) {
	f.record("Screenshot " + region + " " + id)
	if f.screenshot == nil {
		return fetch.Screenshot{}, &fetch.Error{Kind: fetch.KindNotFound, Op: "GetInstanceScreenshot", Message: "no screenshot"}
	}
	return f.screenshot(id, f.count("Screenshot "))
}

// Find answers the go-to prompt: find, when set, decides; otherwise every listed instance of
// every region whose ID, name or an address equals the query is a candidate.
func (f *fakeFetcher) Find(ctx context.Context, query string, regions []string) (fetch.FindResult, error) {
	f.record("Find " + query)
	q, err := fetch.ParseFindQuery(query)
	if err != nil {
		return fetch.FindResult{}, err
	}
	if f.find != nil {
		return f.find(q)
	}
	res := fetch.FindResult{Query: q}
	for _, r := range f.regions {
		res.Searched = append(res.Searched, r.ID)
		for _, p := range f.pages[r.ID] {
			for _, in := range p {
				all := slices.Concat([]string{in.ID, in.Name, in.EIP}, in.PrivateIPs, in.PublicIPs)
				for _, s := range all {
					if s == q.Text {
						in.RegionID = r.ID
						res.Candidates = append(res.Candidates, in)
						break
					}
				}
			}
		}
	}
	return res, nil
}

// Fixtures.

func inst(id, name, status string) fetch.Instance {
	return fetch.Instance{
		ID: id, Name: name, Status: status, Type: "ecs.g7.large", RegionID: "cn-hangzhou",
		Zone: "cn-hangzhou-h", OSType: "linux", OSName: "Ubuntu 22.04 64 bit",
		PrivateIPs: []string{"172.16.0.10"}, PublicIPs: []string{"47.96.1.10"},
		StartTime: testNow.Add(-2 * time.Hour),
	}
}

func demoInstances() []fetch.Instance {
	web := inst("i-bp1webaaaaaaaaaaaaa1", "web-01", "Running")
	db := inst("i-bp1dbbbbbbbbbbbbbbb2", "db-01", "Stopped")
	db.PrivateIPs = []string{"172.16.0.20"}
	db.PublicIPs = nil
	db.EIP = "47.96.9.9"
	win := inst("i-bp1winccccccccccccc3", "win-ad", "Running")
	win.OSType, win.OSName = "windows", "Windows Server 2022"
	win.PrivateIPs = []string{"172.16.0.30"}
	pend := inst("i-bp1newdddddddddddddd4", "new-node", "Pending")
	pend.PrivateIPs = []string{"172.16.0.40"}
	pend.PublicIPs = nil
	return []fetch.Instance{web, db, win, pend}
}

// bootLog is a boot log of n numbered lines ending in a kernel panic.
func bootLog(n int) []byte {
	var b strings.Builder
	for i := 1; i <= n-2; i++ {
		fmt.Fprintf(&b, "[%8.6f] systemd[1]: Starting unit %d of the boot...\n", float64(i)/10, i)
	}
	b.WriteString("[   12.345678] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n")
	b.WriteString("[   12.345999] ---[ end Kernel panic - not syncing: VFS ]---\n")
	return []byte(b.String())
}

func consoleFor(id string, data []byte, last time.Time) fetch.ConsoleOutput {
	out := fetch.ConsoleOutput{InstanceID: id, RegionID: "cn-hangzhou", Data: data, LastUpdate: last,
		RequestID: "REQ-" + id[len(id)-1:]}
	if !last.IsZero() {
		out.LastUpdateRaw = last.Format(time.RFC3339)
	}
	return out
}

// standardFetcher has two pages of instances in cn-hangzhou and a log for web-01 and db-01.
func standardFetcher() *fakeFetcher {
	f := newFakeFetcher()
	all := demoInstances()
	f.pages["cn-hangzhou"] = [][]fetch.Instance{all[:2], all[2:]}
	f.pages["cn-shanghai"] = [][]fetch.Instance{{inst("i-uf6sh0000000000000001", "sh-api", "Running")}}
	f.regions = []fetch.Region{
		{ID: "cn-hangzhou", LocalName: "华东1（杭州）", Status: "available"},
		{ID: "cn-shanghai", LocalName: "华东2（上海）", Status: "available"},
		{ID: "ap-southeast-1", LocalName: "新加坡", Status: "available"},
	}
	f.consoles[all[0].ID] = consoleFor(all[0].ID, bootLog(60), testNow.Add(-6*time.Minute))
	f.consoles[all[1].ID] = consoleFor(all[1].ID, []byte("db boot\nsecond line\n"), testNow.Add(-3*time.Hour))
	return f
}

// harness drives a Model synchronously: commands run in place, batches expand, ticks are recorded
// instead of waited for (fire them with fireTicks), and spinner frames are dropped.
type harness struct {
	t     *testing.T
	m     *Model
	f     *fakeFetcher
	ticks []tea.Msg
	quit  bool
	// requests are terminal queries the program sent (e.g. the background colour).
	requests []string
}

func testConfig() config.Config {
	return config.Config{
		Profile: "default", Region: "cn-hangzhou",
		Settings: config.Settings{FollowInterval: 10 * time.Second, Wrap: false, NoColor: true, Theme: "dark"},
	}
}

func newHarness(t *testing.T, f *fakeFetcher, cfg config.Config, opts Options) *harness {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	h := &harness{t: t, f: f}
	h.m = New(f, cfg, opts)
	h.m.loc = time.UTC
	h.m.tick = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduledTick{d: d, msg: msg} }
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.drain(h.m.Init())
	return h
}

// scheduledTick stands for a tea.Tick in tests: the harness records it instead of sleeping.
type scheduledTick struct {
	d   time.Duration
	msg tea.Msg
}

// send delivers msg and drains what it starts.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.drain(cmd)
}

// exec runs one command and returns its message, or nil if it blocks (a timer we do not own).
func exec(cmd tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(2 * time.Second):
		return nil
	}
}

// drain runs commands until none are left, feeding their messages back into Update.
func (h *harness) drain(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			h.t.Fatal("drain: too many steps")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := exec(c)
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg:
			// Frames are not behaviour; dropping them also checks the spinner chain can end.
		case scheduledTick:
			h.ticks = append(h.ticks, msg.msg)
		case tea.QuitMsg:
			h.quit = true
		default:
			if t := fmt.Sprintf("%T", msg); t == "tea.backgroundColorMsg" || isRequest(msg) {
				h.requests = append(h.requests, t)
				continue
			}
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// isRequest reports terminal queries (background colour and the like) that have no answer here.
func isRequest(msg tea.Msg) bool {
	t := fmt.Sprintf("%T", msg)
	return strings.HasPrefix(t, "tea.") && strings.Contains(strings.ToLower(t), "request")
}

// fireTicks delivers every recorded tick of the same type as example, and drains.
func (h *harness) fireTicks(example tea.Msg) int {
	h.t.Helper()
	want := fmt.Sprintf("%T", example)
	var keep, fire []tea.Msg
	for _, tk := range h.ticks {
		if fmt.Sprintf("%T", tk) == want {
			fire = append(fire, tk)
		} else {
			keep = append(keep, tk)
		}
	}
	h.ticks = keep
	for _, tk := range fire {
		h.send(tk)
	}
	return len(fire)
}

// lastTick returns the latest recorded tick of example's type.
func (h *harness) lastTick(example tea.Msg) (tea.Msg, bool) {
	want := fmt.Sprintf("%T", example)
	for i := len(h.ticks) - 1; i >= 0; i-- {
		if fmt.Sprintf("%T", h.ticks[i]) == want {
			return h.ticks[i], true
		}
	}
	return nil, false
}

// keyMsg builds a key press from its name ("j", "enter", "ctrl+r", "esc", ...).
func keyMsg(s string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"left":      {Code: tea.KeyLeft},
		"right":     {Code: tea.KeyRight},
		"pgdown":    {Code: tea.KeyPgDown},
		"pgup":      {Code: tea.KeyPgUp},
		"home":      {Code: tea.KeyHome},
		"end":       {Code: tea.KeyEnd},
		"backspace": {Code: tea.KeyBackspace},
		"space":     {Code: tea.KeySpace, Text: " "},
	}
	if k, ok := special[s]; ok {
		return k
	}
	if rest, ok := strings.CutPrefix(s, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys one by one.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText sends each rune of s as a key press.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen returns the rendered window without styling.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

// mustContain fails unless the screen contains every want.
func (h *harness) mustContain(wants ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			h.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// mustNotContain fails if the screen contains any of wants.
func (h *harness) mustNotContain(wants ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range wants {
		if strings.Contains(s, w) {
			h.t.Fatalf("screen has %q:\n%s", w, s)
		}
	}
}

// selectID moves the list cursor onto id.
func (h *harness) selectID(id string) {
	h.t.Helper()
	for i, r := range h.m.list.rows {
		if h.m.list.all[r].ID == id {
			h.m.list.cursor = i
			h.m.list.moved = true
			h.m.list.clamp(len(h.m.list.rows))
			return
		}
	}
	h.t.Fatalf("instance %s not in the list", id)
}

// renderDoc renders s as the viewer would.
func renderDoc(s string) console.Document {
	return console.Render([]byte(s), console.Options{})
}

// matchesOf finds q in plain as the viewer's search does.
func matchesOf(q string, plain []string) []logview.Match {
	r, _ := logview.NewSearcher(plain).Find(context.Background(), logview.Compile(q))
	return r.Matches
}

// spinnerTick is a spinner frame for h's spinner.
func spinnerTick(h *harness) tea.Msg {
	return h.m.spinner.Tick()
}

// componentEnv is an env for one component, to test it alone: driven through its handlers, read
// through View, with no root model around it. What it asks of the root lands in *sent as the
// request message the root would route.
func componentEnv(f Fetcher, sent *[]tea.Msg) *env {
	return &env{
		f: f, now: func() time.Time { return testNow }, loc: time.UTC,
		tick:   func(time.Duration, tea.Msg) tea.Cmd { return nil },
		keys:   DefaultKeyMap(),
		styles: NewPlainStyles(),
		cache:  newConsoleCache(cacheSize),
		send:   func(msg tea.Msg) tea.Cmd { *sent = append(*sent, msg); return nil },
	}
}

// cursorRow returns the rendered row holding the cursor mark.
func cursorRow(t *testing.T, view, mark string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.Contains(l, mark) {
			return l
		}
	}
	t.Fatalf("no cursor in:\n%s", ansi.Strip(view))
	return ""
}
