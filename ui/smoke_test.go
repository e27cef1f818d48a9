package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/bootlog/bootlog/fetch"
)

// Smoke tests run the whole program (real ticks, real renderer) with a pinned colour profile and
// assert on the final model; the screens themselves are covered by the golden tests.

func startProgram(t *testing.T, f Fetcher, opts Options) *teatest.TestModel {
	t.Helper()
	m := New(f, testConfig(), opts)
	m.loc = time.UTC
	return teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

func waitForText(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func TestSmokeOpenSearchQuit(t *testing.T) {
	f := standardFetcher()
	tm := startProgram(t, f, Options{Now: func() time.Time { return testNow }})
	waitForText(t, tm, "web-01")
	tm.Send(keyMsg("G")) // win-ad
	tm.Send(keyMsg("k")) // web-01
	tm.Send(keyMsg("enter"))
	waitForText(t, tm, "Kernel panic")
	tm.Type("/panic")
	tm.Send(keyMsg("enter"))
	waitForText(t, tm, "match")
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.screen != screenConsole || fm.viewer.inst.ID != webID {
		t.Fatalf("final screen %v instance %s", fm.screen, fm.viewer.inst.ID)
	}
	if fm.viewer.search.query != "panic" || len(fm.viewer.search.matches) != 2 {
		t.Fatalf("search %q with %d matches", fm.viewer.search.query, len(fm.viewer.search.matches))
	}
}

func TestSmokeFirstRunQuits(t *testing.T) {
	f := standardFetcher()
	f.listErr["cn-hangzhou"] = &fetch.Error{Kind: fetch.KindCredentialsMissing, Op: "DescribeInstances"}
	tm := startProgram(t, f, Options{})
	waitForText(t, tm, "No Alibaba Cloud credentials found")
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.screen != screenFirstRun {
		t.Fatalf("final screen %v", fm.screen)
	}
}

func TestSmokePrefetchThenOpen(t *testing.T) {
	f := standardFetcher()
	tm := startProgram(t, f, Options{})
	waitForText(t, tm, "db-01")
	// The cursor rests on db-01 (first by name); its console is prefetched after the debounce.
	deadline := time.Now().Add(5 * time.Second)
	for f.count("ConsoleOutput cn-hangzhou "+dbID) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	tm.Send(keyMsg("enter"))
	waitForText(t, tm, "second line")
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.screen != screenList {
		t.Fatalf("final screen %v", fm.screen)
	}
	if _, ok := fm.cache.get("cn-hangzhou", dbID); !ok {
		t.Fatal("db-01 not cached")
	}
	if n := f.count("ConsoleOutput cn-hangzhou " + dbID); n < 2 {
		t.Fatalf("expected the prefetch and the refresh behind the cached log, got %d calls", n)
	}
}
