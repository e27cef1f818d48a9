package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
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
	m.list.gen = 1
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
	m.openInstance(demoInstances()[0])
	m.viewer.gen = 1
	m.Update(consoleLoadedMsg{region: "cn-hangzhou", instanceID: webID, gen: 1, out: out, doc: renderDoc(string(out.Data)), fetchedAt: testNow})
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

// BenchmarkEnterToLog measures the time from Enter to the log on screen against the emulator with
// 200 ms of injected latency, cold and after a prefetch, in round trips (issue 5: prefetched ≈ 0,
// cold ≈ 1). Run with -benchtime 5x; every cold iteration waits for the network.
func BenchmarkEnterToLog(b *testing.B) {
	const latency = 200 * time.Millisecond
	srv, err := emulator.New(emulator.Options{Fixtures: emulator.DemoFixtures(), Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	client, err := fetch.New(fetch.Options{Region: "cn-hangzhou", Endpoint: srv.URL(),
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)})
	if err != nil {
		b.Fatal(err)
	}
	var target fetch.Instance
	err = client.StreamInstances(b.Context(), "cn-hangzhou", func(batch []fetch.Instance, _ int) {
		for _, in := range batch {
			if target.ID == "" && in.Status == "Running" && consoleUnavailable(in) == "" {
				target = in
			}
		}
	})
	if err != nil || target.ID == "" {
		b.Fatalf("no instance to open: %v", err)
	}
	newModel := func() *Model {
		m := New(client, testConfig(), Options{})
		m.tick = func(time.Duration, tea.Msg) tea.Cmd { return nil }
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		return m
	}
	report := func(b *testing.B, total time.Duration) {
		per := total / time.Duration(b.N)
		b.ReportMetric(float64(per.Microseconds())/1000, "ms/open")
		b.ReportMetric(float64(per)/float64(latency), "roundtrips/open")
	}
	b.Run("cold", func(b *testing.B) {
		var total time.Duration
		for i := 0; i < b.N; i++ {
			m := newModel()
			start := time.Now()
			cmd := m.openInstance(target)
			m.Update(cmd())
			if !m.viewer.hasContent() {
				b.Fatal("no log after the fetch")
			}
			total += time.Since(start)
		}
		report(b, total)
	})
	b.Run("prefetched", func(b *testing.B) {
		var total time.Duration
		for i := 0; i < b.N; i++ {
			m := newModel()
			m.Update(m.prefetchCmd("cn-hangzhou", target.ID)())
			start := time.Now()
			m.openInstance(target) // the refresh behind the cached log is not waited for
			if !m.viewer.hasContent() {
				b.Fatal("prefetched log not shown at once")
			}
			total += time.Since(start)
		}
		report(b, total)
	})
}
