// Package ui is bootlog's terminal UI: the instance list, the region picker and the console viewer,
// in one Bubble Tea program. All network work runs in commands on the Fetcher; Update only applies
// their results, and only while they are still current.
package ui

import (
	"context"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/logview"
)

// The root model is the program's tea.Model and the help bubble's key map.
var (
	_ tea.Model   = (*Model)(nil)
	_ help.KeyMap = (*Model)(nil)
)

// Fetcher is what the UI needs from the ECS client. StreamInstances calls onPage serially, possibly
// from another goroutine.
type Fetcher interface {
	Regions(ctx context.Context) ([]fetch.Region, error)
	StreamInstances(ctx context.Context, region string, onPage func(batch []fetch.Instance, total int)) error
	ConsoleOutput(ctx context.Context, region, instanceID string) (fetch.ConsoleOutput, error)
	// Reboot, InstanceStatuses and Screenshot serve reboot-and-watch and the screenshot pane
	// (reboot.go, screenshot.go).
	Reboot(ctx context.Context, region, instanceID string, force bool) error
	InstanceStatuses(ctx context.Context, region string, ids []string) ([]fetch.InstanceStatus, error)
	Screenshot(ctx context.Context, region, instanceID string) (fetch.Screenshot, error)
}

// Options are the start-up choices main passes in.
type Options struct {
	// InitialInstance opens this instance's console directly (--instance).
	InitialInstance string
	// ProfileLabel names the credentials profile in the header.
	ProfileLabel string
	// Demo marks the header as running against the built-in emulator.
	Demo bool
	// Now replaces the clock (tests); nil means time.Now.
	Now func() time.Time
	// HistoryDir is where every fetched console output is kept (history.DefaultDir); "" turns
	// capture history off, as does Settings.HistoryEnabled = false.
	HistoryDir string
	// SaveDir is where the save key writes logs; "" means the current directory.
	SaveDir string
	// File opens the viewer on this log instead of ECS (`bootlog view FILE`); the Fetcher is
	// never called and may be nil.
	File *FileSource
}

// screen is which full-window view is showing.
type screen int

const (
	screenList screen = iota
	screenRegions
	screenConsole
	screenFirstRun
)

// String names the screen for test failures.
func (s screen) String() string {
	switch s {
	case screenList:
		return "list"
	case screenRegions:
		return "regions"
	case screenConsole:
		return "console"
	case screenFirstRun:
		return "first-run"
	}
	return "unknown"
}

// Minimum usable terminal size; below it the UI says so instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 10
)

// Model is the root (and only) tea.Model of the program.
type Model struct {
	f    Fetcher
	cfg  config.Config
	opts Options
	now  func() time.Time
	loc  *time.Location // zone for displayed times; tests pin it
	// tick schedules a message after d; tests replace it to fire ticks by hand.
	tick func(d time.Duration, msg tea.Msg) tea.Cmd

	keys    KeyMap
	styles  Styles
	noColor bool
	// plainText shows the console without its colours (the viewer's C key), for logs whose
	// colours hide text or a terminal that renders them badly.
	plainText bool
	help      help.Model
	showHelp  bool
	spinner   spinner.Model
	spinning  bool

	width, height int
	bodyHeight    int
	screen        screen
	region        string

	list     instanceList
	regions  regionPicker
	viewer   viewer
	cache    *consoleCache
	prefetch prefetchState

	// pendingInstance is --instance given without a region; it opens after the region is chosen.
	pendingInstance string

	banner   error // the current failure, shown under the header until something succeeds
	firstRun *fetch.Error
	toast    toast

	hist    historyCtl // capture history store (history_view.go)
	handoff handoffCtl // save, copy, pager and editor (handoff.go)
	ops     opsCtl     // reboot watches, screenshot throttling and finding marks (reboot.go, screenshot.go, navigator.go)
}

// New builds the program's model. With no region configured it starts in the region picker.
func New(f Fetcher, cfg config.Config, opts Options) *Model {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	// NO_COLOR counts when set to anything but the empty string (no-color.org).
	envNoColor := os.Getenv("NO_COLOR") != ""
	m := &Model{
		f:       f,
		cfg:     cfg,
		opts:    opts,
		now:     now,
		loc:     time.Local,
		tick:    realTick,
		keys:    DefaultKeyMap(),
		noColor: cfg.Settings.NoColor || envNoColor,
		help:    help.New(),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot)),
		region:  cfg.Region,
		cache:   newConsoleCache(cacheSize),
	}
	m.list = newInstanceList()
	m.viewer = newViewer(cfg.Settings)
	m.setStyles(m.startDark())
	m.prefetch.inflight = map[string]bool{}
	if m.region == "" {
		m.screen = screenRegions
		m.pendingInstance = opts.InitialInstance
	}
	m.hist = newHistoryCtl(cfg.Settings, opts.HistoryDir)
	m.handoff = newHandoffCtl(opts)
	if opts.File != nil {
		m.openFile()
	}
	m.syncKeys()
	return m
}

// realTick is tea.Tick delivering a fixed message.
func realTick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// startDark picks the palette used until the terminal reports its background.
func (m *Model) startDark() bool {
	return m.cfg.Settings.Theme != "light"
}

// setStyles rebuilds every style, including those handed to child components.
func (m *Model) setStyles(isDark bool) {
	if m.noColor {
		m.styles = NewPlainStyles()
	} else {
		m.styles = NewStyles(isDark)
	}
	m.help.Styles = m.styles.Help
	m.spinner.Style = m.styles.Dim
	m.viewer.lv.HighlightStyle = m.styles.Match
	m.viewer.lv.SelectedHighlightStyle = m.styles.MatchSelected
	m.viewer.lv.GutterStyle = m.styles.Gutter
}

// Init asks for the background colour and starts the first load.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{}
	if m.cfg.Settings.Theme == "" || m.cfg.Settings.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	switch {
	case m.opts.File != nil:
		cmds = append(cmds, m.loadFileCmd())
	case m.screen == screenRegions:
		cmds = append(cmds, m.loadRegionsCmd())
	default:
		cmds = append(cmds, m.loadInstancesCmd())
		if m.opts.InitialInstance != "" {
			cmds = append(cmds, m.openInstance(fetch.Instance{ID: m.opts.InitialInstance, RegionID: m.region}))
		}
	}
	cmds = append(cmds, m.spinCmd())
	m.syncKeys()
	return tea.Batch(cmds...)
}

// busy reports whether anything is loading, which is the only time the spinner animates.
func (m *Model) busy() bool {
	return m.list.loading || m.regions.loading || m.viewer.loading
}

// spinCmd starts the spinner if something is loading and it is not already turning. The spinner's
// ticks are dropped (and so stop) as soon as nothing loads: an idle program schedules nothing.
func (m *Model) spinCmd() tea.Cmd {
	if !m.busy() || m.spinning {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

// Update is the only place state changes.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	cmd = tea.Batch(cmd, m.syncFindings())
	m.syncCaptureMarks()
	m.syncFindingMarks()
	m.syncKeys()
	m.layout()
	return m, tea.Batch(cmd, m.spinCmd())
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		return nil
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return nil
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		switch {
		case m.showHelp:
		case m.screen == screenConsole:
			m.viewerWheel(msg)
		case m.screen == screenList:
			switch msg.Mouse().Button {
			case tea.MouseWheelUp:
				m.list.move(-1)
				return m.schedulePrefetch()
			case tea.MouseWheelDown:
				m.list.move(1)
				return m.schedulePrefetch()
			}
		}
		return nil
	case instancesPageMsg:
		return m.onInstancesPage(msg)
	case instancesDoneMsg:
		return m.onInstancesDone(msg)
	case regionsLoadedMsg:
		return m.onRegionsLoaded(msg)
	case consoleLoadedMsg:
		return m.onConsoleLoaded(msg)
	case prefetchTickMsg:
		return m.onPrefetchTick(msg)
	case prefetchedMsg:
		return m.onPrefetched(msg)
	case followTickMsg:
		return m.onFollowTick(msg)
	case toastExpiredMsg:
		if msg.seq == m.toast.seq {
			m.toast.text = ""
		}
		return nil
	case searchDoneMsg:
		return m.onSearchDone(msg)
	case historyMsg:
		return m.onHistoryMsg(msg)
	case opsMsg:
		return m.onOpsMsg(msg)
	}
	// Anything else (cursor blinks and the like) belongs to whichever text box has focus.
	return m.updateFocusedInput(msg)
}

// handleKey routes a key press by focus: a text box with focus gets every key except ctrl+c.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.screen == screenFirstRun {
		if key.Matches(msg, m.keys.Quit) {
			return tea.Quit
		}
		return nil
	}
	switch {
	case m.list.filtering && m.screen == screenList:
		return m.filterKey(msg)
	case m.viewer.search.typing && m.screen == screenConsole:
		return m.searchKey(msg)
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Help, m.keys.Back) {
			m.showHelp = false
			return nil
		}
		if key.Matches(msg, m.keys.Quit) {
			return m.quit()
		}
		return nil
	}
	if key.Matches(msg, m.keys.Quit) {
		return m.quit()
	}
	if key.Matches(msg, m.keys.Help) {
		m.showHelp = true
		return nil
	}
	switch m.screen {
	case screenList:
		return m.listKey(msg)
	case screenRegions:
		return m.regionsKey(msg)
	case screenConsole:
		return m.viewerKey(msg)
	}
	return nil
}

// quit cancels what is in flight and ends the program.
func (m *Model) quit() tea.Cmd {
	if m.list.cancel != nil {
		m.list.cancel()
	}
	if m.viewer.cancel != nil {
		m.viewer.cancel()
	}
	m.viewer.search.cancelRunning()
	return tea.Quit
}

// updateFocusedInput forwards other messages (a paste, a cursor blink) to the focused text box,
// and applies the new text as typing would.
func (m *Model) updateFocusedInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.list.filtering:
		before := m.list.filter.Value()
		m.list.filter, cmd = m.list.filter.Update(msg)
		if m.list.filter.Value() != before {
			m.list.rebuild()
			return tea.Batch(cmd, m.schedulePrefetch())
		}
	case m.viewer.search.typing:
		before := m.viewer.search.input.Value()
		m.viewer.search.input, cmd = m.viewer.search.input.Update(msg)
		if v := m.viewer.search.input.Value(); v != before {
			return tea.Batch(cmd, m.runSearch(v))
		}
	}
	return cmd
}

// setError shows err in the banner, or the first-run screen when there are no credentials at all.
func (m *Model) setError(err error) {
	if fe, ok := asFetchError(err); ok && fe.Kind == fetch.KindCredentialsMissing {
		m.firstRun = fe
		m.screen = screenFirstRun
		return
	}
	m.banner = err
}

// syncKeys enables exactly the bindings that act on the current screen and focus.
func (m *Model) syncKeys() {
	k := &m.keys
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	enable(&k.ForceQuit)
	switch {
	case m.screen == screenFirstRun:
		enable(&k.Quit)
		return
	case m.list.filtering && m.screen == screenList,
		m.viewer.search.typing && m.screen == screenConsole:
		enable(&k.Accept, &k.Cancel)
		if m.screen == screenList {
			enable(&k.BoxUp, &k.BoxDown)
		}
		return
	}
	enable(&k.Quit, &k.Help)
	if m.showHelp {
		// The full help lists what the screen offers, so the bindings stay as they are; only esc
		// is added, to close it.
		defer enable(&k.Back)
	}
	switch m.screen {
	case screenList:
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Filter, &k.Sort, &k.Region, &k.Reload)
		if _, ok := m.list.selected(); ok {
			enable(&k.Open)
		}
		if m.list.filter.Value() != "" {
			enable(&k.ClearFilter)
		}
	case screenRegions:
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom)
		if len(m.regions.items) > 0 {
			enable(&k.Choose)
		}
		if m.region != "" {
			enable(&k.Back)
		}
		if !m.regions.loading {
			enable(&k.Reload)
		}
	case screenConsole:
		enable(&k.Back)
		v := &m.viewer
		if m.syncHistoryKeys() {
			// The capture list has the keys to itself.
			return
		}
		if v.unavailable != "" {
			return
		}
		if m.syncOpsKeys() {
			// The reboot dialog or the screenshot pane has the keys to itself.
			return
		}
		m.syncHandoffKeys()
		if m.opts.File == nil {
			enable(&k.Refresh, &k.Follow)
		}
		if v.hasContent() {
			enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.HalfPageUp, &k.HalfPageDown, &k.Top, &k.Bottom,
				&k.Wrap, &k.LineNumbers, &k.PlainText, &k.Search)
			if !v.lv.Wrap() {
				enable(&k.Left, &k.Right)
			}
			if len(v.search.matches) > 0 {
				enable(&k.NextMatch, &k.PrevMatch)
			}
			if v.search.re != nil {
				enable(&k.OnlyMatches)
			}
		}
	}
}

// ShortHelp is the one-line key help for the current screen.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.screen == screenFirstRun:
		return []key.Binding{k.Quit}
	case m.list.filtering && m.screen == screenList:
		return []key.Binding{k.Accept, k.Cancel, k.BoxUp, k.BoxDown}
	case m.viewer.search.typing && m.screen == screenConsole:
		return []key.Binding{k.Accept, k.Cancel}
	case m.showHelp:
		return []key.Binding{k.Back, k.Quit}
	case m.screen == screenConsole && m.opsOverlay():
		return m.opsShortHelp()
	case m.screen == screenConsole && m.viewer.captures.open:
		return []key.Binding{k.ShowCapture, k.Up, k.Down, k.History, k.Back, k.Help, k.Quit}
	}
	switch m.screen {
	case screenRegions:
		return []key.Binding{k.Choose, k.Up, k.Down, k.Reload, k.Back, k.Help, k.Quit}
	case screenConsole:
		// Wrap and line numbers live in the full help; the short line keeps room for ? and q.
		return []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches, k.Refresh, k.Follow, k.Back, k.Help, k.Quit}
	}
	return []key.Binding{k.Open, k.Filter, k.ClearFilter, k.Sort, k.Region, k.Reload, k.Help, k.Quit}
}

// FullHelp is every key, in columns: moving, the current screen's actions, and the program.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	move := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom, k.Left, k.Right}
	general := []key.Binding{k.Back, k.Help, k.Quit}
	switch m.screen {
	case screenConsole:
		return [][]key.Binding{
			move,
			append([]key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.OnlyMatches}, m.findingsHelp()...),
			append([]key.Binding{k.Wrap, k.LineNumbers, k.PlainText, k.Refresh, k.Follow}, m.actionsHelp()...),
			m.handoffHelp(),
			general,
		}
	case screenRegions:
		return [][]key.Binding{move, {k.Choose, k.Reload}, general}
	}
	return [][]key.Binding{move, {k.Open, k.Filter, k.ClearFilter, k.Sort, k.Region, k.Reload}, general}
}

// layout sizes the body to what the header and footer leave, measured rather than assumed.
func (m *Model) layout() {
	if m.width == 0 || m.height == 0 {
		return
	}
	top := blockHeight(m.headerView()) + blockHeight(m.bannerView())
	bottom := blockHeight(m.footerView())
	m.bodyHeight = max(m.height-top-bottom, 0)
	// A banner appearing or a resize changes the height; whoever was reading the end (where boots
	// fail) keeps reading the end.
	atBottom := m.viewer.lv.AtBottom()
	m.viewer.lv.SetSize(m.width, m.bodyHeight)
	if atBottom && !m.viewer.lv.AtBottom() {
		m.viewer.lv.GotoBottom()
	}
	m.list.height = m.bodyHeight
	m.regions.height = m.bodyHeight
	// The boxes scroll horizontally past this width; the rest of the line is for notices.
	m.list.filter.SetWidth(min(40, max(m.width-4, 1)))
	m.viewer.search.input.SetWidth(min(40, max(m.width-4, 1)))
}

// blockHeight is the number of lines s occupies: lipgloss.Height, except that nothing takes none
// (lipgloss counts the empty string as one line).
func blockHeight(s string) int {
	if s == "" {
		return 0
	}
	return lipgloss.Height(s)
}

// View renders the whole window.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bootlog"
	if m.screen == screenConsole {
		name := m.viewer.inst.Name
		if name == "" {
			name = m.viewer.inst.ID
		}
		v.WindowTitle = "bootlog · " + name
	}
	return v
}

// render composes header, banner, body and footer.
func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return m.tooSmallView()
	}
	header := m.headerView()
	banner := m.bannerView()
	footer := m.footerView()
	bodyH := max(m.height-blockHeight(header)-blockHeight(banner)-blockHeight(footer), 0)
	body := m.bodyView()
	parts := []string{header}
	if banner != "" {
		parts = append(parts, banner)
	}
	parts = append(parts, fitHeight(body, bodyH), footer)
	// Every part is already cut to the width; joining plainly spares measuring each line again.
	return strings.Join(parts, "\n")
}

// bodyView is the part between header and footer.
func (m *Model) bodyView() string {
	if m.showHelp {
		return m.styles.Pane.Render(m.help.FullHelpView(m.FullHelp()))
	}
	switch m.screen {
	case screenFirstRun:
		return m.firstRunView()
	case screenRegions:
		return m.regions.view(m.width, m.styles, m.spinner.View())
	case screenConsole:
		return m.viewerBody()
	}
	return m.list.view(m.width, m.styles, m.spinner.View())
}

// newLogview builds the viewer's log view with the operator's settings.
func newLogview(s config.Settings) logview.Model {
	lv := logview.New()
	lv.SetWrap(s.Wrap)
	lv.SetLineNumbers(s.LineNumbers)
	return lv
}
