package ui

import (
	"context"
	"time"

	"github.com/bootlog/bootlog/fetch"
)

// What the program is given: the ECS client (as the interface the UI needs of it) and the
// start-up choices. The CLI builds both and calls New.

// Fetcher is what the UI needs from the ECS client. StreamInstances calls onPage serially, possibly
// from another goroutine.
type Fetcher interface {
	Regions(ctx context.Context) ([]fetch.Region, error)
	StreamInstances(ctx context.Context, region string, onPage func(batch []fetch.Instance, total int)) error
	ConsoleOutput(ctx context.Context, region, instanceID string) (fetch.ConsoleOutput, error)
	// Reboot, InstanceStatuses and Screenshot serve reboot-and-watch and the screenshot pane
	// (viewer_reboot.go, viewer_screenshot.go).
	Reboot(ctx context.Context, region, instanceID string, force bool) error
	InstanceStatuses(ctx context.Context, region string, ids []string) ([]fetch.InstanceStatus, error)
	Screenshot(ctx context.Context, region, instanceID string) (fetch.Screenshot, error)
	// Find serves the list's go-to-instance prompt (list_goto.go).
	Find(ctx context.Context, query string, regions []string) (fetch.FindResult, error)
	// Start and VncURL serve start-and-watch and the interactive console link (viewer_reboot.go,
	// viewer_vnc.go).
	Start(ctx context.Context, region, instanceID string) (requestID string, err error)
	VncURL(ctx context.Context, region, instanceID string) (fetch.VncConsole, error)
}

// Options are the start-up choices main passes in.
type Options struct {
	// InitialInstance opens this instance's console directly (--instance).
	InitialInstance string
	// ProfileLabel names the credentials profile in the header.
	ProfileLabel string
	// Demo marks the header as running against the built-in emulator.
	Demo bool
	// Now replaces the clock (tests); nil means time.Now.
	Now func() time.Time
	// HistoryDir is where every fetched console output is kept (history.DefaultDir); "" turns
	// capture history off, as does Settings.HistoryEnabled = false.
	HistoryDir string
	// SaveDir is where the save key writes logs; "" means the current directory.
	SaveDir string
	// File opens the viewer on this log instead of ECS (`bootlog view FILE`); the Fetcher is
	// never called and may be nil.
	File *FileSource
	// InstanceCachePath is the shell-completion cache (config.InstanceCachePath) the list
	// records each listing in; "" writes nothing (tests).
	InstanceCachePath string
}

// FileSource is a log to open in the viewer instead of an instance's console.
type FileSource struct {
	// Name is shown in the header and the window title: the path as given, or "stdin".
	Name string
	// Data is the log exactly as read; it is rendered like console output.
	Data []byte
	// Load, when set, reads the log instead of Data, off the UI goroutine, so that a large file's
	// end (Tail) is on screen before the whole file has been read. Size is then the file's size,
	// for the header.
	Load func() ([]byte, error)
	Tail []byte
	Size int64
}
