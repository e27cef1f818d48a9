package ui

import (
	"context"
	"image"
	"regexp"
	"sort"
	"time"

	"charm.land/bubbles/v2/textinput"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/history"
	"github.com/bootlog/bootlog/ui/imageview"
	"github.com/bootlog/bootlog/ui/logview"
)

// What the viewer holds, part by part. Every part's state is declared here, under the one struct,
// so each part (viewer_*.go) builds on this file and nothing here calls a part: the files of the
// viewer depend on each other in one direction, from the keys and the view at the top, through
// viewer.go (opening, fetching, the one method that replaces the document), to the parts, the
// lines and marks plumbing, and this file.

// viewer is the console screen of one instance. Closing it (close) starts a fresh one that keeps
// only the operator's choices and the state that must outlive an instance (the last block).
type viewer struct {
	*env

	inst   fetch.Instance
	region string

	out  fetch.ConsoleOutput
	doc  console.Document // assigned by setDoc alone
	have bool             // out/doc hold a successful answer
	// tail is set while a large file's last lines are on screen and the whole file is still
	// being rendered; they sit in lv only, and the keys wait for the whole log (have).
	tail bool
	// fileErr is why the file could not be read (FileSource.Load failed).
	fileErr   string
	fetchedAt time.Time // when that answer arrived
	lv        logview.Model

	width, height int

	loading        bool
	loadingPurpose fetchPurpose
	// awaitPrefetch is set when the console was opened while its prefetch was in flight: the
	// viewer takes that answer instead of asking a second time.
	awaitPrefetch bool
	// gen numbers the viewer's console fetches; an answer to any other one is dropped.
	gen    uint64
	cancel context.CancelFunc

	// unavailable explains why this instance has no console (Windows, never started); no fetch is made.
	unavailable string

	follow bool
	// followSince is when follow was last turned on: a check before it belongs to an earlier
	// follow (or a refresh) and is not shown as this one's.
	followSince time.Time
	followSeq   uint64 // the pending follow tick; older ones are dropped
	followPoll  fetch.PollBackoff
	lastCheck   time.Time

	search   searchState
	captures captureView // the capture list and the capture on screen instead of the live log
	reboot   rebootWatch
	nav      navState
	shot     shotPane

	// plainText shows the console without its colours (C), for logs whose colours hide text or a
	// terminal that renders them badly. It carries over to the next instance, as wrap does.
	plainText bool
	hist      historyCtl // the capture store
	handoff   handoffCtl // where save writes, how the pager and editor are found
	// seq numbers watches, scans, screenshots and countdowns, so an answer meant for a viewer
	// that has since been closed cannot match a number the new viewer uses.
	seq uint64
	// shotLast is when GetInstanceScreenshot was last called, by cacheKey(region, id): ECS's limit
	// is per instance, not per visit.
	shotLast map[string]time.Time
	// rules is the findings rule table; findings point into it, so it is built once.
	rules []findings.Rule
	marks markSync

	// Rescue (trescue): every RequestId seen for this instance, for the incident bundle, and
	// the interactive console link last fetched.
	requestIDs []string
	vnc        vncState
	// lastShot is the latest screenshot of this instance, kept for the bundle after its pane is
	// closed; bodyTop is the screen row (0-based) where the body starts, for graphics.
	lastShot   []byte
	lastShotAt time.Time
	bodyTop    int
	// Boot-aware viewer (tboot).
	jump    lineJump      // the ":" prompt and a count typed before G
	panel   findingsPanel // the list of every finding (!)
	compare compareView   // the comparison with the last good boot (D)
}

// nextSeq returns a number no earlier call returned.
func (v *viewer) nextSeq() uint64 {
	v.seq++
	return v.seq
}

// hasContent reports whether there are log lines on screen.
func (v *viewer) hasContent() bool { return v.have && v.doc.Len() > 0 }

// live reports whether the viewer shows an instance of ECS (not a file), the only case where
// reboot and screenshot mean anything.
func (v *viewer) live() bool {
	return !v.fileMode() && v.f != nil && v.inst.ID != ""
}

// typing reports whether the search box or the go-to-line prompt has the keys.
func (v *viewer) typing() bool { return v.search.typing || v.jump.typing }

// searchState is the viewer's search: the box, the compiled pattern and its matches.
type searchState struct {
	input  textinput.Model
	typing bool // the search box has focus

	query   string         // the pattern the matches belong to
	q       logview.Query  // query compiled
	re      *regexp.Regexp // q's expression; nil when no search is active
	notice  string         // "invalid regexp, searched literally"
	matches []logview.Match
	// total counts every match: more than len(matches) when the search kept only the first
	// logview.MaxMatches, which are all that is highlighted, stepped through and shown by &.
	total   int
	pending bool // an off-thread search has not answered yet

	// searcher searches the document shown; setDoc drops it when the document changes and the
	// next search builds it again. found and foundIn are the query and searcher that matches
	// came from, complete, so the next keystroke can search only their lines.
	searcher *logview.Searcher
	found    logview.Query
	foundIn  *logview.Searcher

	gen    uint64
	cancel context.CancelFunc

	// origin is where the view was when the search box opened: every keystroke searches from
	// there, and a search that ends with no match (or esc) goes back to it, as vim and less do.
	origin readingPosition

	only bool // show only matching lines and their context
	// lineMap maps each shown line to its log line, -1 for a line of the view (a boot separator,
	// a "--" between only-matching groups); nil when the view shows exactly the log's lines.
	lineMap []int
}

func newSearchState() searchState {
	return searchState{input: newTextInput("regexp (lower case ignores case)")}
}

// cancelRunning stops an off-thread search.
func (s *searchState) cancelRunning() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// shownIndex is where log line l is in the view (through search.lineMap, which the only-matching
// view and boot separators set): the first shown line at or after it, or the separator right
// above that line, so a boot is shown with its label. Past the end it is the last line.
func (v *viewer) shownIndex(l int) int {
	lm := v.search.lineMap
	if lm == nil {
		return l
	}
	// A separator never stands last or next to another, so reading it as the line below it
	// keeps the map sorted for the search.
	at := func(j int) int {
		if lm[j] < 0 && j+1 < len(lm) {
			return lm[j+1]
		}
		return lm[j]
	}
	return sort.Search(len(lm), func(j int) bool { return at(j) >= l })
}

// captureView is the viewer's capture list and the capture shown instead of the live log.
type captureView struct {
	open    bool // the list replaces the log
	loading bool // a list or capture load is on its way
	items   []history.Capture
	err     error
	scroller
	seq uint64 // the load being waited for

	// shown is the capture on screen; nil means the live log.
	shown *history.Capture
	// isNew[i] says doc line i is new since the previous capture; hasPrev is false for the
	// oldest capture kept, which has nothing to compare with.
	isNew    []bool
	hasPrev  bool
	newCount int
	marksOn  bool
	// marksGen changes whenever isNew or marksOn does; applied records what the gutter holds.
	marksGen uint64
	applied  marksKey
	// sentinel is the first shown line given a "+" (-1 if none). Another feature that replaces
	// the whole marks map drops it, which tells syncCaptureMarks to add the marks again; one
	// that keeps foreign marks leaves it, so the two never rebuild each other's maps in turn.
	sentinel int
}

// historyCtl is the capture store. store is nil when history is off or its directory could not
// be opened; openErr then says why, in the capture list.
type historyCtl struct {
	store *history.Store
	// enabled is the operator's choice; H is offered even when opening failed, to explain.
	enabled bool
	openErr error
	// seq numbers every list and capture load across viewers, so an answer for an instance that
	// was closed and reopened is still recognised as stale.
	seq uint64
}

// marksKey identifies the inputs of the gutter marks last set, so they are rebuilt only when one
// of them changes: the capture, the toggle, the only-matching line map and the rendered mark (the
// theme may have changed).
type marksKey struct {
	gen     uint64
	on      bool
	lineMap *int
	mapLen  int
	mark    string
}

// navState is the navigator of the viewer's text.
type navState struct {
	// raw is the text as it arrived, kept while wall-clock times replace the viewer's doc.
	raw console.Document

	gen      uint64 // the scan the findings belong to (0: none yet)
	pending  bool   // a scan of a large log has not answered yet
	findings []findings.Finding
	summary  string
	worst    findings.Severity

	// boots is the text's boot structure, anchored to wall-clock time where it can be;
	// bootKnown says whether any boot's start is known (t is offered then).
	boots     findings.Boots
	bootKnown bool
	wallClock bool
	// bootJump is the boot { or } last went to (-1: none) and bootJumpTop the top line right
	// after: while the view has not moved, the status bar and the next jump count from that boot.
	bootJump    int
	bootJumpTop int

	// cur is the finding last jumped to (-1: none) and jumpTop the top line right after that jump:
	// while the view has not moved, ] and [ step from cur instead of from the screen.
	cur     int
	jumpTop int
}

// markSync remembers what the finding marks last put in the gutter were made from, so they are
// replaced only when one of those inputs changes.
type markSync struct {
	key markKey
}

// markKey is everything the finding marks depend on.
type markKey struct {
	gen     uint64
	n       int
	lineMap *int
	mapLen  int
	styles  [3]string
}

// rebootWatch is the viewer's reboot: the confirmation, then the watch.
type rebootWatch struct {
	confirming bool // the dialog is open

	active     bool   // a reboot was asked for and its new log is awaited
	requesting bool   // RebootInstance has not answered yet
	id         uint64 // names every tick and answer of this watch
	seq        uint64 // the current tick; older ones are dropped
	force      bool
	poll       fetch.PollBackoff
	cancel     context.CancelFunc

	// baseline and baseData are the log before the reboot: a log is new when ECS reports a later
	// LastUpdateTime, or, when it reported none, different bytes.
	baseline time.Time
	baseData []byte

	// timeline is each status seen, consecutive repeats folded: Running → Stopping → Starting.
	timeline []string
	// doneAt is when the new log arrived; the finished timeline stays in the header.
	doneAt time.Time

	// Start and watch (trescue): dialogStart is the dialog's action (B on a Stopped instance
	// starts it), start the watch's; requestedAt is when the request was sent, for the bundle's
	// timeline, and stamps the time each status was first seen.
	dialogStart bool
	start       bool
	requestedAt time.Time
	stamps      []time.Time
}

// instanceLabel names the viewer's instance as "name (id)", or the ID alone.
func (v *viewer) instanceLabel() string {
	in := v.inst
	if in.Name != "" && in.Name != in.ID {
		return in.Name + " (" + in.ID + ")"
	}
	return in.ID
}

// shotPane is the viewer's screenshot pane.
type shotPane struct {
	open    bool
	loading bool
	seq     uint64 // the request being waited for

	img    image.Image
	format string // "png" or "jpeg"
	at     time.Time

	// rendered is the half-block picture for rw×rh cells; drawing one costs a resize of the
	// whole image, so it is redone only when the image or the pane size changes.
	rendered string
	rw, rh   int

	// countdown numbers the 1 s ticks of "screenshot available in N s"; a newer press or a new
	// viewer makes older ticks stale.
	countdown uint64

	// data is the image as ECS sent it (s saves it); draw numbers the graphics draws, so a
	// resize's redraw supersedes the one before (trescue).
	data []byte
	draw uint64
}

// handoffCtl holds where hand-off writes and how it finds the pager and editor.
type handoffCtl struct {
	saveDir string
	// tmpDir is where pager and editor copies are written; "" is the system default.
	tmpDir string
	// getenv reads PAGER and EDITOR when the program runs one; tests replace it.
	getenv func(string) string
	// tmux is set when bootlog runs inside tmux (TMUX is set): copies are also sent through
	// tmux's passthrough (clipboard.go).
	tmux bool
	// gfx is how screenshots are drawn, decided once at start (viewer_screenshot.go).
	gfx imageview.Choice
}

// vncState is the pane of the interactive console link (viewer_vnc.go).
type vncState struct {
	open    bool
	loading bool
	seq     uint64 // the request (or expiry tick) being waited for
	url     string // the browser URL, sanitised
	at      time.Time
	expired bool
}

// lineJump is the go-to-line prompt and the count typed before G.
type lineJump struct {
	input  textinput.Model
	typing bool   // the ":" prompt has the keys
	count  string // digits typed before G or g
}

// findingsPanel is the list of every finding, open in place of the log.
type findingsPanel struct {
	open bool
	scroller
}

// compareView is the comparison of the log on screen with the last good capture, open in place
// of the log.
type compareView struct {
	open    bool
	loading bool
	seq     uint64 // the comparison being waited for
	err     error

	found   bool // a good capture other than the log on screen was found
	capture history.Capture
	reason  string
	lines   compareLines
	lv      logview.Model
}

// readingPosition is where the operator reads, in the log's terms, so it survives a change of
// the lines shown: the log line on top, and whether the separator above it was on top instead.
type readingPosition struct {
	line  int
	onSep bool
}

// compareLines is the comparison as the log view shows it, and where it first differs.
type compareLines struct {
	styled, plain []string
	numbers       []int // the log's own line number of each "+" and common line; 0 for "-"
	first         int   // the first line that differs, -1 when none does
	removed       int
	added         int
}
