package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/logview"
)

// Every asynchronous result names where it came from (region, instance, generation or sequence
// number). Update applies a result only while that provenance is still current; anything else is a
// late answer to a question nobody is asking any more and is dropped.

// instancesPageMsg is one page of DescribeInstances as it arrives. next delivers the following
// page or the final instancesDoneMsg.
type instancesPageMsg struct {
	region string
	gen    uint64
	batch  []fetch.Instance
	total  int
	next   <-chan tea.Msg
}

// instancesDoneMsg ends a listing; err is nil when every page arrived.
type instancesDoneMsg struct {
	region string
	gen    uint64
	err    error
}

// regionsLoadedMsg answers DescribeRegions.
type regionsLoadedMsg struct {
	gen     uint64
	regions []fetch.Region
	err     error
}

// fetchPurpose says why the viewer asked for a console, which decides how the answer is shown.
type fetchPurpose int

const (
	purposeOpen       fetchPurpose = iota // first load after Enter
	purposeRefresh                        // `r`
	purposeRevalidate                     // the refresh behind a cached log shown at once
	purposeFollow                         // a follow poll
)

// String names the purpose for logs and test failures.
func (p fetchPurpose) String() string {
	switch p {
	case purposeOpen:
		return "open"
	case purposeRefresh:
		return "refresh"
	case purposeRevalidate:
		return "revalidate"
	case purposeFollow:
		return "follow"
	}
	return "unknown"
}

// consoleResult is one GetInstanceConsoleOutput, rendered in the command's goroutine so a large
// log never costs the UI goroutine a frame (fetchConsoleCmd).
type consoleResult struct {
	out       fetch.ConsoleOutput
	doc       console.Document
	fetchedAt time.Time
	err       error
}

// consoleLoadedMsg answers the viewer's GetInstanceConsoleOutput.
type consoleLoadedMsg struct {
	region     string
	instanceID string
	gen        uint64
	purpose    fetchPurpose
	consoleResult
}

// prefetchTickMsg fires when the list cursor has rested on an instance for the debounce delay.
type prefetchTickMsg struct {
	seq        uint64
	region     string
	instanceID string
}

// prefetchedMsg answers a background prefetch. It is stored under its own region and instance ID
// and never applied to whatever else is on screen.
type prefetchedMsg struct {
	region     string
	instanceID string
	consoleResult
}

// followTickMsg asks for the next follow poll.
type followTickMsg struct {
	seq uint64
}

// toastExpiredMsg removes the toast it was scheduled for, and only that one.
type toastExpiredMsg struct {
	seq uint64
}

// searchDoneMsg carries matches computed off the UI goroutine for a large log.
type searchDoneMsg struct {
	gen uint64
	res logview.Result
	in  *logview.Searcher // the searcher that found them
}

// Requests: a component asks the root for something beyond itself with env.send, which runs the
// request through the root's update switch at once. They carry no provenance because they are
// never delivered late.

// openInstanceMsg asks for the viewer on an instance (the list's enter, --instance).
type openInstanceMsg struct {
	inst fetch.Instance
}

// backToListMsg asks to close the viewer and show the list again.
type backToListMsg struct{}

// openRegionsMsg asks for the region picker.
type openRegionsMsg struct{}

// closeRegionsMsg asks to leave the region picker without choosing.
type closeRegionsMsg struct{}

// switchRegionMsg asks to make region current and list it.
type switchRegionMsg struct {
	region string
}

// failedMsg reports a failure for the banner, or for the first-run screen when there are no
// credentials at all.
type failedMsg struct {
	err error
}

// instanceStatusMsg reports a status the viewer saw (the reboot watch), so the list shows it too.
type instanceStatusMsg struct {
	instanceID string
	status     string
}

// quitMsg asks to cancel what is in flight and end the program.
type quitMsg struct{}
