package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the program. Bindings that do not apply to the current screen are
// disabled by (*Model).syncKeys, the one place keys are switched on and off, so the help line and
// the full help never offer a key that does nothing, and handlers need no guard of their own:
// key.Matches ignores a disabled binding.
type KeyMap struct {
	// Global.
	Quit key.Binding
	Help key.Binding
	Back key.Binding

	// Moving through a list (instances, regions).
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	// Region picker.
	Choose key.Binding

	// Instance list.
	Open   key.Binding
	Filter key.Binding
	Sort   key.Binding
	Region key.Binding
	Reload key.Binding
	// ClearFilter is esc on the list when a filter is applied.
	ClearFilter key.Binding

	// Console viewer.
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Left         key.Binding
	Right        key.Binding
	Wrap         key.Binding
	LineNumbers  key.Binding
	PlainText    key.Binding
	Search       key.Binding
	NextMatch    key.Binding
	PrevMatch    key.Binding
	OnlyMatches  key.Binding
	Refresh      key.Binding
	Follow       key.Binding

	// Capture history and hand-off (viewer).
	History     key.Binding // open or close the capture list
	ShowCapture key.Binding // enter in the capture list
	NewMarks    key.Binding // show or hide the "+" marks of lines new since the previous capture
	Save        key.Binding
	CopyLine    key.Binding
	CopyAll     key.Binding
	CopyCommand key.Binding
	Pager       key.Binding
	Editor      key.Binding

	// Reboot and watch (viewer; never enabled with --readonly) and its confirmation dialog.
	Reboot        key.Binding
	RebootConfirm key.Binding
	RebootForce   key.Binding
	RebootCancel  key.Binding
	// StopWatching is esc while a reboot is being watched.
	StopWatching key.Binding

	// Boot-failure navigator and screenshot (viewer).
	NextFinding key.Binding
	PrevFinding key.Binding
	WallClock   key.Binding
	Screenshot  key.Binding
	// CloseScreenshot is esc in the screenshot pane.
	CloseScreenshot key.Binding

	// Text boxes (search, filter): the only keys that act while a box has focus.
	Accept key.Binding
	Cancel key.Binding
	// BoxUp and BoxDown move the list cursor while the filter box has focus (letters are text there).
	BoxUp   key.Binding
	BoxDown key.Binding
	// ForceQuit works everywhere, even while typing.
	ForceQuit key.Binding

	// Fleet triage on the instance list (list_scan.go) and go to instance (list_goto.go).
	Scan         key.Binding // scan the region's boot health
	CancelScan   key.Binding // esc while a scan runs
	Problems     key.Binding // show only the instances whose boot is not ok
	HealthFilter key.Binding // cycle a filter by one health
	SortReverse  key.Binding
	GoTo         key.Binding // the "go to instance" prompt
	// Rescue (trescue): the interactive console link, the incident bundle, saving the screenshot
	// and saving the raw bytes (ctrl+s saves the sanitised text).
	VncLink  key.Binding
	Bundle   key.Binding
	SaveShot key.Binding
	SaveRaw  key.Binding
	// Boot-aware viewer (tboot): boots, go to line, the findings panel, the comparison with the
	// last good boot, less's paging keys.
	NextBoot key.Binding
	PrevBoot key.Binding
	// GotoLine opens the ":" prompt; Count is a digit of "150G".
	GotoLine key.Binding
	Count    key.Binding
	// FindingsPanel opens and closes the list of findings; ShowFinding is its enter.
	FindingsPanel key.Binding
	ShowFinding   key.Binding
	// Compare opens and closes the comparison with the last good boot.
	Compare key.Binding
	// PageDownLess and PageUpLess are less's f, ctrl+f and ctrl+b in the viewer.
	PageDownLess key.Binding
	PageUpLess   key.Binding
}

// DefaultKeyMap returns the default bindings: less and k9s habits.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/space", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),

		Choose:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose region")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Region:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "region")),
		Reload:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),

		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("ctrl+u", "half page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("ctrl+d", "half page down")),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "pan left")),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "pan right")),
		Wrap:         key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap")),
		LineNumbers:  key.NewBinding(key.WithKeys("#"), key.WithHelp("#", "line numbers")),
		PlainText:    key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "colour/plain")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next")),
		PrevMatch:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous")),
		OnlyMatches:  key.NewBinding(key.WithKeys("&"), key.WithHelp("&", "only matches")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Follow:       key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "follow")),

		History:     key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "history")),
		ShowCapture: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show capture")),
		NewMarks:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "new marks")),
		Save:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		CopyLine:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy line")),
		CopyAll:     key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy all")),
		CopyCommand: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy CLI")),
		Pager:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pager")),
		Editor:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "editor")),

		Reboot:          key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "reboot")),
		RebootConfirm:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "reboot")),
		RebootForce:     key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "force reboot")),
		RebootCancel:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
		StopWatching:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop watch")),
		NextFinding:     key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "finding ↓")),
		PrevFinding:     key.NewBinding(key.WithKeys("["), key.WithHelp("[", "finding ↑")),
		WallClock:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "wall clock")),
		Screenshot:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "screenshot")),
		CloseScreenshot: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),

		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		BoxUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		BoxDown:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		// Fleet triage and go to instance.
		Scan:         key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "scan")),
		CancelScan:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop scan")),
		Problems:     key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "problems")),
		HealthFilter: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "health filter")),
		SortReverse:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),
		GoTo:         key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "go to")),
		// Rescue (trescue).
		VncLink:  key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "console link")),
		Bundle:   key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "incident bundle")),
		SaveShot: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save PNG")),
		SaveRaw:  key.NewBinding(key.WithKeys("alt+s"), key.WithHelp("alt+s", "save raw bytes")),
		// Boot-aware viewer (tboot).
		NextBoot:      key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next boot")),
		PrevBoot:      key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous boot")),
		GotoLine:      key.NewBinding(key.WithKeys(":"), key.WithHelp(":N", "go to line")),
		Count:         key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("NG", "line N (less)")),
		FindingsPanel: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "findings")),
		ShowFinding:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump to it")),
		Compare:       key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "vs good boot")),
		PageDownLess:  key.NewBinding(key.WithKeys("f", "ctrl+f"), key.WithHelp("f/ctrl+f", "page down")),
		PageUpLess:    key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "page up")),
	}
}

// all lists every binding, for switching them all off before enabling the ones a screen uses.
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{
		&k.Quit, &k.Help, &k.Back,
		&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom,
		&k.Choose, &k.Open, &k.Filter, &k.Sort, &k.Region, &k.Reload, &k.ClearFilter,
		&k.HalfPageUp, &k.HalfPageDown, &k.Left, &k.Right, &k.Wrap, &k.LineNumbers, &k.PlainText,
		&k.Search, &k.NextMatch, &k.PrevMatch, &k.OnlyMatches, &k.Refresh, &k.Follow,
		&k.History, &k.ShowCapture, &k.NewMarks, &k.Save, &k.CopyLine, &k.CopyAll, &k.CopyCommand, &k.Pager, &k.Editor,
		&k.Reboot, &k.RebootConfirm, &k.RebootForce, &k.RebootCancel, &k.StopWatching,
		&k.NextFinding, &k.PrevFinding, &k.WallClock, &k.Screenshot, &k.CloseScreenshot,
		&k.Accept, &k.Cancel, &k.BoxUp, &k.BoxDown, &k.ForceQuit,
		// Fleet triage and go to instance.
		&k.Scan, &k.CancelScan, &k.Problems, &k.HealthFilter, &k.SortReverse, &k.GoTo,
		// Rescue (trescue).
		&k.VncLink, &k.Bundle, &k.SaveShot, &k.SaveRaw,
		// Boot-aware viewer (tboot).
		&k.NextBoot, &k.PrevBoot, &k.GotoLine, &k.Count, &k.FindingsPanel, &k.ShowFinding,
		&k.Compare, &k.PageDownLess, &k.PageUpLess,
	}
}

// enable switches the given bindings on.
func enable(bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(true)
	}
}
