package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
	"github.com/bootlog/bootlog/ui/fleet"
)

// waveHealth is what a scan must say of the demo account's k8s-node fleet after its reboot wave
// (fetch/emulator/demo_fleet.go); every node not named is ok.
var waveHealth = map[int]fleet.Health{
	7: fleet.Critical, 13: fleet.Critical, 22: fleet.Critical,
	31: fleet.Warning, 38: fleet.Warning, 45: fleet.Warning,
	50: fleet.Stale, 53: fleet.Stale,
	55: fleet.None, 56: fleet.None,
}

// k8sNodes is the demo account's k8s-node fleet in cn-hangzhou, nodes from..to (by number), and
// nothing else: the whole demo region would take half a minute at the client's 10 calls a second.
func k8sNodes(t *testing.T, from, to int) *emulator.Fixtures {
	t.Helper()
	demo := emulator.DemoFixtures()
	fx := &emulator.Fixtures{Regions: demo.Regions}
	for _, in := range demo.Instances {
		var n int
		if _, err := fmt.Sscanf(in.InstanceName, "k8s-node-%d", &n); err != nil || in.RegionID != "cn-hangzhou" || n < from || n > to {
			continue
		}
		fx.Instances = append(fx.Instances, in)
	}
	if len(fx.Instances) == 0 {
		t.Fatal("the demo fixtures have no k8s-node fleet")
	}
	return fx
}

// nodeNumber is n of "k8s-node-n".
func nodeNumber(t *testing.T, name string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(name, "k8s-node-%d", &n); err != nil {
		t.Fatalf("not a k8s node: %q", name)
	}
	return n
}

func wantHealth(n int) fleet.Health {
	if h, ok := waveHealth[n]; ok {
		return h
	}
	return fleet.OK
}

// scanRow is one parsed row of the scan table.
type scanRow struct {
	id, name, region, status, health, finding string
}

// parseScanTable splits the table on its header's column starts.
func parseScanTable(t *testing.T, out string) []scanRow {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	header := lines[0]
	cols := []string{"INSTANCE", "NAME", "REGION", "STATUS", "HEALTH", "FINDING"}
	var starts []int
	for _, c := range cols {
		i := strings.Index(header, c)
		if i < 0 {
			t.Fatalf("header lacks %s: %q", c, header)
		}
		starts = append(starts, i)
	}
	var rows []scanRow
	for _, l := range lines[1:] {
		r := []rune(l) // the health glyphs are one rune, one column, as tabwriter counts them
		cell := func(i int) string {
			end := len(r)
			if i+1 < len(starts) {
				end = min(starts[i+1], len(r))
			}
			return strings.TrimSpace(string(r[starts[i]:end]))
		}
		rows = append(rows, scanRow{cell(0), cell(1), cell(2), cell(3), cell(4), cell(5)})
	}
	return rows
}

// TestScanRebootWaveTable scans the reboot-wave fleet: every node gets the health the wave gave
// it, worst first, with the first finding and its line; piped stderr stays silent; exit 4.
func TestScanRebootWaveTable(t *testing.T) {
	startFixtures(t, k8sNodes(t, 1, 56))
	code, out, errOut := runCmd("scan")
	if code != exitProblems || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	rows := parseScanTable(t, out)
	if len(rows) != 56 {
		t.Fatalf("%d rows, want 56 (1 to 56):\n%s", len(rows), out)
	}
	rank := -1
	for _, r := range rows {
		n := nodeNumber(t, r.name)
		want := wantHealth(n)
		if r.health != want.Label() || r.region != "cn-hangzhou" || !strings.HasPrefix(r.id, "i-") {
			t.Errorf("k8s-node-%d: %+v, want health %q", n, r, want.Label())
		}
		if want.Rank() < rank {
			t.Errorf("k8s-node-%d (%s) after a healthier row: not worst first", n, want)
		}
		rank = want.Rank()
		switch want {
		case fleet.Critical, fleet.Warning:
			if !strings.HasPrefix(r.finding, "line ") {
				t.Errorf("k8s-node-%d: finding %q has no line", n, r.finding)
			}
		case fleet.Stale:
			if !strings.Contains(r.finding, "predates the last start") {
				t.Errorf("k8s-node-%d: finding %q", n, r.finding)
			}
		case fleet.None:
			if r.finding != "never started" || r.status != "Pending" {
				t.Errorf("k8s-node-%d: %+v", n, r)
			}
		}
	}
}

// TestScanJSONAndProblems: --json is fleet.Records' array, worst first, with RFC 3339 times and
// null errors; --problems keeps only the instances that are not ok.
func TestScanJSONAndProblems(t *testing.T) {
	startFixtures(t, k8sNodes(t, 1, 56))
	code, out, errOut := runCmd("scan", "--json", "--problems")
	if code != exitProblems || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var recs []fleet.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("not a JSON array of records: %v\n%s", err, out)
	}
	var got []int
	for _, r := range recs {
		n := nodeNumber(t, r.Name)
		got = append(got, n)
		if r.Health != wantHealth(n) || r.Error != nil || r.Findings == nil {
			t.Errorf("k8s-node-%d: %+v", n, r)
		}
		if r.LastUpdateTime != nil {
			if _, err := time.Parse(time.RFC3339, *r.LastUpdateTime); err != nil || !strings.HasSuffix(*r.LastUpdateTime, "Z") {
				t.Errorf("k8s-node-%d: lastUpdateTime %q is not RFC 3339 UTC", n, *r.LastUpdateTime)
			}
		}
		if r.Health.IsProblem() && (len(r.Findings) == 0 || r.Findings[0].Line <= 0 || r.Findings[0].Kind == "") {
			t.Errorf("k8s-node-%d: no finding with a line: %+v", n, r.Findings)
		}
	}
	slices.Sort(got)
	if want := []int{7, 13, 22, 31, 38, 45, 50, 53, 55, 56}; !slices.Equal(got, want) {
		t.Fatalf("--problems kept %v, want %v", got, want)
	}
	// The raw JSON spells the absent error as null, so jq's select(.error) works.
	if !strings.Contains(out, `"error": null`) {
		t.Fatalf("error is not null:\n%.400s", out)
	}
}

// TestScanWaitAfterReboot: the stale nodes are re-polled; the one that writes a new log meanwhile
// is judged on it, the other stays stale with a note saying how long it was waited for.
func TestScanWaitAfterReboot(t *testing.T) {
	srv := startFixtures(t, k8sNodes(t, 48, 56))
	byName := map[string]string{}
	for _, in := range k8sNodes(t, 50, 53).Instances {
		byName[in.InstanceName] = in.InstanceID
	}
	consoleCalls := srv.Calls("GetInstanceConsoleOutput")
	done := make(chan error, 1)
	go func() {
		// Once the first pass has read every node (seven have a console), node 50 comes back.
		for srv.Calls("GetInstanceConsoleOutput") < consoleCalls+7 {
			time.Sleep(10 * time.Millisecond)
		}
		done <- srv.Reboot(byName["k8s-node-50"])
	}()
	code, out, errOut := runCmd("scan", "--json", "--wait-after-reboot", "4s")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d (nodes 48-56 have no critical or warning), stderr %q", code, errOut)
	}
	var recs []fleet.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatal(err)
	}
	health := map[string]fleet.Health{}
	for _, r := range recs {
		health[r.Name] = r.Health
	}
	if health["k8s-node-50"] != fleet.OK || health["k8s-node-53"] != fleet.Stale {
		t.Fatalf("after the wait: node 50 %s (want ok), node 53 %s (want stale)", health["k8s-node-50"], health["k8s-node-53"])
	}
	// The table says why node 53 is still stale.
	code, out, _ = runCmd("scan", "--problems", "--wait-after-reboot", "300ms")
	if code != exitOK || !strings.Contains(out, "still stale after waiting 300ms") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestScanInterrupted: cancelling the scan (what Ctrl-C does) ends it with 130, prints no
// partial results and says how far it got.
func TestScanInterrupted(t *testing.T) {
	fx := k8sNodes(t, 1, 56)
	srv, err := emulator.New(emulator.Options{Fixtures: fx, Latency: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	pointAt(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for srv.Calls("GetInstanceConsoleOutput") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	var out, errb strings.Builder
	code := Run(ctx, []string{"scan"}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted || out.Len() != 0 || !strings.Contains(errb.String(), "scan interrupted") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

// TestScanWholeFailure: when every console call fails the scan as a whole failed (exit 1, with
// the reason), and so has it when the listing fails.
func TestScanWholeFailure(t *testing.T) {
	fx := k8sNodes(t, 1, 6)
	for i := range fx.Instances {
		fx.Instances[i].Fault = &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Forbidden.RAM", HTTPStatus: 403,
			Message: "User not authorized to operate on the specified resource."}
	}
	startFixtures(t, fx)
	code, out, errOut := runCmd("scan", "--json")
	if code != exitAPI || !strings.Contains(errOut, "every console call failed") || !strings.Contains(errOut, "Forbidden.RAM") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var recs []fleet.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 6 || recs[0].Error == nil {
		t.Fatalf("the records still carry each error: %v\n%s", err, out)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong")
	if code, out, errOut := runCmd("scan"); code != exitAPI || out != "" || !strings.Contains(errOut, "bootlog:") {
		t.Fatalf("listing failure: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestScanUsage(t *testing.T) {
	startFixtures(t, k8sNodes(t, 1, 2))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--region", "cn-hangzhou", "--all-regions"}, "exclude each other"},
		{[]string{"scan", "--wait-after-reboot", "-1m"}, "must not be negative"},
		{[]string{"scan", "--wait-after-reboot", "soon"}, "invalid argument"},
		{[]string{"scan", "k8s-node-1"}, "unexpected argument"},
	} {
		code, out, errOut := runCmd(tc.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// TestScanProgressOnATerminal: a terminal's stderr gets the progress line, rewritten in place and
// erased before the results; the piped runs above get nothing.
func TestScanProgressOnATerminal(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pseudo-terminal helper is Linux-only")
	}
	startFixtures(t, k8sNodes(t, 1, 30))
	ptmx, tty := openPTY(t)
	screen := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx)
		screen <- string(b)
	}()
	var out strings.Builder
	if code := Run(context.Background(), []string{"scan"}, strings.NewReader(""), &out, tty); code != exitProblems {
		t.Fatalf("exit %d", code)
	}
	tty.Close()
	got := <-screen
	for _, want := range []string{"\r\x1b[Kbootlog: scanned ", "/30, ", "calls/s", "throttled", "elapsed"} {
		if !strings.Contains(got, want) {
			t.Fatalf("progress lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Fatalf("the progress line was not erased: %q", got)
	}
	if strings.Contains(out.String(), "scanned") {
		t.Fatal("progress reached stdout")
	}
}

// TestScanCtrlC sends a real SIGINT to a built bootlog in the middle of `scan --demo`: the scan
// stops, stdout stays empty and the exit status is 130.
func TestScanCtrlC(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds the binary and signals it")
	}
	bin := buildBinary(t)
	home := t.TempDir()
	debugLog := filepath.Join(home, "debug.log")
	cmd := exec.Command(bin, "scan", "--demo", "--debug", debugLog)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), "XDG_STATE_HOME=" + filepath.Join(home, ".state")}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The demo region's 276 instances take half a minute at 10 calls a second: signal once the
	// console calls have begun, which is after the handler was installed.
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(debugLog)
		if strings.Contains(string(b), "GetInstanceConsoleOutput") {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no console call within 30 s: %s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want %d; stderr %q", err, exitInterrupted, errb.String())
	}
	if out.Len() != 0 || !strings.Contains(errb.String(), "bootlog: scan interrupted: ") {
		t.Fatalf("stdout %q, stderr %q", out.String(), errb.String())
	}
}
