package ui

import (
	"context"
	"regexp"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/logview"
)

// Command constructors copy what the work needs into locals; the closures they return never read
// or write the model, because they run on another goroutine while Update keeps going.

// fetchTimeout bounds one console or region call, on top of the client's own retries.
const fetchTimeout = 60 * time.Second

// loadInstancesCmd starts listing the current region, cancelling any listing still running.
func (m *Model) loadInstancesCmd() tea.Cmd {
	if m.list.cancel != nil {
		m.list.cancel()
	}
	m.list.gen++
	m.list.loading = true
	m.list.loadedCount = 0
	m.list.total = 0
	m.list.err = nil
	ctx, cancel := context.WithCancel(context.Background())
	m.list.cancel = cancel
	f, region, gen := m.f, m.region, m.list.gen
	return func() tea.Msg {
		// onPage may run on the client's goroutines; it only hands copies to the channel, and gives
		// up when the listing is superseded so the goroutine never leaks on a full channel.
		ch := make(chan tea.Msg, 8)
		go func() {
			defer close(ch)
			err := f.StreamInstances(ctx, region, func(batch []fetch.Instance, total int) {
				page := instancesPageMsg{region: region, gen: gen, batch: append([]fetch.Instance(nil), batch...), total: total, next: ch}
				select {
				case ch <- page:
				case <-ctx.Done():
				}
			})
			select {
			case ch <- instancesDoneMsg{region: region, gen: gen, err: err}:
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

// loadRegionsCmd asks for the region list.
func (m *Model) loadRegionsCmd() tea.Cmd {
	m.regions.gen++
	m.regions.loading = true
	f, gen := m.f, m.regions.gen
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		rs, err := f.Regions(ctx)
		return regionsLoadedMsg{gen: gen, regions: rs, err: err}
	}
}

// fetchConsoleCmd loads the viewer's instance. It bumps the generation and cancels the previous
// request, so at most one viewer fetch is current and an older answer can never replace a newer one.
func (m *Model) fetchConsoleCmd(purpose fetchPurpose) tea.Cmd {
	v := &m.viewer
	if v.cancel != nil {
		v.cancel()
	}
	v.gen++
	v.loading = true
	v.loadingPurpose = purpose
	v.awaitPrefetch = false
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	v.cancel = cancel
	f, region, id, gen, color, now := m.f, v.region, v.inst.ID, v.gen, !m.noColor, m.now
	return func() tea.Msg {
		defer cancel()
		out, err := f.ConsoleOutput(ctx, region, id)
		msg := consoleLoadedMsg{region: region, instanceID: id, gen: gen, purpose: purpose, out: out, err: err, fetchedAt: now()}
		if err == nil {
			msg.doc = console.Render(out.Data, console.Options{Color: color})
		}
		return msg
	}
}

// prefetchCmd loads a console the operator has not opened yet.
func (m *Model) prefetchCmd(region, id string) tea.Cmd {
	f, color, now := m.f, !m.noColor, m.now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		out, err := f.ConsoleOutput(ctx, region, id)
		msg := prefetchedMsg{region: region, instanceID: id, out: out, err: err, fetchedAt: now()}
		if err == nil {
			msg.doc = console.Render(out.Data, console.Options{Color: color})
		}
		return msg
	}
}

// searchCmd finds every match of re in plain off the UI goroutine. The context is cancelled by the
// next keystroke; the generation drops an answer that still gets through.
func searchCmd(ctx context.Context, gen uint64, re *regexp.Regexp, plain []string) tea.Cmd {
	return func() tea.Msg {
		ms, ok := findMatches(ctx, re, plain)
		if !ok {
			return nil
		}
		return searchDoneMsg{gen: gen, matches: ms}
	}
}

// findMatches returns every non-empty match of re, line by line; ok is false when ctx ended first.
func findMatches(ctx context.Context, re *regexp.Regexp, plain []string) (ms []logview.Match, ok bool) {
	for i, line := range plain {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, false
		}
		for _, loc := range re.FindAllStringIndex(line, -1) {
			if loc[1] > loc[0] {
				ms = append(ms, logview.Match{Line: i, Start: loc[0], End: loc[1]})
			}
		}
	}
	return ms, true
}
