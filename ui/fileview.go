package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// The file view is `bootlog view FILE`: the viewer on a log read from a file or stdin, with its
// search, wrap and hand-off keys, and nothing that talks to ECS. The program never calls the
// Fetcher in this mode (main passes nil), refresh, follow and history are switched off so the help
// never offers them, and esc quits because there is no list to go back to.

// FileSource is a log to open in the viewer instead of an instance's console.
type FileSource struct {
	// Name is shown in the header and the window title: the path as given, or "stdin".
	Name string
	// Data is the log exactly as read; it is rendered like console output.
	Data []byte
}

// fileLoadedMsg carries the file's rendered log.
type fileLoadedMsg struct {
	doc console.Document
}

func (fileLoadedMsg) historyMsg() {}

// openFile puts the model straight into the viewer for opts.File. It runs in New.
func (m *Model) openFile() {
	m.screen = screenConsole
	m.pendingInstance = ""
	v := &m.viewer
	v.inst = fetch.Instance{Name: m.opts.File.Name}
	v.loading = true
	m.keys.Back.SetHelp("esc", "quit")
}

// loadFileCmd renders the file off the UI goroutine: a large log takes a moment.
func (m *Model) loadFileCmd() tea.Cmd {
	data, color := m.opts.File.Data, !m.noColor
	return func() tea.Msg {
		return fileLoadedMsg{doc: console.Render(data, console.Options{Color: color})}
	}
}

// onFileLoaded shows the file at its end, where boots fail.
func (m *Model) onFileLoaded(msg fileLoadedMsg) tea.Cmd {
	if m.opts.File == nil {
		return nil
	}
	m.viewer.loading = false
	return m.applyConsole(fetch.ConsoleOutput{Data: m.opts.File.Data}, msg.doc, time.Time{}, true)
}

// fileHeader is the viewer's header in the file view: the file's name and size, and a reminder
// that nothing here is live.
func (m *Model) fileHeader(brand string) string {
	s, v := m.styles, &m.viewer
	f := m.opts.File
	line1 := brand + "  " + s.Title.Render(f.Name) + s.Dim.Render(" · "+humanBytes(int64(len(f.Data))))
	line2 := s.Dim.Render("reading…")
	if v.have {
		line2 = s.Dim.Render(fmt.Sprintf("%s · opened from a file, not live: nothing is fetched", plural(len(v.doc.Lines), "line")))
	}
	return m.clip(line1) + "\n" + m.clip(line2)
}

// fileBody draws the file view's loading and empty panes; ok is false once there is a log to show.
func (m *Model) fileBody() (string, bool) {
	s, v := m.styles, &m.viewer
	switch {
	case !v.have:
		return s.Pane.Render(m.spinner.View() + " reading " + m.opts.File.Name + "…"), true
	case len(v.doc.Lines) == 0:
		lines := []string{s.PaneTitle.Render("The log is empty"), "", m.opts.File.Name + " holds no text.", "", s.Dim.Render("esc quits")}
		return s.Pane.Render(strings.Join(lines, "\n")), true
	}
	return "", false
}
