package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
)

// sortMode orders the instance list.
type sortMode int

const (
	sortByName sortMode = iota
	sortByStatus
)

// String names the order in the status bar.
func (s sortMode) String() string {
	if s == sortByStatus {
		return "status"
	}
	return "name"
}

// instanceList is the first screen: every instance of the region, filtered and sorted.
type instanceList struct {
	all  []fetch.Instance
	rows []int // indexes into all, after filter and sort
	// natural is each column's width over rows, measured when rows change rather than per frame:
	// measuring 2,000 rows on every key press cost ~12 ms a frame.
	natural []int
	cursor  int // index into rows
	offset  int // first visible row
	height  int // rows available to the table, header included

	// moved is set once the operator moves the cursor; until then it stays on the first row while
	// pages arrive, instead of following whichever instance happened to be first in page one.
	moved bool

	sortBy    sortMode
	filter    textinput.Model
	filtering bool // the filter box has focus

	loading     bool
	loadedCount int
	total       int
	gen         uint64
	cancel      context.CancelFunc
	err         error
}

func newInstanceList() instanceList {
	ti := newTextInput("name, ID or IP")
	return instanceList{filter: ti}
}

// newTextInput builds a one-line box whose cursor does not blink: a blinking cursor would tick
// forever, and an idle program should schedule nothing.
func newTextInput(placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = placeholder
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return ti
}

// consoleUnavailable explains why an instance's console cannot be fetched, or returns "".
func consoleUnavailable(in fetch.Instance) string {
	switch {
	case strings.EqualFold(in.OSType, "windows"):
		return "Windows instances do not write a serial console log: GetInstanceConsoleOutput supports Linux instances only. Use the instance screenshot or a VNC session instead."
	case in.Status == "Pending":
		return "This instance has not started yet, so ECS holds no console output for it. Its log appears after its first start."
	}
	return ""
}

// selected returns the instance under the cursor.
func (l *instanceList) selected() (fetch.Instance, bool) {
	// rows may still index an older all (mid-rebuild after a reload), so check both.
	if l.cursor < 0 || l.cursor >= len(l.rows) || l.rows[l.cursor] >= len(l.all) {
		return fetch.Instance{}, false
	}
	return l.all[l.rows[l.cursor]], true
}

// find returns the instance with this ID.
func (l *instanceList) find(id string) (fetch.Instance, bool) {
	for _, in := range l.all {
		if in.ID == id {
			return in, true
		}
	}
	return fetch.Instance{}, false
}

// matchesFilter reports whether the instance's name, ID or an address contains q (any case).
func matchesFilter(in fetch.Instance, q string) bool {
	if q == "" {
		return true
	}
	q = strings.ToLower(q)
	fields := []string{in.Name, in.ID, in.HostName, in.EIP}
	fields = append(fields, in.PrivateIPs...)
	fields = append(fields, in.PublicIPs...)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), q) {
			return true
		}
	}
	return false
}

// statusRank orders statuses by how interesting they are to someone whose VM did not come back.
func statusRank(s string) int {
	switch s {
	case "Running":
		return 0
	case "Starting":
		return 1
	case "Stopping":
		return 2
	case "Pending":
		return 3
	case "Stopped":
		return 4
	}
	return 5
}

// rebuild recomputes the visible rows, keeping the cursor on the same instance when it survives.
func (l *instanceList) rebuild() {
	keep, _ := l.selected()
	l.rebuildKeep(keep.ID)
}

// rebuildKeep recomputes the visible rows and puts the cursor on keepID if it is still listed.
// Callers that replace all take the ID first, while rows still index the old slice.
func (l *instanceList) rebuildKeep(keepID string) {
	q := l.filter.Value()
	l.rows = l.rows[:0]
	for i, in := range l.all {
		if matchesFilter(in, q) {
			l.rows = append(l.rows, i)
		}
	}
	sort.SliceStable(l.rows, func(a, b int) bool {
		x, y := l.all[l.rows[a]], l.all[l.rows[b]]
		if l.sortBy == sortByStatus {
			if rx, ry := statusRank(x.Status), statusRank(y.Status); rx != ry {
				return rx < ry
			}
		}
		nx, ny := strings.ToLower(x.Name), strings.ToLower(y.Name)
		if nx != ny {
			return nx < ny
		}
		return x.ID < y.ID
	})
	l.natural = naturalWidths(l.all, l.rows)
	l.cursor = 0
	if keepID != "" {
		for i, r := range l.rows {
			if l.all[r].ID == keepID {
				l.cursor = i
				break
			}
		}
	}
	l.clampOffset()
}

// move shifts the cursor by delta rows, clamped.
func (l *instanceList) move(delta int) {
	l.moved = true
	l.cursor = min(max(l.cursor+delta, 0), max(len(l.rows)-1, 0))
	l.clampOffset()
}

// visibleRows is how many instance rows fit under the table header.
func (l *instanceList) visibleRows() int {
	return max(l.height-1, 1)
}

// clampOffset keeps the cursor row on screen.
func (l *instanceList) clampOffset() {
	n := l.visibleRows()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+n {
		l.offset = l.cursor - n + 1
	}
	l.offset = max(min(l.offset, len(l.rows)-n), 0)
}

// countLabel is "42 instances", "3 of 42 instances" or "100 of 250 loaded".
func (l *instanceList) countLabel() string {
	switch {
	case l.loading && l.total > 0:
		return fmt.Sprintf("%d of %d loaded", l.loadedCount, l.total)
	case l.loading && len(l.all) == 0:
		return ""
	case l.filter.Value() != "":
		return fmt.Sprintf("%d of %d instances", len(l.rows), len(l.all))
	case len(l.all) == 1:
		return "1 instance"
	}
	return fmt.Sprintf("%d instances", len(l.all))
}

// statusLine is the list's status bar: filter and sort order.
func (l *instanceList) statusLine(s Styles) string {
	parts := []string{"sorted by " + l.sortBy.String()}
	if q := l.filter.Value(); q != "" {
		parts = append([]string{fmt.Sprintf("filter %q: %d of %d", q, len(l.rows), len(l.all))}, parts...)
	}
	return s.Dim.Render(strings.Join(parts, " · "))
}

// column is one table column: its title, its cell text, and how readily it is dropped when the
// window is narrow (higher priority survives longer).
type column struct {
	title    string
	cell     func(fetch.Instance) string
	maxWidth int
	priority int
}

var columns = []column{
	{"STATUS", func(in fetch.Instance) string { return in.Status }, 9, 9},
	{"NAME", func(in fetch.Instance) string { return in.Name }, 28, 10},
	{"ID", func(in fetch.Instance) string { return in.ID }, 24, 8},
	{"TYPE", func(in fetch.Instance) string { return in.Type }, 18, 3},
	{"ZONE", func(in fetch.Instance) string { return in.Zone }, 16, 2},
	{"PRIVATE IP", func(in fetch.Instance) string { return first(in.PrivateIPs) }, 15, 6},
	{"PUBLIC IP", publicIP, 21, 5},
	{"OS", osLabel, 24, 4},
}

// publicIP prefers the EIP, marked as such, over an assigned public address.
func publicIP(in fetch.Instance) string {
	if in.EIP != "" {
		return in.EIP + " (EIP)"
	}
	return first(in.PublicIPs)
}

// osLabel is the OS name, or the OS type when the name is missing.
func osLabel(in fetch.Instance) string {
	if in.OSName != "" {
		return in.OSName
	}
	return in.OSType
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// naturalWidths measures each column over the given rows, capped at the column's maximum.
func naturalWidths(all []fetch.Instance, rows []int) []int {
	widths := make([]int, len(columns))
	for i, c := range columns {
		w := ansi.StringWidth(c.title)
		for _, r := range rows {
			w = max(w, ansi.StringWidth(c.cell(all[r])))
		}
		widths[i] = min(w, c.maxWidth)
	}
	return widths
}

// layoutColumns picks the columns and widths that fit width, dropping the least useful first.
// natural holds every column's width, as naturalWidths measures them.
func layoutColumns(natural []int, width int) ([]column, []int) {
	const markW, gap = 3, 2
	cols := append([]column(nil), columns...)
	widths := append([]int(nil), natural...)
	total := func() int {
		t := markW
		for _, w := range widths {
			t += w + gap
		}
		return t
	}
	for total() > width && len(cols) > 2 {
		drop := 0
		for i, c := range cols {
			if c.priority < cols[drop].priority {
				drop = i
			}
		}
		cols = append(cols[:drop], cols[drop+1:]...)
		widths = append(widths[:drop], widths[drop+1:]...)
	}
	return cols, widths
}

// view renders the table, or what to say instead of one.
func (l *instanceList) view(width int, s Styles, spin string) string {
	if len(l.all) == 0 {
		switch {
		case l.loading:
			return s.Pane.Render(spin + " listing instances…")
		case l.err != nil:
			return s.Pane.Render("No instances could be listed; see the error above. ctrl+r tries again, R picks another region.")
		}
		return s.Pane.Render("No instances in this region. R picks another region.")
	}
	cols, widths := layoutColumns(l.natural, width)
	var b strings.Builder
	head := "   "
	for i, c := range cols {
		head += pad(c.title, widths[i]) + "  "
	}
	b.WriteString(s.TableHeader.Render(ansi.Truncate(head, width, "")))
	if len(l.rows) == 0 {
		b.WriteString("\n" + s.Dim.Render("  nothing matches the filter"))
		return b.String()
	}
	end := min(l.offset+l.visibleRows(), len(l.rows))
	for i := l.offset; i < end; i++ {
		in := l.all[l.rows[i]]
		b.WriteString("\n")
		b.WriteString(renderRow(in, cols, widths, width, i == l.cursor, s))
	}
	return b.String()
}

// renderRow draws one instance. The first cell holds the cursor (▸) and the unavailable mark (⊘),
// so both read without colour.
func renderRow(in fetch.Instance, cols []column, widths []int, width int, selected bool, s Styles) string {
	mark := " "
	if selected {
		mark = "▸"
	}
	if consoleUnavailable(in) != "" {
		mark += "⊘ "
	} else {
		mark += "  "
	}
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = pad(ansi.Truncate(c.cell(in), widths[i], "…"), widths[i])
		if c.title == "STATUS" && !selected {
			cells[i] = s.statusStyle(in.Status).Render(cells[i])
		}
	}
	line := mark + strings.Join(cells, "  ")
	line = ansi.Truncate(line, width, "…")
	switch {
	case selected:
		return s.RowSelected.Width(width).Render(line)
	case consoleUnavailable(in) != "":
		return s.Unavailable.Render(line)
	}
	return s.Row.Render(line)
}

// pad right-pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// listKey handles keys on the instance list.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k, l := m.keys, &m.list
	switch {
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-l.visibleRows())
	case key.Matches(msg, k.PageDown):
		l.move(l.visibleRows())
	case key.Matches(msg, k.Top):
		l.move(-len(l.rows))
	case key.Matches(msg, k.Bottom):
		l.move(len(l.rows))
	case key.Matches(msg, k.Open):
		if in, ok := l.selected(); ok {
			return m.openInstance(in)
		}
		return nil
	case key.Matches(msg, k.Filter):
		l.filtering = true
		return l.filter.Focus()
	case key.Matches(msg, k.Sort):
		if l.sortBy == sortByName {
			l.sortBy = sortByStatus
		} else {
			l.sortBy = sortByName
		}
		// The status bar names the order; no toast needed.
		l.rebuild()
	case key.Matches(msg, k.Region):
		return m.openRegionPicker()
	case key.Matches(msg, k.Reload):
		m.banner = nil
		return m.loadInstancesCmd()
	case key.Matches(msg, k.ClearFilter):
		l.filter.SetValue("")
		l.rebuild()
	default:
		return nil
	}
	return m.schedulePrefetch()
}

// filterKey handles keys while the filter box has focus: only these keys act, everything else is text.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	k, l := m.keys, &m.list
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m.quit()
	case key.Matches(msg, k.Accept):
		l.filtering = false
		l.filter.Blur()
		return m.schedulePrefetch()
	case key.Matches(msg, k.Cancel):
		l.filtering = false
		l.filter.Blur()
		l.filter.SetValue("")
		l.rebuild()
		return m.schedulePrefetch()
	case key.Matches(msg, k.BoxUp):
		l.move(-1)
		return m.schedulePrefetch()
	case key.Matches(msg, k.BoxDown):
		l.move(1)
		return m.schedulePrefetch()
	}
	before := l.filter.Value()
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if l.filter.Value() != before {
		l.rebuild()
	}
	return tea.Batch(cmd, m.schedulePrefetch())
}

// onInstancesPage adds a page to the list as it arrives.
func (m *Model) onInstancesPage(msg instancesPageMsg) tea.Cmd {
	l := &m.list
	if msg.gen != l.gen || msg.region != m.region {
		return nil
	}
	keep, _ := l.selected()
	if !l.moved {
		keep = fetch.Instance{}
	}
	if l.loadedCount == 0 {
		// The first page of a reload replaces the old list rather than piling onto it.
		l.all = l.all[:0]
	}
	l.all = append(l.all, msg.batch...)
	l.loadedCount += len(msg.batch)
	l.total = msg.total
	l.rebuildKeep(keep.ID)
	m.enrichViewer()
	return tea.Batch(waitChan(msg.next), m.schedulePrefetch())
}

// onInstancesDone ends a listing.
func (m *Model) onInstancesDone(msg instancesDoneMsg) tea.Cmd {
	l := &m.list
	if msg.gen != l.gen || msg.region != m.region {
		return nil
	}
	l.loading = false
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	if msg.err != nil {
		l.err = msg.err
		m.setError(msg.err)
		return nil
	}
	if l.loadedCount == 0 {
		l.all = l.all[:0]
		l.rebuildKeep("")
	}
	if m.screen == screenList {
		m.banner = nil
	}
	return m.schedulePrefetch()
}

// enrichViewer fills in the viewer's instance details (name, status, start time) once the list
// knows them, for a console opened by ID before the list arrived (--instance).
func (m *Model) enrichViewer() {
	v := &m.viewer
	if v.inst.ID == "" || v.inst.Status != "" {
		return
	}
	if in, ok := m.list.find(v.inst.ID); ok {
		v.inst = in
		if why := consoleUnavailable(in); why != "" && !v.hasContent() {
			v.unavailable = why
		}
	}
}
