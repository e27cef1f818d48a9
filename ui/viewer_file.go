package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// The file view is `bootlog view FILE`: the viewer on a log read from a file or stdin, with its
// search, wrap and hand-off keys, and nothing that talks to ECS. The program never calls the
// Fetcher in this mode (main passes nil), refresh, follow and history are switched off so the help
// never offers them, and esc quits because there is no list to go back to.

// fileLoadedMsg carries the file's rendered log.
type fileLoadedMsg struct {
	doc console.Document
}

// openFile puts the viewer on opts.File before the program starts (New calls it).
func (v *viewer) openFile() {
	v.inst = fetch.Instance{Name: v.opts.File.Name}
	v.loading = true
}

// loadFileCmd renders the file off the UI goroutine: a large log takes a moment.
func (v *viewer) loadFileCmd() tea.Cmd {
	data, color := v.opts.File.Data, !v.noColor
	return func() tea.Msg {
		return fileLoadedMsg{doc: console.RenderShared(data, console.Options{Color: color})}
	}
}

// fileHeader is the viewer's header in the file view: the file's name and size, and a reminder
// that nothing here is live.
func (v *viewer) fileHeader(brand string, width int) string {
	s := v.styles
	f := v.opts.File
	line1 := brand + "  " + s.Title.Render(f.Name) + s.Dim.Render(" · "+humanBytes(int64(len(f.Data))))
	line2 := s.Dim.Render("reading…")
	if v.have {
		line2 = s.Dim.Render(fmt.Sprintf("%s · opened from a file, not live: nothing is fetched", plural(len(v.doc.Lines), "line")))
	}
	return clip(line1, width) + "\n" + clip(line2, width)
}

// fileBody draws the file view's loading and empty panes; ok is false once there is a log to
// show, or when the viewer is not on a file.
func (v *viewer) fileBody() (string, bool) {
	if !v.fileMode() {
		return "", false
	}
	s := v.styles
	switch {
	case !v.have:
		return s.Pane.Render(v.spinner.View() + " reading " + v.opts.File.Name + "…"), true
	case len(v.doc.Lines) == 0:
		lines := []string{s.PaneTitle.Render("The log is empty"), "", v.opts.File.Name + " holds no text.", "", s.Dim.Render("esc quits")}
		return s.Pane.Render(strings.Join(lines, "\n")), true
	}
	return "", false
}
