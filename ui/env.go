package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
)

// env is the program-wide state the root model owns and lends to its components, as soft-serve's
// common.Common is: the fetcher, the clock, the keys and styles, the console cache and the two
// notices any component may raise (the toast and the banner). Components read it and call its
// methods; they never reach into each other or into the root.
//
// send is a component's one way to ask for something beyond itself (open an instance, go back to
// the list, quit): it runs the request through the root's update switch at once, so the screen
// changes within the same key press, exactly as an asynchronous message of that type would.
type env struct {
	f    Fetcher
	cfg  config.Config
	opts Options
	now  func() time.Time
	loc  *time.Location // zone for displayed times; tests pin it
	// tick schedules a message after d; tests replace it to fire ticks by hand.
	tick func(d time.Duration, msg tea.Msg) tea.Cmd

	// keys are enabled and disabled by (*Model).syncKeys alone; handlers only match them.
	keys    KeyMap
	styles  Styles
	noColor bool
	spinner spinner.Model

	cache *consoleCache

	// banner is the current failure, shown under the header until something succeeds.
	banner error
	toast  toast

	send func(tea.Msg) tea.Cmd
}

// realTick is tea.Tick delivering a fixed message.
func realTick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// showToast displays text and schedules its removal; a newer toast makes the older timer a no-op.
func (e *env) showToast(text string, level toastLevel) tea.Cmd {
	e.toast.seq++
	e.toast.text, e.toast.level = text, level
	return e.tick(toastTTL, toastExpiredMsg{seq: e.toast.seq})
}

// readOnly reports --readonly: no action that changes an instance is offered.
func (e *env) readOnly() bool { return e.cfg.Settings.ReadOnly }

// fileMode reports `bootlog view FILE`: nothing talks to ECS.
func (e *env) fileMode() bool { return e.opts.File != nil }

// clock formats every time the TUI shows: the time of day when it is today, the date too
// otherwise, and always the zone's UTC offset, "14:03:22 +08:00", the form the boot separators
// use, so that no time on screen is read in the wrong zone (issue 12 item 11).
func (e *env) clock(t time.Time) string {
	lt, now := t.In(e.loc), e.now().In(e.loc)
	if lt.Year() == now.Year() && lt.YearDay() == now.YearDay() {
		return lt.Format("15:04:05 -07:00")
	}
	return lt.Format("2006-01-02 15:04:05 -07:00")
}

// ago says how long before now t was, in the unit an operator reads at a glance.
func (e *env) ago(t time.Time) string {
	d := e.now().Sub(t)
	switch {
	case d < 0:
		return "in the future"
	case d < 10*time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
}

// toastLevel is how a toast is coloured.
type toastLevel int

const (
	toastInfo toastLevel = iota
	toastWarn
)

// String names the level for test failures.
func (l toastLevel) String() string {
	if l == toastWarn {
		return "warn"
	}
	return "info"
}

// toastTTL is how long a toast stays in the status bar.
const toastTTL = 4 * time.Second

// toast is a short message in the status bar that expires by itself.
type toast struct {
	text  string
	level toastLevel
	seq   uint64
}
