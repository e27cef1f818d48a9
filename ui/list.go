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

// instanceList is the first screen: every instance of the region, filtered and sorted. It owns
// the listing (DescribeInstances, streamed page by page), the filter box and the prefetch of the
// console under a resting cursor.
type instanceList struct {
	*env

	all  []fetch.Instance
	rows []int // indexes into all, after filter and sort
	// natural is each column's width over rows, measured when rows change rather than per frame:
	// measuring 2,000 rows on every key press cost ~12 ms a frame.
	natural []int
	scroller

	// moved is set once the operator moves the cursor; until then it stays on the first row while
	// pages arrive, instead of following whichever instance happened to be first in page one.
	moved bool

	sortBy    sortMode
	filter    textinput.Model
	filtering bool // the filter box has focus

	// region is the region listed; gen numbers the listings, and a page or end of any other
	// listing is dropped.
	region      string
	loading     bool
	loadedCount int
	total       int
	gen         uint64
	cancel      context.CancelFunc
	err         error

	prefetch prefetcher
}

func newInstanceList(e *env) instanceList {
	return instanceList{env: e, filter: newTextInput("name, ID or IP"), prefetch: newPrefetcher(e)}
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
	l.clamp(len(l.rows))
}

// setSize gives the table its height, its header included.
func (l *instanceList) setSize(width, height int) {
	l.setRows(height - 1)
	// The box scrolls horizontally past this width; the rest of the line is for notices.
	l.filter.SetWidth(min(40, max(width-4, 1)))
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
func (l *instanceList) statusLine() string {
	s := l.styles
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
	{"PRIVATE IP", func(in fetch.Instance) string { return firstOf(in.PrivateIPs) }, 15, 6},
	{"PUBLIC IP", publicIP, 21, 5},
	{"OS", osLabel, 24, 4},
}

// publicIP prefers the EIP, marked as such, over an assigned public address.
func publicIP(in fetch.Instance) string {
	if in.EIP != "" {
		return in.EIP + " (EIP)"
	}
	return firstOf(in.PublicIPs)
}

// osLabel is the OS name, or the OS type when the name is missing.
func osLabel(in fetch.Instance) string {
	if in.OSName != "" {
		return in.OSName
	}
	return in.OSType
}

func firstOf(ss []string) string {
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

// View renders the table, or what to say instead of one.
func (l *instanceList) View(width, height int) string {
	s, spin := l.styles, l.spinner.View()
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
	from, to := l.window(len(l.rows))
	for i := from; i < to; i++ {
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

// load starts listing region, cancelling any listing still running.
func (l *instanceList) load(region string) tea.Cmd {
	if l.cancel != nil {
		l.cancel()
	}
	l.region = region
	l.gen++
	l.loading = true
	l.loadedCount = 0
	l.total = 0
	l.err = nil
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	f, gen := l.f, l.gen
	return func() tea.Msg {
		// onPage may run on the client's goroutines; it only hands copies to the channel, and gives
		// up when the listing is superseded so the goroutine never leaks on a full channel.
		ch := make(chan tea.Msg, 8)
		go func() {
			defer close(ch)
			err := f.StreamInstances(ctx, region, func(batch []fetch.Instance, total int) {
				page := instancesPageMsg{region: region, gen: gen, batch: safeInstances(batch), total: total, next: ch}
				select {
				case ch <- page:
				case <-ctx.Done():
				}
			})
			select {
			case ch <- instancesDoneMsg{region: region, gen: gen, err: safeErr(err)}:
			case <-ctx.Done():
			}
		}()
		return waitChan(ch)()
	}
}

// waitChan delivers the next message of a listing.
func waitChan(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// stop cancels a listing in flight (the program is ending).
func (l *instanceList) stop() {
	if l.cancel != nil {
		l.cancel()
	}
}

// reset empties the list for another region.
func (l *instanceList) reset() {
	l.all = l.all[:0]
	l.moved = false
	l.filter.SetValue("")
	l.rebuildKeep("")
}

// current reports whether a listing message belongs to the listing in progress.
func (l *instanceList) current(region string, gen uint64) bool {
	return gen == l.gen && region == l.region
}

// onInstancesPage adds a page to the list as it arrives and waits for the next.
func (l *instanceList) onInstancesPage(msg instancesPageMsg) tea.Cmd {
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
	return waitChan(msg.next)
}

// onInstancesDone ends a listing and returns its error, which the caller reports.
func (l *instanceList) onInstancesDone(msg instancesDoneMsg) error {
	l.loading = false
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	if msg.err != nil {
		l.err = msg.err
		return msg.err
	}
	if l.loadedCount == 0 {
		l.all = l.all[:0]
		l.rebuildKeep("")
	}
	return nil
}

// setStatus keeps an instance's status in step with what the viewer saw (the reboot watch), so
// going back to the list does not show a stale "Stopping". Column widths depend on names, not
// statuses.
func (l *instanceList) setStatus(id, status string) {
	for i := range l.all {
		if l.all[i].ID == id {
			l.all[i].Status = status
		}
	}
}

// typing reports whether the filter box has the keys.
func (l *instanceList) typing() bool { return l.filtering }

// enableKeys switches on the list's bindings (syncKeys calls it).
func (l *instanceList) enableKeys(k *KeyMap) {
	if l.filtering {
		enable(&k.Accept, &k.Cancel, &k.BoxUp, &k.BoxDown)
		return
	}
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Filter, &k.Sort, &k.Region, &k.Reload)
	if _, ok := l.selected(); ok {
		enable(&k.Open)
	}
	if l.filter.Value() != "" {
		enable(&k.ClearFilter)
	}
}

// onKey handles keys on the instance list.
func (l *instanceList) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &l.keys
	if l.moveKey(msg, k, len(l.rows), l.fit) {
		l.moved = true
		return l.schedulePrefetch()
	}
	switch {
	case key.Matches(msg, k.Open):
		in, _ := l.selected()
		return l.send(openInstanceMsg{inst: in})
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
		return l.send(openRegionsMsg{})
	case key.Matches(msg, k.Reload):
		l.banner = nil
		return l.load(l.region)
	case key.Matches(msg, k.ClearFilter):
		l.filter.SetValue("")
		l.rebuild()
	default:
		return nil
	}
	return l.schedulePrefetch()
}

// onWheel moves the cursor with the mouse wheel.
func (l *instanceList) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch msg.Mouse().Button {
	case tea.MouseWheelUp:
		l.moveBy(-1)
	case tea.MouseWheelDown:
		l.moveBy(1)
	default:
		return nil
	}
	return l.schedulePrefetch()
}

// moveBy moves the cursor delta rows, as the operator does.
func (l *instanceList) moveBy(delta int) {
	l.moved = true
	l.cursor += delta
	l.clamp(len(l.rows))
}

// onFilterKey handles keys while the filter box has focus: only these keys act, everything else
// is text.
func (l *instanceList) onFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &l.keys
	switch {
	case key.Matches(msg, k.Accept):
		l.filtering = false
		l.filter.Blur()
		return l.schedulePrefetch()
	case key.Matches(msg, k.Cancel):
		l.filtering = false
		l.filter.Blur()
		l.filter.SetValue("")
		l.rebuild()
		return l.schedulePrefetch()
	case key.Matches(msg, k.BoxUp):
		l.moveBy(-1)
		return l.schedulePrefetch()
	case key.Matches(msg, k.BoxDown):
		l.moveBy(1)
		return l.schedulePrefetch()
	}
	return l.updateFilter(msg)
}

// updateFilter gives the filter box a key, a paste or a cursor blink, and applies the new text.
func (l *instanceList) updateFilter(msg tea.Msg) tea.Cmd {
	before := l.filter.Value()
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if l.filter.Value() != before {
		l.rebuild()
	}
	if _, isKey := msg.(tea.KeyPressMsg); isKey || l.filter.Value() != before {
		return tea.Batch(cmd, l.schedulePrefetch())
	}
	return cmd
}

// filterView is the filter box for the status bar.
func (l *instanceList) filterView() string { return l.filter.View() }

// schedulePrefetch restarts the prefetch debounce for the instance under the cursor.
func (l *instanceList) schedulePrefetch() tea.Cmd {
	in, ok := l.selected()
	return l.prefetch.schedule(l.region, in, ok)
}

// onPrefetchTick prefetches the console under the cursor if the cursor has rested there.
func (l *instanceList) onPrefetchTick(msg prefetchTickMsg) tea.Cmd {
	in, ok := l.selected()
	return l.prefetch.onTick(msg, l.region, in, ok)
}
