// Command tmuxbench drives `bootlog view`, `less -R` and lnav the same way in tmux and measures
// them side by side on the logs of package benchlog. bench/sidebyside runs it; see there.
//
// For every log size and tool it starts the tool in a detached tmux session of a fixed size, and
// times from launch until the log's last line is on screen, polling `tmux capture-pane` every 5
// ms. Every tool opens at the end of the log (less with +G). It then lets the tool settle for two
// seconds (bootlog and lnav finish indexing in the background) and reads its peak resident memory
// (VmHWM in /proc/PID/status) before quitting it. On the search log it also times searches typed
// into the open tool, from the first key until the answer is on screen: bootlog's "match i/N" with
// the full count, lnav's "N hits for" with the full count, and for less the matching line on
// screen (less has no count, so it is not timed on the many-match pattern). Each figure is the
// median of -runs runs. Each search is timed in a fresh session, as the first search of the log.
// For bootlog it also reports the time until its startup work is done (the status line shows
// "line N/M": the whole file is read and indexed) and the CPU time it used by the moment its peak
// memory is read, which is where a collector tuned too tight shows. -tools limits the run to some
// tools; a change to bootlog's memory needs only `-tools bootlog -sizes 108M`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bootlog/bootlog/bench/benchlog"
)

// tool is one program under test.
type tool struct {
	name string
	argv func(file string) []string
	// ready reports whether the screen shows the tool done with its startup work (bootlog and lnav
	// index in the background after showing the end).
	ready func(screen string) bool
}

// search is one timed search: the pattern, and the number of matching lines.
type search struct {
	pattern string
	lines   int
}

var (
	bootlogBin = flag.String("bootlog", "/tmp/bootlog-speed", "the bootlog binary to measure")
	runs       = flag.Int("runs", 5, "runs per measurement; the median is reported")
	sizesFlag  = flag.String("sizes", "64K,1M,10M,108M,326M", "log sizes (K, M: powers of 1000)")
	searchSize = flag.String("search-size", "108M", "the log size searches are timed on")
	width      = flag.Int("width", 200, "terminal width")
	height     = flag.Int("height", 50, "terminal height")
	timeout    = flag.Duration("timeout", 60*time.Second, "longest wait for any screen")
	idleRuns   = flag.Int("idle-runs", 3, "runs of the idle CPU measurement (10 s each, 1 MB log)")
	toolsFlag  = flag.String("tools", "bootlog,less,lnav,teafloor", "the tools to measure (a memory change needs only bootlog)")
	floorBin   = flag.String("teafloor", "/tmp/bootlog-teafloor", "the bench/teafloor binary: the smallest Bubble Tea viewer, bootlog's floor")
)

func main() {
	flag.Parse()
	tools := []tool{
		{"bootlog", func(f string) []string { return []string{*bootlogBin, "view", f} },
			func(s string) bool { return regexp.MustCompile(`line \d+/\d+`).MatchString(s) }},
		{"less", func(f string) []string { return []string{"less", "-R", "-i", "+G", f} },
			func(string) bool { return true }},
		{"teafloor", func(f string) []string { return []string{*floorBin, f} },
			func(string) bool { return true }},
	}
	if _, err := exec.LookPath("lnav"); err == nil {
		tools = append(tools, tool{"lnav", func(f string) []string { return []string{"lnav", f} },
			func(s string) bool { return strings.Contains(s, "100%") }})
	} else {
		fmt.Println("lnav not found: its columns are left out (apt-get install -y lnav)")
	}
	want := strings.Split(*toolsFlag, ",")
	tools = slices.DeleteFunc(tools, func(t tool) bool { return !slices.Contains(want, t.name) })
	if len(tools) == 0 {
		fmt.Fprintf(os.Stderr, "tmuxbench: -tools %q names none of bootlog, less, lnav\n", *toolsFlag)
		os.Exit(2)
	}
	// A tmux server exits with its last session, and a session started while it exits fails
	// ("server exited unexpectedly"); a session that lives for the whole run keeps it up.
	if out, err := tmux("new-session", "-d", "-s", "keep", "sleep 86400").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "tmuxbench: tmux: %v: %s\n", err, out)
		os.Exit(1)
	}
	err := run(tools)
	_ = tmux("kill-server").Run()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tmuxbench:", err)
		os.Exit(1)
	}
}

func run(tools []tool) error {
	sizes := strings.Split(*sizesFlag, ",")
	// ms: to the last screen; ready: to the end of the startup work; cpu: CPU seconds used by
	// the time peak memory is read (a GC that collects too eagerly shows there, not in ms).
	type cell struct{ ms, ready, mib, cpu []float64 }
	open := map[string]map[string]*cell{}
	for _, sz := range sizes {
		n, err := benchlog.ParseSize(sz)
		if err != nil {
			return err
		}
		path, err := benchlog.Cached(n)
		if err != nil {
			return err
		}
		marker, err := lastLineMarker(path)
		if err != nil {
			return err
		}
		open[sz] = map[string]*cell{}
		for _, t := range tools {
			c := &cell{}
			open[sz][t.name] = c
			for r := 0; r < *runs; r++ {
				s, err := start(t, path)
				if err != nil {
					return err
				}
				d, err := s.waitFor(func(scr string) bool { return strings.Contains(scr, marker) })
				if err != nil {
					s.kill()
					return fmt.Errorf("%s on %s: last line: %w", t.name, sz, err)
				}
				rd, err := s.waitFor(t.ready)
				if err != nil {
					s.kill()
					return fmt.Errorf("%s on %s: ready: %w", t.name, sz, err)
				}
				time.Sleep(2 * time.Second)
				mib := s.peakMiB()
				cpu, _ := cpuSeconds(s.pid)
				s.kill()
				c.ms = append(c.ms, ms(d))
				c.ready = append(c.ready, ms(rd))
				c.mib = append(c.mib, mib)
				c.cpu = append(c.cpu, cpu)
				fmt.Fprintf(os.Stderr, "%s %s run %d: %.0f ms, ready %.0f ms, %.1f MiB, CPU %.2f s\n", t.name, sz, r+1, ms(d), ms(rd), mib, cpu)
			}
		}
	}

	fmt.Printf("# bootlog side by side: time to the last screen and peak memory, medians of %d\n", *runs)
	fmt.Printf("date: %s; %d cores; %s; terminal %dx%d (tmux)\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		numCPU(), version(tools), *width, *height)
	fmt.Println()
	header := "| log | lines |"
	rule := "|---|---|"
	for _, t := range tools {
		header += fmt.Sprintf(" %s last screen | %s peak |", t.name, t.name)
		rule += "---|---|"
	}
	has := func(name string) bool { return slices.ContainsFunc(tools, func(t tool) bool { return t.name == name }) }
	if has("bootlog") {
		header += " bootlog ready | bootlog CPU |"
		rule += "---|---|"
	}
	if has("bootlog") && has("less") {
		header += " bootlog / less (time) |"
		rule += "---|"
	}
	if has("bootlog") && has("lnav") {
		header += " bootlog / lnav (time) | bootlog / lnav (memory) |"
		rule += "---|---|"
	}
	if has("bootlog") && has("teafloor") {
		header += " bootlog / teafloor (time) |"
		rule += "---|"
	}
	if has("bootlog") {
		header += " bootlog peak / target |"
		rule += "---|"
	}
	fmt.Println(header)
	fmt.Println(rule)
	for _, sz := range sizes {
		n, _ := benchlog.ParseSize(sz)
		path, _ := benchlog.Cached(n)
		lines, _ := countLines(path)
		row := fmt.Sprintf("| %sB | %d |", sz, lines)
		med := map[string][2]float64{}
		for _, t := range tools {
			c := open[sz][t.name]
			m := [2]float64{median(c.ms), median(c.mib)}
			med[t.name] = m
			row += fmt.Sprintf(" %s | %.1f MiB |", fmtMS(m[0]), m[1])
		}
		if has("bootlog") {
			c := open[sz]["bootlog"]
			row += fmt.Sprintf(" %s | %.2f s |", fmtMS(median(c.ready)), median(c.cpu))
		}
		if has("bootlog") && has("less") {
			row += fmt.Sprintf(" %.1f× |", med["bootlog"][0]/med["less"][0])
		}
		if has("bootlog") && has("lnav") {
			row += fmt.Sprintf(" %.2f× | %.2f× |", med["bootlog"][0]/med["lnav"][0], med["bootlog"][1]/med["lnav"][1])
		}
		if has("bootlog") && has("teafloor") {
			row += fmt.Sprintf(" %.1f× |", med["bootlog"][0]/med["teafloor"][0])
		}
		// Issue 16's target: at most 1.5 bytes per log byte plus 20 MiB.
		if has("bootlog") {
			target := 1.5*float64(n)/(1<<20) + 20
			row += fmt.Sprintf(" %.0f / %.0f MiB |", med["bootlog"][1], target)
		}
		fmt.Println(row)
	}

	n, err := benchlog.ParseSize(*searchSize)
	if err != nil {
		return err
	}
	path, err := benchlog.Cached(n)
	if err != nil {
		return err
	}
	searches := []search{{pattern: "Kernel command line"}, {pattern: "kernel command line"}, {pattern: "DENIED"}, {pattern: "audit:"}}
	for i := range searches {
		if searches[i].lines, err = countMatchingLines(path, searches[i].pattern); err != nil {
			return err
		}
	}
	// teafloor only shows the end: there is nothing to search with.
	searchers := slices.DeleteFunc(slices.Clone(tools), func(t tool) bool { return t.name == "teafloor" })
	times := map[string]map[string][]float64{}
	for _, t := range searchers {
		times[t.name] = map[string][]float64{}
		for r := 0; r < *runs; r++ {
			if err := timeSearches(t, path, searches, times[t.name]); err != nil {
				return err
			}
		}
	}
	fmt.Println()
	fmt.Printf("## search on the %sB log, from the first key until the answer is on screen (bootlog, lnav: with the full count)\n\n", *searchSize)
	header, rule = "| pattern | matching lines |", "|---|---|"
	for _, t := range searchers {
		header += " " + t.name + " |"
		rule += "---|"
	}
	if has("bootlog") && has("lnav") {
		header += " bootlog / lnav |"
		rule += "---|"
	}
	fmt.Println(header)
	fmt.Println(rule)
	for _, s := range searches {
		row := fmt.Sprintf("| `%s` | %d |", s.pattern, s.lines)
		for _, t := range searchers {
			if v := times[t.name][s.pattern]; len(v) > 0 {
				row += " " + fmtMS(median(v)) + " |"
			} else {
				row += " — |"
			}
		}
		if has("bootlog") && has("lnav") {
			b, l := times["bootlog"][s.pattern], times["lnav"][s.pattern]
			if len(b) > 0 && len(l) > 0 {
				row += fmt.Sprintf(" %.2f× |", median(b)/median(l))
			} else {
				row += " — |"
			}
		}
		fmt.Println(row)
	}
	fmt.Println()
	fmt.Println("## idle: CPU time used in 10 s with the 1MB log open and nothing happening (utime+stime from /proc/PID/stat)")
	fmt.Println()
	idlePath, err := benchlog.Cached(1_000_000)
	if err != nil {
		return err
	}
	fmt.Println("| tool | CPU per 10 s idle |")
	fmt.Println("|---|---|")
	for _, t := range tools {
		var v []float64
		for r := 0; r < *idleRuns; r++ {
			cpu, err := idleCPU(t, idlePath)
			if err != nil {
				return err
			}
			v = append(v, cpu)
			fmt.Fprintf(os.Stderr, "%s idle: %.3f s\n", t.name, cpu)
		}
		fmt.Printf("| %s | %.3f s |\n", t.name, median(v))
	}
	fmt.Println()
	fmt.Println("less: `less -R -i +G` (-i: a pattern without capitals ignores case, like bootlog's smart case);")
	fmt.Println("it searches backwards (?) from the end and shows the line; it has no match count, so")
	fmt.Println("the many-match patterns are not timed for it.")
	return nil
}

// timeSearches times each search once, each in a fresh session of t on path that has finished
// its startup work (a search typed into a tool that is still indexing would time the indexing).
func timeSearches(t tool, path string, searches []search, times map[string][]float64) error {
	for _, sr := range searches {
		var keys []string
		var done func(string) bool
		switch t.name {
		case "bootlog":
			// bootlog groups digits: "match 105,934/105,939".
			want := regexp.MustCompile(`match [\d,]+/` + commas(sr.lines) + `\b`)
			keys = []string{"/", "-l" + sr.pattern, "Enter"}
			done = func(scr string) bool { return want.MatchString(lastLines(scr, 2)) }
		case "lnav":
			want := fmt.Sprintf("%d hits for “%s”", sr.lines, sr.pattern)
			keys = []string{"/", "-l" + sr.pattern, "Enter"}
			done = func(scr string) bool { return strings.Contains(scr, want) }
		case "less":
			if sr.lines != 1 {
				continue
			}
			line, err := firstMatchingLine(path, sr.pattern)
			if err != nil {
				return err
			}
			keys = []string{"?", "-l" + sr.pattern, "Enter"}
			done = func(scr string) bool { return strings.Contains(scr, line) }
		}
		s, err := start(t, path)
		if err != nil {
			return err
		}
		if _, err := s.waitFor(t.ready); err != nil {
			s.kill()
			return fmt.Errorf("%s: ready: %w", t.name, err)
		}
		time.Sleep(time.Second)
		d, err := s.timeKeys(keys, done)
		s.kill()
		if err != nil {
			return fmt.Errorf("%s: search %q: %w", t.name, sr.pattern, err)
		}
		times[sr.pattern] = append(times[sr.pattern], ms(d))
		fmt.Fprintf(os.Stderr, "%s search %q: %.0f ms\n", t.name, sr.pattern, ms(d))
	}
	return nil
}

// idleCPU opens path in t, lets it settle, and returns the CPU seconds it uses in the next 10 s.
func idleCPU(t tool, path string) (float64, error) {
	s, err := start(t, path)
	if err != nil {
		return 0, err
	}
	defer s.kill()
	if _, err := s.waitFor(t.ready); err != nil {
		return 0, fmt.Errorf("%s: ready: %w", t.name, err)
	}
	time.Sleep(2 * time.Second)
	before, err := cpuSeconds(s.pid)
	if err != nil {
		return 0, err
	}
	time.Sleep(10 * time.Second)
	after, err := cpuSeconds(s.pid)
	return after - before, err
}

// cpuSeconds is a process's user plus system time (fields 14 and 15 of /proc/PID/stat).
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; count fields after its closing parenthesis.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100, nil // USER_HZ is 100 on Linux
}

// tmux runs tmux on a server of this process's own (-L), so that other tmux users on the machine,
// and a `tmux kill-server` of theirs, neither see nor stop the sessions measured.
func tmux(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", fmt.Sprintf("tmuxbench%d", os.Getpid())}, args...)...)
}

// session is one tool running in tmux.
type session struct {
	name string
	pid  int
	t0   time.Time // just before the launch
}

var seq int

// start launches t on path in a new tmux session.
func start(t tool, path string) (*session, error) {
	seq++
	s := &session{name: fmt.Sprintf("sbs%d-%d", os.Getpid(), seq), t0: time.Now()}
	argv := t.argv(path)
	for i, a := range argv {
		argv[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	cmd := tmux("new-session", "-d", "-s", s.name, "-x", strconv.Itoa(*width), "-y", strconv.Itoa(*height),
		"exec "+strings.Join(argv, " "))
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("tmux: %v: %s", err, out)
	}
	out, err := tmux("list-panes", "-t", s.name, "-F", "#{pane_pid}").Output()
	if err != nil {
		return nil, err
	}
	s.pid, _ = strconv.Atoi(strings.TrimSpace(string(out)))
	return s, nil
}

// waitFor polls until ok accepts the screen and returns the time since the launch.
func (s *session) waitFor(ok func(string) bool) (time.Duration, error) {
	return s.poll(s.t0, ok)
}

// poll captures the pane every 5 ms until ok accepts it, and returns the time since t0.
func (s *session) poll(t0 time.Time, ok func(string) bool) (time.Duration, error) {
	for time.Since(t0) < *timeout {
		out, err := tmux("capture-pane", "-p", "-t", s.name).Output()
		if err == nil && ok(string(out)) {
			return time.Since(t0), nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, errors.New("timed out")
}

// timeKeys sends keys and returns the time until done accepts the screen.
func (s *session) timeKeys(keys []string, done func(string) bool) (time.Duration, error) {
	t0 := time.Now()
	s.keys(keys...)
	return s.poll(t0, done)
}

// keys sends tmux key names; an argument starting with -l is sent as literal text.
func (s *session) keys(keys ...string) {
	for _, k := range keys {
		if lit, ok := strings.CutPrefix(k, "-l"); ok {
			_ = tmux("send-keys", "-t", s.name, "-l", lit).Run()
			continue
		}
		_ = tmux("send-keys", "-t", s.name, k).Run()
	}
}

// peakMiB is the tool's peak resident memory so far (VmHWM).
func (s *session) peakMiB() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// kill ends the session and its tool.
func (s *session) kill() {
	_ = tmux("kill-session", "-t", s.name).Run()
}

// lastLineMarker is the timestamp that starts the log's last line, which no other line has.
func lastLineMarker(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := strings.TrimRight(string(b), "\r\n")
	last := s[strings.LastIndexByte(s, '\n')+1:]
	end := strings.IndexByte(last, ']')
	if !strings.HasPrefix(last, "[") || end < 0 {
		return "", fmt.Errorf("%s: last line %q has no timestamp", path, last)
	}
	return last[:end+1], nil
}

// countLines counts the log's lines.
func countLines(path string) (int, error) {
	b, err := os.ReadFile(path)
	return strings.Count(string(b), "\n"), err
}

// countMatchingLines counts the lines holding pattern, ignoring case if it has no capitals.
func countMatchingLines(path, pattern string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	text, p := string(b), pattern
	if strings.ToLower(p) == p {
		text = strings.ToLower(text)
	}
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, p) {
			n++
		}
	}
	return n, nil
}

// firstMatchingLine returns the text after the timestamp of the first line holding pattern (case
// ignored), as it appears on screen.
func firstMatchingLine(path, pattern string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(strings.ToLower(l), strings.ToLower(pattern)) {
			l = strings.TrimRight(l, "\r")
			return l[:min(len(l), 60)], nil
		}
	}
	return "", fmt.Errorf("%q not in %s", pattern, path)
}

// lastLines returns the last n non-empty lines of a screen.
func lastLines(screen string, n int) string {
	ls := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	return strings.Join(ls[max(len(ls)-n, 0):], "\n")
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fmtMS(v float64) string {
	if v >= 1000 {
		return commas(int(v+0.5)) + " ms"
	}
	return fmt.Sprintf("%.0f ms", v)
}

// commas writes n with thousands separators.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}

// version names the tools' versions.
func version(tools []tool) string {
	var parts []string
	for _, t := range tools {
		switch t.name {
		case "less":
			out, _ := exec.Command("less", "--version").Output()
			parts = append(parts, strings.SplitN(string(out), "\n", 2)[0])
		case "lnav":
			out, _ := exec.Command("lnav", "-V").Output()
			parts = append(parts, strings.TrimSpace(string(out)))
		case "bootlog":
			out, _ := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
			parts = append(parts, "bootlog "+strings.TrimSpace(string(out)))
		case "teafloor":
			parts = append(parts, "teafloor (bench/teafloor: Bubble Tea alone)")
		}
	}
	return strings.Join(parts, ", ")
}
