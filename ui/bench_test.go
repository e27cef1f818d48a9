package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// manyInstances returns n instances with distinct names and addresses.
func manyInstances(n int) []fetch.Instance {
	out := make([]fetch.Instance, n)
	for i := range out {
		in := inst(fmt.Sprintf("i-bp1%017d", i), fmt.Sprintf("node-%05d", i), []string{"Running", "Stopped", "Starting"}[i%3])
		in.PrivateIPs = []string{fmt.Sprintf("172.16.%d.%d", i/250, i%250)}
		out[i] = in
	}
	return out
}

// BenchmarkListFrame is one key press (cursor down) plus the frame it causes, with 2,000
// instances listed: the cost the operator feels when scrolling the list.
func BenchmarkListFrame(b *testing.B) {
	f := newFakeFetcher()
	f.pages["cn-hangzhou"] = [][]fetch.Instance{manyInstances(2000)}
	m := New(f, testConfig(), Options{Now: func() time.Time { return testNow }})
	m.tick = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	ch := make(chan tea.Msg)
	m.list.gen, m.list.region = 1, "cn-hangzhou"
	m.Update(instancesPageMsg{region: "cn-hangzhou", gen: 1, batch: f.pages["cn-hangzhou"][0], total: 2000, next: ch})
	m.Update(instancesDoneMsg{region: "cn-hangzhou", gen: 1})
	down, up := keyMsg("down"), keyMsg("up")
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		k := down
		if i%2 == 1 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N), "µs/frame")
}

// BenchmarkViewerFrame is one scroll step plus its frame in a 10,000-line log with wrap and
// line numbers on.
func BenchmarkViewerFrame(b *testing.B) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, bootLog(10000), testNow)
	m := New(f, testConfig(), Options{Now: func() time.Time { return testNow }})
	m.tick = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	out, _ := f.ConsoleOutput(b.Context(), "cn-hangzhou", webID)
	m.update(openInstanceMsg{inst: demoInstances()[0]})
	m.viewer.gen = 1
	m.Update(consoleLoadedMsg{region: "cn-hangzhou", instanceID: webID, gen: 1, consoleResult: consoleResult{out: out, doc: renderDoc(string(out.Data)), fetchedAt: testNow}})
	m.viewer.lv.SetWrap(true)
	m.viewer.lv.SetLineNumbers(true)
	up, down := keyMsg("k"), keyMsg("j")
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		k := up
		if i%2 == 1 {
			k = down
		}
		m.Update(k)
		_ = m.View()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N), "µs/frame")
}
