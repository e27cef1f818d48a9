package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/ui/console"
)

// Command constructors copy what the work needs into locals; the closures they return never read
// or write the model, because they run on another goroutine while Update keeps going.

// fetchTimeout bounds one console or region call, on top of the client's own retries.
const fetchTimeout = 60 * time.Second

// fetchConsoleCmd is the one command that fetches a console and renders it: the viewer's opens
// and refreshes, the list's prefetch and the reboot watch's polls all use it. ctx bounds the call
// and cancel is called when it returns; wrap turns the result into the caller's message, which
// names where it came from.
func (e *env) fetchConsoleCmd(ctx context.Context, cancel context.CancelFunc, region, id string, wrap func(consoleResult) tea.Msg) tea.Cmd {
	f, color, now := e.f, !e.noColor, e.now
	return func() tea.Msg {
		defer cancel()
		out, err := f.ConsoleOutput(ctx, region, id)
		out.LastUpdateRaw = console.SafeLine(out.LastUpdateRaw)
		r := consoleResult{out: out, err: safeErr(err), fetchedAt: now()}
		if err == nil {
			r.doc = console.Render(out.Data, console.Options{Color: color})
		}
		return wrap(r)
	}
}
