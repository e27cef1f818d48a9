// Package ui is bootlog's terminal UI: the instance list, the region picker and the console viewer,
// in one Bubble Tea program. The root Model owns what is program-wide (size, screen, help, toast,
// banner) and routes every message to one of three components (list.go, regionpicker.go,
// viewer*.go). All network work runs in commands on the Fetcher; Update only applies their
// results, and only while they are still current.
package ui

import (
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// New builds the program's model. With no region configured it starts in the region picker.
func New(f Fetcher, cfg config.Config, opts Options) *Model {
	// What the command line and the config files say is shown too: sanitised once, here.
	opts.ProfileLabel = console.SafeLine(opts.ProfileLabel)
	opts.InitialInstance = console.SafeLine(opts.InitialInstance)
	if opts.File != nil {
		file := *opts.File
		file.Name = console.SafeLine(file.Name)
		opts.File = &file
	}
	cfg.Region = console.SafeLine(cfg.Region)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	// NO_COLOR counts when set to anything but the empty string (no-color.org), unless colour was
	// asked for outright (--color=always or CLICOLOR_FORCE, which config.Load resolves to
	// ColorAlways). config.Load already folds NO_COLOR into Settings.NoColor; reading it here too
	// keeps a model built without config.Load (tests, embedders) honest.
	envNoColor := os.Getenv("NO_COLOR") != "" && cfg.Settings.Color != config.ColorAlways
	e := &env{
		f:       f,
		cfg:     cfg,
		opts:    opts,
		now:     now,
		loc:     time.Local,
		tick:    realTick,
		keys:    DefaultKeyMap(),
		noColor: cfg.Settings.NoColor || envNoColor,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot)),
		cache:   newConsoleCache(cacheSize),
	}
	m := &Model{env: e, help: help.New(), region: cfg.Region}
	e.send = m.update
	m.list = newInstanceList(e)
	m.regions = newRegionPicker(e)
	m.viewer = newViewer(e, cfg.Settings, opts)
	m.setStyles(m.startDark())
	if m.region == "" {
		m.screen = screenRegions
		m.pendingInstance = opts.InitialInstance
	}
	if opts.File != nil {
		m.screen = screenConsole
		m.pendingInstance = ""
		m.viewer.openFile()
		m.keys.Back.SetHelp("esc", "quit")
	}
	m.syncKeys()
	return m
}

// Init asks for the background colour and starts the first load.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{}
	if m.cfg.Settings.Theme == "" || m.cfg.Settings.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	switch {
	case m.opts.File != nil:
		cmds = append(cmds, m.viewer.loadFileCmd())
	case m.screen == screenRegions:
		cmds = append(cmds, m.regions.load())
	default:
		cmds = append(cmds, m.list.load(m.region))
		if m.opts.InitialInstance != "" {
			cmds = append(cmds, m.onOpenInstance(openInstanceMsg{inst: fetch.Instance{ID: m.opts.InitialInstance, RegionID: m.region}}))
		}
	}
	cmds = append(cmds, m.spinCmd())
	m.syncKeys()
	return tea.Batch(cmds...)
}

// Update is the only place state changes: it routes the message, then enables the keys that now
// apply and lays out the screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.syncKeys()
	m.layout()
	return m, tea.Batch(cmd, m.spinCmd())
}

// update is the one switch every message goes through, each case to one handler: the results of
// commands, and the requests components make through env.send.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.onResize(msg)
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return nil
	case spinner.TickMsg:
		return m.onSpinnerTick(msg)
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.MouseWheelMsg:
		return m.onWheel(msg)
	case toastExpiredMsg:
		return m.onToastExpired(msg)

	// Requests from the components.
	case openInstanceMsg:
		return m.onOpenInstance(msg)
	case backToListMsg:
		return m.onBackToList()
	case openRegionsMsg:
		return m.onOpenRegions()
	case closeRegionsMsg:
		return m.onCloseRegions()
	case switchRegionMsg:
		return m.onSwitchRegion(msg)
	case failedMsg:
		m.setError(msg.err)
		return nil
	case instanceStatusMsg:
		m.list.setStatus(msg.instanceID, msg.status)
		return nil
	case quitMsg:
		return m.quit()

	// The instance list and the region picker.
	case instancesPageMsg:
		return m.onInstancesPage(msg)
	case instancesDoneMsg:
		return m.onInstancesDone(msg)
	case regionsLoadedMsg:
		return m.onRegionsLoaded(msg)
	case prefetchTickMsg:
		return m.onPrefetchTick(msg)
	case prefetchedMsg:
		return m.onPrefetched(msg)

	// The viewer and its parts.
	case consoleLoadedMsg:
		return m.onConsoleLoaded(msg)
	case followTickMsg:
		return m.viewer.onFollowTick(msg)
	case searchDoneMsg:
		return m.viewer.onSearchDone(msg)
	case findingsScannedMsg:
		return m.viewer.onFindingsScanned(msg)
	case fileLoadedMsg:
		return m.viewer.onFileLoaded(msg)
	case fileTailMsg:
		return m.viewer.onFileTail(msg)
	case fileWholeDueMsg:
		return m.viewer.onFileWholeDue()
	case captureSavedMsg:
		return m.viewer.onCaptureSaved(msg)
	case capturesListedMsg:
		return m.viewer.onCapturesListed(msg)
	case captureLoadedMsg:
		return m.viewer.onCaptureLoaded(msg)
	case logSavedMsg:
		return m.viewer.onLogSaved(msg)
	case handoffDoneMsg:
		return m.viewer.onHandoffDone(msg)
	case rebootDoneMsg:
		return m.viewer.onRebootDone(msg)
	case rebootTickMsg:
		return m.viewer.onRebootTick(msg)
	case rebootStatusMsg:
		return m.viewer.onRebootStatus(msg)
	case rebootConsoleMsg:
		return m.viewer.onRebootConsole(msg)
	case shotLoadedMsg:
		return m.viewer.onShotLoaded(msg)
	case shotCountdownMsg:
		return m.viewer.onShotCountdown(msg)

	// Fleet triage and go to instance (list_scan.go, list_goto.go).
	case scanProgressMsg:
		return m.list.onScanProgress(msg)
	case scanResultMsg:
		return m.list.onScanResult(msg)
	case gotoFoundMsg:
		return m.list.jump.onFound(msg)
	case instanceCacheSavedMsg:
		return m.list.onInstanceCacheSaved(msg)
	// Rescue (trescue): the console link, the screenshot file and the incident bundle.
	case vncLoadedMsg:
		return m.viewer.onVncLoaded(msg)
	case vncExpiredMsg:
		return m.viewer.onVncExpired(msg)
	case shotSavedMsg:
		return m.viewer.onShotSaved(msg)
	case shotDrawMsg:
		return m.viewer.onShotDraw(msg)
	case bundleWrittenMsg:
		return m.viewer.onBundleWritten(msg)
	// Boot-aware viewer (tboot).
	case compareLoadedMsg:
		return m.viewer.onCompareLoaded(msg)
	}
	// Anything else (a paste, a cursor blink) belongs to whichever text box has focus.
	return m.onOther(msg)
}

// onResize records the window size; layout gives each component its share.
func (m *Model) onResize(msg tea.WindowSizeMsg) tea.Cmd {
	m.width, m.height = msg.Width, msg.Height
	m.help.SetWidth(msg.Width)
	// Graphics on screen are redrawn for the new size (trescue).
	return m.viewer.onShotResize()
}

// onSpinnerTick turns the spinner while something loads, and lets it stop otherwise.
func (m *Model) onSpinnerTick(msg spinner.TickMsg) tea.Cmd {
	if !m.busy() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return cmd
}

// onToastExpired removes the toast it was scheduled for, and only that one.
func (m *Model) onToastExpired(msg toastExpiredMsg) tea.Cmd {
	if msg.seq == m.toast.seq {
		m.toast.text = ""
	}
	return nil
}

// onKey handles what is program-wide (ctrl+c, q, ?, the help screen) and gives every other key
// to the component on screen. A text box with focus gets every key except ctrl+c.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m.quit()
	case m.screen == screenFirstRun:
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return nil
	case m.screen == screenList && m.list.typing():
		return m.list.onFilterKey(msg)
	case m.screen == screenRegions && m.regions.typing():
		return m.regions.onFilterKey(msg)
	case m.screen == screenConsole && m.viewer.typing():
		return m.viewer.onSearchKey(msg)
	case key.Matches(msg, k.Quit):
		return m.quit()
	case m.showHelp:
		if key.Matches(msg, k.Help, k.Back) {
			m.showHelp, m.helpTop = false, 0
			return nil
		}
		m.scrollHelp(msg)
		return nil
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	}
	switch m.screen {
	case screenList:
		return m.list.onKey(msg)
	case screenRegions:
		return m.regions.onKey(msg)
	case screenConsole:
		return m.viewer.onKey(msg)
	}
	return nil
}

// onWheel scrolls the component on screen.
func (m *Model) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch {
	case m.showHelp:
		// The wheel scrolls the full help (trescue).
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			m.helpTop -= 3
		case tea.MouseWheelDown:
			m.helpTop += 3
		}
		m.clampHelp()
	case m.screen == screenConsole:
		m.viewer.onWheel(msg)
	case m.screen == screenList:
		return m.list.onWheel(msg)
	}
	return nil
}

// onOther forwards a message nobody else handles (a paste, a cursor blink) to the focused text box.
func (m *Model) onOther(msg tea.Msg) tea.Cmd {
	switch {
	case m.list.typing():
		return m.list.updateFilter(msg)
	case m.regions.typing():
		return m.regions.updateFilter(msg)
	case m.viewer.typing():
		return m.viewer.updateInput(msg)
	}
	return nil
}

// onOpenInstance switches to the viewer on an instance.
func (m *Model) onOpenInstance(msg openInstanceMsg) tea.Cmd {
	m.viewer.close()
	m.screen = screenConsole
	m.banner = nil
	region := m.region
	if msg.inst.RegionID != "" {
		region = msg.inst.RegionID
	}
	return m.viewer.open(msg.inst, region, m.list.prefetch.running(region, msg.inst.ID))
}

// onBackToList closes the viewer; the list's own failure, if any, comes back to the banner.
func (m *Model) onBackToList() tea.Cmd {
	m.viewer.close()
	m.screen = screenList
	m.banner = nil
	if m.list.err != nil {
		m.banner = m.list.err
	}
	return m.list.schedulePrefetch()
}

// onOpenRegions shows the region picker, loading the regions the first time.
func (m *Model) onOpenRegions() tea.Cmd {
	m.screen = screenRegions
	return m.regions.open(m.region)
}

// onCloseRegions goes back to the list without choosing.
func (m *Model) onCloseRegions() tea.Cmd {
	m.screen = screenList
	m.banner = nil
	return nil
}

// onSwitchRegion makes a region current and lists it; the old list and any open console are
// dropped.
func (m *Model) onSwitchRegion(msg switchRegionMsg) tea.Cmd {
	m.screen = screenList
	m.banner = nil
	if msg.region == m.region && (m.list.loading || len(m.list.all) > 0) {
		return nil
	}
	m.region = msg.region
	m.list.reset()
	m.viewer.close()
	load := m.list.load(msg.region)
	if id := m.pendingInstance; id != "" {
		// --instance without a region: the console opens once the operator has picked one.
		m.pendingInstance = ""
		return tea.Batch(load, m.onOpenInstance(openInstanceMsg{inst: fetch.Instance{ID: id, RegionID: msg.region}}))
	}
	return load
}

// onInstancesPage adds a page to the list, and fills in the viewer's instance details when it
// was opened by ID before the list arrived (--instance).
func (m *Model) onInstancesPage(msg instancesPageMsg) tea.Cmd {
	if !m.list.current(msg.region, msg.gen) {
		return nil
	}
	next := m.list.onInstancesPage(msg)
	m.viewer.enrich(m.list.find)
	return tea.Batch(next, m.prefetchOnList())
}

// onInstancesDone ends a listing.
func (m *Model) onInstancesDone(msg instancesDoneMsg) tea.Cmd {
	if !m.list.current(msg.region, msg.gen) {
		return nil
	}
	if err := m.list.onInstancesDone(msg); err != nil {
		m.setError(err)
		return nil
	}
	if m.screen == screenList {
		m.banner = nil
	}
	return tea.Batch(m.prefetchOnList(), m.list.saveInstanceCacheCmd(), m.list.scanAfterListing())
}

// prefetchOnList restarts the prefetch debounce while the list is on screen.
func (m *Model) prefetchOnList() tea.Cmd {
	if m.screen != screenList {
		return nil
	}
	return m.list.schedulePrefetch()
}

// onRegionsLoaded fills the picker.
func (m *Model) onRegionsLoaded(msg regionsLoadedMsg) tea.Cmd {
	if !m.regions.current(msg.gen) {
		return nil
	}
	if err := m.regions.onRegionsLoaded(msg, m.region); err != nil {
		m.setError(err)
		return nil
	}
	if m.screen == screenRegions {
		m.banner = nil
	}
	return nil
}

// onPrefetchTick prefetches the console under the list's cursor, if the list is still on screen.
func (m *Model) onPrefetchTick(msg prefetchTickMsg) tea.Cmd {
	if m.screen != screenList {
		return nil
	}
	return m.list.onPrefetchTick(msg)
}

// onPrefetched stores a prefetched console under its own instance; the viewer shows it if it has
// since opened that instance and is still waiting for its first answer.
func (m *Model) onPrefetched(msg prefetchedMsg) tea.Cmd {
	m.list.prefetch.done(msg.region, msg.instanceID)
	if msg.err == nil {
		m.cache.put(msg.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
	}
	if m.screen != screenConsole {
		return nil
	}
	return m.viewer.onPrefetched(msg)
}

// onConsoleLoaded caches a successful answer under its own instance (it is true data, only
// perhaps not for this screen) and hands it to the viewer, which applies it if it is still the
// one being waited for.
func (m *Model) onConsoleLoaded(msg consoleLoadedMsg) tea.Cmd {
	if msg.err == nil {
		m.cache.putUnlessNewer(msg.region, msg.instanceID, msg.out, msg.doc, msg.fetchedAt)
	}
	if m.screen != screenConsole {
		return nil
	}
	return m.viewer.onConsoleLoaded(msg)
}
