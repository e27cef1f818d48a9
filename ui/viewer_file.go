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

// fileLoadedMsg carries the file's bytes and rendered log, or why it could not be read.
type fileLoadedMsg struct {
	data []byte
	doc  console.Document
	err  error
}

// openFile puts the viewer on opts.File before the program starts (New calls it).
func (v *viewer) openFile() {
	v.inst = fetch.Instance{Name: v.opts.File.Name}
	v.loading = true
}

// fileTailMsg carries the last lines of a large file, rendered first.
type fileTailMsg struct {
	doc console.Document
}

// tailFileBytes is the size from which a file's end is shown before the whole file is rendered:
// below it the whole render takes a few milliseconds anyway.
const tailFileBytes = 1 << 20

// tailFileLines is how many lines of the end are rendered first: more than any screen shows.
const tailFileLines = 500

// loadFileCmd renders the file off the UI goroutine. A large log takes a moment, so its last lines
// are rendered first, on their own, and the whole log is read and rendered only once they are on
// screen (onFileTail starts it): on a busy machine the two would otherwise share the CPU, and the
// end would come no sooner than the whole. The lines point into the file's bytes
// (console.RenderShared), which the viewer keeps for saving anyway.
func (v *viewer) loadFileCmd() tea.Cmd {
	f, color := v.opts.File, !v.noColor
	tailData := f.Data
	if f.Load != nil {
		tailData = f.Tail
	}
	if len(tailData) == 0 || (f.Load == nil && len(tailData) < tailFileBytes) {
		return v.wholeFileCmd()
	}
	return func() tea.Msg {
		return fileTailMsg{doc: console.RenderTail(tailData, console.Options{Color: color}, tailFileLines)}
	}
}

// wholeFileCmd reads (if need be) and renders the whole file.
func (v *viewer) wholeFileCmd() tea.Cmd {
	f, opts := *v.opts.File, console.Options{Color: !v.noColor}
	return func() tea.Msg {
		data := f.Data
		if f.Load != nil {
			var err error
			if data, err = f.Load(); err != nil {
				return fileLoadedMsg{err: err}
			}
		}
		return fileLoadedMsg{data: data, doc: console.RenderShared(data, opts)}
	}
}

// wholeFileDelay is how long after the end is on screen the whole file starts loading. Reading and
// rendering 100 MB at once kept the first frame off the screen for hundreds of milliseconds on a
// busy 2-core machine (the renderer goroutine waits while the load allocates and copies); a few
// frame periods let the end be drawn first.
const wholeFileDelay = 50 * time.Millisecond

// fileWholeDueMsg starts loading the whole file.
type fileWholeDueMsg struct{}

// onFileTail shows a large file's last lines and schedules reading and rendering the whole file.
func (v *viewer) onFileTail(msg fileTailMsg) tea.Cmd {
	if !v.fileMode() || v.have {
		return nil
	}
	v.tail = true
	// The document holds copies of the last lines; the megabyte read to find them can go.
	v.opts.File.Tail = nil
	v.lv.SetContent(msg.doc.Plain, msg.doc.Line)
	v.lv.GotoBottom()
	return v.tick(wholeFileDelay, fileWholeDueMsg{})
}

// onFileWholeDue loads the whole file, unless it is already there.
func (v *viewer) onFileWholeDue() tea.Cmd {
	if !v.fileMode() || v.have {
		return nil
	}
	return v.wholeFileCmd()
}

// fileHeader is the viewer's header in the file view: the file's name and size, and a reminder
// that nothing here is live.
func (v *viewer) fileHeader(brand string, width int) string {
	s := v.styles
	f := v.opts.File
	size := int64(len(f.Data))
	if f.Load != nil {
		size = f.Size
	}
	line1 := brand + "  " + s.Title.Render(f.Name) + s.Dim.Render(" · "+humanBytes(size))
	line2 := s.Dim.Render("reading…")
	switch {
	case v.tail && !v.have:
		line2 = v.spinner.View() + s.Dim.Render(" showing the end; indexing the whole log (scroll and search when ready)…")
	case v.have:
		line2 = s.Dim.Render(fmt.Sprintf("%s · opened from a file, not live: nothing is fetched", plural(v.doc.Len(), "line")))
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
	case v.fileErr != "":
		lines := []string{s.PaneTitle.Render("Could not read the log"), "", v.fileErr, "", s.Dim.Render("esc quits")}
		return s.Pane.Render(strings.Join(lines, "\n")), true
	case !v.have && v.tail:
		return v.lv.View(), true
	case !v.have:
		return s.Pane.Render(v.spinner.View() + " reading " + v.opts.File.Name + "…"), true
	case v.doc.Len() == 0:
		lines := []string{s.PaneTitle.Render("The log is empty"), "", v.opts.File.Name + " holds no text.", "", s.Dim.Render("esc quits")}
		return s.Pane.Render(strings.Join(lines, "\n")), true
	}
	return "", false
}
