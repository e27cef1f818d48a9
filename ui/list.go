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
	sortByHealth
	sortByStart
	sortModes // how many there are: s cycles through them
)

// String names the order in the status bar.
func (s sortMode) String() string {
	switch s {
	case sortByStatus:
		return "status"
	case sortByHealth:
		return "boot health"
	case sortByStart:
		return "start time"
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

	sortBy sortMode
	// reverse turns the order around (S).
	reverse   bool
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
	// sticky is the instance the cursor was on when a reload started: it stays the target while
	// pages arrive, so an instance beyond the first page is found again when its page comes.
	sticky string

	prefetch prefetcher
	// scan is the boot-health scan of the region (list_scan.go).
	scan listScan
	// jump is the go-to-instance prompt and its answer (list_goto.go).
	jump gotoState
}

func newInstanceList(e *env) instanceList {
	return instanceList{env: e, filter: newTextInput("name, ID, IP, status, zone, type or OS"), prefetch: newPrefetcher(e),
		scan: listScan{env: e}, jump: newGotoState(e)}
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

// matchesFilter reports whether the instance's name, ID, an address, its status, zone, type or OS
// contains q (any case): "/stopped" finds the stopped instances, "/-h" those of zone h.
func matchesFilter(in fetch.Instance, q string) bool {
	if q == "" {
		return true
	}
	q = strings.ToLower(q)
	fields := []string{in.Name, in.ID, in.HostName, in.EIP, in.Status, in.Zone, in.Type, in.OSName, in.OSType}
	fields = append(fields, in.PrivateIPs...)
	fields = append(fields, in.PublicIPs...)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), q) {
			return true
		}
	}
	return false
}

// statusRank orders statuses by how interesting they are to someone whose VM did not come back:
// the problem states first (Stopped, then the ones stuck on the way), Running last.
func statusRank(s string) int {
	switch s {
	case "Stopped":
		return 0
	case "Starting":
		return 1
	case "Pending":
		return 2
	case "Stopping":
		return 3
	case "Running":
		return 5
	}
	return 4
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
		if matchesFilter(in, q) && l.scan.shows(in.ID) {
			l.rows = append(l.rows, i)
		}
	}
	sort.SliceStable(l.rows, func(a, b int) bool {
		x, y := l.all[l.rows[a]], l.all[l.rows[b]]
		if c := l.compare(x, y); c != 0 {
			return (c < 0) != l.reverse
		}
		// Ties keep the name order whichever way the sort goes, so reversing does not shuffle them.
		nx, ny := strings.ToLower(x.Name), strings.ToLower(y.Name)
		if nx != ny {
			return nx < ny
		}
		return x.ID < y.ID
	})
	// Widths are measured over every instance, not the filtered rows, so the columns stay put
	// while the operator types a filter.
	l.natural = naturalWidths(l.all)
	if !l.scan.running && !l.scan.scanned() {
		// The BOOT column appears when the region's first scan starts, and then stays.
		l.natural[bootColumn] = 0
	}
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

// compare orders two instances by the sort key: negative when x comes first, 0 on a tie (which
// the name breaks). Name order is the tie-break, so sortByName compares nothing here.
func (l *instanceList) compare(x, y fetch.Instance) int {
	switch l.sortBy {
	case sortByStatus:
		return statusRank(x.Status) - statusRank(y.Status)
	case sortByHealth:
		return l.scan.rank(x.ID) - l.scan.rank(y.ID)
	case sortByStart:
		// Most recent start first: after a reboot wave, the machines that came back are on top
		// and the ones that did not restart sink.
		return y.StartTime.Compare(x.StartTime)
	case sortByName:
		nx, ny := strings.ToLower(x.Name), strings.ToLower(y.Name)
		return strings.Compare(nx, ny)
	}
	return 0
}

// setSize gives the table its height, its header included. The cursor is kept on screen: a
// window that shrinks must not hide the row enter would open.
func (l *instanceList) setSize(width, height int) {
	l.setRows(height - 1)
	l.clamp(len(l.rows))
	l.jump.setRows(height - 2)
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

// statusLine is the list's status bar: the selected instance's scan verdict when it has one,
// then filter, health filter and sort order, and the legend of the marks on screen.
func (l *instanceList) statusLine() string {
	s := l.styles
	if l.jump.showing() {
		return s.Dim.Render("go to instance")
	}
	order := "sorted by " + l.sortBy.String()
	if l.reverse {
		order += " (reversed)"
	}
	parts := []string{order}
	if hf := l.scan.filterLabel(); hf != "" {
		parts = append([]string{hf}, parts...)
	}
	if q := l.filter.Value(); q != "" {
		parts = append([]string{fmt.Sprintf("filter %q: %d of %d", q, len(l.rows), len(l.all))}, parts...)
	}
	if l.unavailableShown() {
		parts = append(parts, "⊘ no serial console")
	}
	line := s.Dim.Render(strings.Join(parts, " · "))
	if in, ok := l.selected(); ok {
		if d := l.scan.detail(in.ID); d != "" {
			line = d + s.Dim.Render(" · ") + line
		}
	}
	return line
}

// unavailableShown reports whether a row on screen carries the ⊘ mark, which then gets its legend.
func (l *instanceList) unavailableShown() bool {
	from, to := l.window(len(l.rows))
	for i := from; i < to; i++ {
		if consoleUnavailable(l.all[l.rows[i]]) != "" {
			return true
		}
	}
	return false
}

// column is one table column: its title, its cell text, and how readily it is dropped when the
// window is narrow (higher priority survives longer). The BOOT column's cell comes from the
// scan, not the instance, so its cell func is nil and its width fixed (bootWidth).
type column struct {
	title    string
	cell     func(fetch.Instance) string
	maxWidth int
	priority int
}

// bootTitle names the scan's column; bootWidth fits the longest label, "? unknown" and
// "✗ critical", so the column never changes width as results arrive.
const (
	bootTitle = "BOOT"
	bootWidth = 10
)

// bootColumn is the BOOT column's index in columns.
const bootColumn = 1

var columns = []column{
	{"STATUS", func(in fetch.Instance) string { return in.Status }, 9, 9},
	{bootTitle, nil, bootWidth, 8},
	{"NAME", func(in fetch.Instance) string { return in.Name }, 28, 10},
	{"ID", func(in fetch.Instance) string { return in.ID }, 24, 7},
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

// naturalWidths measures each column over every instance, capped at the column's maximum.
func naturalWidths(all []fetch.Instance) []int {
	widths := make([]int, len(columns))
	for i, c := range columns {
		if c.cell == nil {
			widths[i] = c.maxWidth
			continue
		}
		w := ansi.StringWidth(c.title)
		for _, in := range all {
			w = max(w, ansi.StringWidth(c.cell(in)))
		}
		widths[i] = min(w, c.maxWidth)
	}
	return widths
}

// layoutColumns picks the columns and widths that fit width, dropping the least useful first.
// natural holds every column's width, as naturalWidths measures them.
func layoutColumns(natural []int, width int) ([]column, []int) {
	const markW, gap = 3, 2
	var cols []column
	var widths []int
	for i, c := range columns {
		// A width of 0 hides a column (BOOT before any scan).
		if natural[i] > 0 {
			cols, widths = append(cols, c), append(widths, natural[i])
		}
	}
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
	if l.jump.showing() {
		return l.jump.View(width, height)
	}
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
		b.WriteString("\n" + s.Dim.Render("  "+l.scan.emptyReason()))
		return b.String()
	}
	from, to := l.window(len(l.rows))
	for i := from; i < to; i++ {
		in := l.all[l.rows[i]]
		b.WriteString("\n")
		b.WriteString(renderRow(in, l.scan.cell(in.ID), cols, widths, width, i == l.cursor, s))
	}
	return b.String()
}

// renderRow draws one instance. The first cell holds the cursor (▸) and the unavailable mark (⊘),
// so both read without colour.
// boot is the BOOT cell: the health label and its style.
func renderRow(in fetch.Instance, boot bootCell, cols []column, widths []int, width int, selected bool, s Styles) string {
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
		if c.cell == nil {
			cells[i] = pad(ansi.Truncate(boot.text, widths[i], "…"), widths[i])
			if !selected {
				cells[i] = boot.style(s).Render(cells[i])
			}
			continue
		}
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
	if region == l.region && l.moved {
		// A reload: find the selected instance again whichever page brings it back.
		if in, ok := l.selected(); ok {
			l.sticky = in.ID
		}
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

// stop cancels a listing, a scan and a search in flight (the program is ending).
func (l *instanceList) stop() {
	if l.cancel != nil {
		l.cancel()
	}
	l.scan.stop()
	l.jump.close()
}

// reset empties the list for another region.
func (l *instanceList) reset() {
	l.all = l.all[:0]
	l.moved = false
	l.sticky = ""
	l.filter.SetValue("")
	l.scan.reset()
	l.rebuildKeep("")
}

// current reports whether a listing message belongs to the listing in progress.
func (l *instanceList) current(region string, gen uint64) bool {
	return gen == l.gen && region == l.region
}

// onInstancesPage adds a page to the list as it arrives and waits for the next.
func (l *instanceList) onInstancesPage(msg instancesPageMsg) tea.Cmd {
	keep, _ := l.selected()
	keepID := keep.ID
	if !l.moved {
		keepID = ""
	}
	if l.sticky != "" {
		keepID = l.sticky
	}
	if l.loadedCount == 0 {
		// The first page of a reload replaces the old list rather than piling onto it.
		l.all = l.all[:0]
	}
	l.all = append(l.all, msg.batch...)
	l.loadedCount += len(msg.batch)
	l.total = msg.total
	l.rebuildKeep(keepID)
	if in, ok := l.selected(); ok && in.ID == l.sticky {
		l.sticky = ""
	}
	return waitChan(msg.next)
}

// onInstancesDone ends a listing and returns its error, which the caller reports.
func (l *instanceList) onInstancesDone(msg instancesDoneMsg) error {
	l.loading = false
	l.sticky = ""
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

// typing reports whether a text box (the filter, the go-to prompt) has the keys.
func (l *instanceList) typing() bool { return l.filtering || l.jump.typing() }

// enableKeys switches on the list's bindings (syncKeys calls it).
func (l *instanceList) enableKeys(k *KeyMap) {
	if l.jump.typing() {
		enable(&k.Accept, &k.Cancel)
		return
	}
	if l.filtering {
		enable(&k.Accept, &k.Cancel, &k.BoxUp, &k.BoxDown)
		return
	}
	if l.jump.active() {
		l.jump.enableKeys(k)
		return
	}
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Filter, &k.Sort, &k.Region, &k.Reload)
	enable(&k.SortReverse, &k.GoTo)
	if _, ok := l.selected(); ok {
		enable(&k.Open)
	}
	l.scan.enableKeys(k, len(l.all) > 0)
	if l.filter.Value() != "" && !l.scan.running {
		// While a scan runs, esc stops it; the filter is cleared with the next esc.
		enable(&k.ClearFilter)
	}
}

// onKey handles keys on the instance list.
func (l *instanceList) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &l.keys
	if l.jump.active() {
		return l.jump.onResultsKey(msg)
	}
	if l.moveKey(msg, k, len(l.rows), l.fit) {
		l.moved = true
		l.sticky = ""
		return l.schedulePrefetch()
	}
	if handled, refilter, request := l.scan.onKey(msg); handled {
		if request {
			return l.requestScan()
		}
		if refilter {
			l.rebuild()
			return l.schedulePrefetch()
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		in, _ := l.selected()
		return l.send(openInstanceMsg{inst: in})
	case key.Matches(msg, k.Filter):
		l.filtering = true
		return l.filter.Focus()
	case key.Matches(msg, k.Sort):
		l.sortBy = (l.sortBy + 1) % sortModes
		// The status bar names the order; no toast needed.
		l.rebuild()
	case key.Matches(msg, k.SortReverse):
		l.reverse = !l.reverse
		l.rebuild()
	case key.Matches(msg, k.GoTo):
		return l.jump.open()
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
	l.sticky = ""
	l.cursor += delta
	l.clamp(len(l.rows))
}

// onFilterKey handles keys while the filter box has focus: only these keys act, everything else
// is text.
func (l *instanceList) onFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &l.keys
	if l.jump.typing() {
		return l.jump.onKey(msg)
	}
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
	if l.jump.typing() {
		var cmd tea.Cmd
		l.jump.input, cmd = l.jump.input.Update(msg)
		return cmd
	}
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

// filterView is the text box with focus (the filter or the go-to prompt) for the status bar.
func (l *instanceList) filterView() string {
	if l.jump.typing() {
		return l.jump.input.View()
	}
	return l.filter.View()
}

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

// requestScan is `x`: the first scan judges the instances listed; later ones relist the region
// first, because only a fresh StartTime tells which instances rebooted since.
func (l *instanceList) requestScan() tea.Cmd {
	if !l.scan.scanned() {
		return l.startScan()
	}
	l.scan.afterLoad = true
	l.banner = nil
	return l.load(l.region)
}

// scanAfterListing is called when a listing ends: it starts the scan asked for by `x`, or the
// automatic one (auto_scan in the settings file).
func (l *instanceList) scanAfterListing() tea.Cmd {
	if !l.scan.afterLoad && !l.cfg.Settings.AutoScan {
		return nil
	}
	l.scan.afterLoad = false
	if len(l.all) == 0 || l.fileMode() {
		return nil
	}
	return l.startScan()
}

// startScan scans the listed instances; the BOOT column appears as it starts.
func (l *instanceList) startScan() tea.Cmd {
	cmd := l.scan.start(l.region, l.all)
	l.rebuild()
	return cmd
}

// onScanProgress records a progress report of the region's scan.
func (l *instanceList) onScanProgress(msg scanProgressMsg) tea.Cmd {
	return l.scan.onProgress(msg, l.region)
}

// onScanResult applies a scan's summaries, then reorders and refilters the rows by them.
func (l *instanceList) onScanResult(msg scanResultMsg) tea.Cmd {
	applied, cmd := l.scan.onResult(msg, l.region)
	if !applied {
		return nil
	}
	l.rebuild()
	if !l.scan.running && cmd == nil {
		return l.schedulePrefetch()
	}
	return cmd
}
