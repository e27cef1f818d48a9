package logview

import (
	"context"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/ui/console"
)

// cancelLog is about a megabyte of lines that never match "zebra", joined with CRLF as the file
// viewer's logs are.
func cancelLog() ([]string, []byte) {
	line := "[   12.345678] systemd[1]: Started unit number one, nothing to see here at all"
	data := []byte(strings.Repeat(line+"\r\n", 1<<20/len(line)))
	return console.RenderShared(data, console.Options{}).Plain, data
}

// TestSearchStopsWithinAWindow cancels a search from its third context check and counts the
// checks: a superseded search stops one window after its cancellation, whatever the kind of
// search, even where the whole log is one segment that a single scan could cover.
func TestSearchStopsWithinAWindow(t *testing.T) {
	lines, data := cancelLog()
	all := make([]Match, len(lines))
	for i := range all {
		all[i] = Match{Line: i, End: 1}
	}
	for _, c := range []struct {
		name   string
		search func(s *Searcher, ctx context.Context) bool
	}{
		{"literal", func(s *Searcher, ctx context.Context) bool { _, ok := s.Find(ctx, Compile("Zebra")); return ok }},
		{"folded literal", func(s *Searcher, ctx context.Context) bool { _, ok := s.Find(ctx, Compile("zebra")); return ok }},
		{"regexp", func(s *Searcher, ctx context.Context) bool { _, ok := s.Find(ctx, Compile(`zeb+ra`)); return ok }},
		{"refine", func(s *Searcher, ctx context.Context) bool {
			_, ok := s.Refine(ctx, Compile("[ zebra"), Compile("["), Result{Matches: all, Total: len(all)})
			return ok
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewSearcherIn(lines, data)
			s.window = 4 << 10
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			checks := 0
			s.onWindow = func() {
				checks++
				if checks == 3 {
					cancel()
				}
			}
			if c.search(s, ctx) {
				t.Fatal("a cancelled search reported success")
			}
			if checks != 3 {
				t.Errorf("the search checked its context %d times, want it to stop at the check after the cancel (3)", checks)
			}
			// Uncancelled, the same search goes over the whole log a window at a time.
			// (The hook's cancel at the third check then ends a context already ended.)
			checks = 0
			if !c.search(s, context.Background()) {
				t.Fatal("the search failed without a cancel")
			}
			if checks < len(data)/s.window/2 {
				t.Errorf("%d checks over %d bytes in windows of %d", checks, len(data), s.window)
			}
		})
	}
}

// TestSearchSupersededWhileWaiting runs a search while another holds the turn: cancelled before
// its turn comes, it gives up without scanning a byte.
func TestSearchSupersededWhileWaiting(t *testing.T) {
	lines, data := cancelLog()
	s := NewSearcherIn(lines, data)
	checks := 0
	s.onWindow = func() { checks++ }
	s.turn <- struct{}{} // a search in progress
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bool)
	go func() {
		_, ok := s.Find(ctx, Compile("zebra"))
		done <- ok
	}()
	cancel()
	if <-done {
		t.Fatal("a search cancelled while it waited reported success")
	}
	s.endTurn()
	if checks != 0 {
		t.Errorf("the superseded search scanned %d windows", checks)
	}
	if _, ok := s.Find(context.Background(), Compile("zebra")); !ok {
		t.Error("the next search failed once the turn was free")
	}
}
