package emulator

// Tests of the emulator against clients that are not the SDK: junk and hostile requests, slow
// connections, requests that leave out parameters, and fixtures the boot-log generator must
// survive.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// lockedBuffer is a log sink safe for the server's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestUnsignedJunkDoesNotGrowMemory sends 100 unsigned requests, each with its own 512 KiB
// Action: none is counted, logged or otherwise kept. Counting them kept 50 MiB for good.
func TestUnsignedJunkDoesNotGrowMemory(t *testing.T) {
	log := &lockedBuffer{}
	srv, err := New(Options{Fixtures: testWorld(0), Log: log})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	junk := strings.Repeat("A", 512<<10)
	send := func(i int) {
		r := httptest.NewRequest("GET", "/?Action="+junk+strconv.Itoa(i), nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusBadRequest {
			t.Fatalf("unsigned request: HTTP %d", w.Code)
		}
	}
	send(-1) // warm up whatever is allocated once
	before := heapInUse()
	for i := range 100 {
		send(i)
	}
	if grown := int64(heapInUse()) - int64(before); grown > 8<<20 {
		t.Errorf("100 unsigned requests with 512 KiB actions kept %d MiB", grown>>20)
	}
	if n := srv.Calls(junk + "0"); n != 0 {
		t.Errorf("an unsigned action was counted: %d", n)
	}
	if strings.Contains(log.String(), "AAAA") {
		t.Error("an unsigned action was logged")
	}
}

// TestLogIsEscapedAndCut: nothing a client or a fixture controls reaches the log raw. An
// unsigned request's Action is not logged at all; a fault's code (a fixture may hold anything)
// is quoted and cut.
func TestLogIsEscapedAndCut(t *testing.T) {
	hostile := "\x1b]52;c;aGk=\a\x1b]2;pwned\a\r\n12:00:00.000 DescribeRegions 200 forged\x9b" + strings.Repeat("x", 1000)
	world := testWorld(0)
	world.Instances[0].Fault = &FaultFixture{Action: "GetInstanceConsoleOutput", Code: hostile, HTTPStatus: 503}
	log := &lockedBuffer{}
	srv, _ := startServer(t, world, Options{Log: log})
	do(t, v1Request(t, srv, "GET", "wrong", map[string]string{"Action": hostile}, false))
	do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "GetInstanceConsoleOutput", "InstanceId": "i-web1"}, false))

	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per request, got %d:\n%s", len(lines), log.String())
	}
	for _, l := range lines {
		for _, r := range l {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r != '…' && r != 'µ') {
				t.Errorf("log line carries %U: %q", r, l)
				break
			}
		}
		if len(l) > 300 {
			t.Errorf("log line of %d bytes: %q", len(l), l)
		}
	}
	if !strings.Contains(lines[0], " - 404 InvalidAction.NotFound ") {
		t.Errorf("unsigned request logged as %q, want its action as -", lines[0])
	}
	if !strings.Contains(lines[1], `GetInstanceConsoleOutput 503 "\x1b]52;c;`) {
		t.Errorf("fault code not quoted: %q", lines[1])
	}
}

func TestLogSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"DescribeRegions", "DescribeRegions"},
		{"InvalidInstanceId.NotFound", "InvalidInstanceId.NotFound"},
		{"", `""`},
		{"a b", `"a b"`},
		{"\x1b[2J", `"\x1b[2J"`},
		{"line\nforged", `"line\nforged"`},
		{"é\u202e", `"\u00e9\u202e"`},
		{strings.Repeat("A", 500), `"` + strings.Repeat("A", 199) + "…"},
	} {
		if got := logSafe(tc.in); got != tc.want {
			t.Errorf("logSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDescribeRegionsWithoutRegionId: the real API takes no RegionId for DescribeRegions, and
// clients that leave it out (the Node pop-core client) must get the regions.
func TestDescribeRegionsWithoutRegionId(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	status, m := do(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "DescribeRegions", "RegionId": "-"}, false))
	if status != 200 {
		t.Fatalf("DescribeRegions without RegionId: %d %v", status, m)
	}
	if regions := m["Regions"].(map[string]any)["Region"].([]any); len(regions) != 3 {
		t.Errorf("regions %v", regions)
	}
	// Every other action still needs one.
	wantError(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "DescribeInstances", "RegionId": "-"}, false), 400, "MissingParameter")
}

// TestMissingParameterBeforeFault: a console request without InstanceId is answered
// MissingParameter, and does not consume the fault armed on another instance; that fault still
// answers its own instance's next request, and only its own.
func TestMissingParameterBeforeFault(t *testing.T) {
	world := testWorld(0)
	world.Instances[0].Fault = &FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 400, Times: 1}
	srv, _ := startServer(t, world, Options{})
	console := func(extra map[string]string) *http.Request {
		return actionRequest(t, srv, "GetInstanceConsoleOutput", extra)
	}
	e := wantError(t, console(nil), 400, "MissingParameter")
	if !strings.Contains(e.Message, "InstanceId") {
		t.Errorf("message %q does not name InstanceId", e.Message)
	}
	wantError(t, console(map[string]string{"InstanceId": "i-web1", "RemoveSymbols": "maybe"}), 400, "InvalidParameter")
	if status, m := do(t, console(map[string]string{"InstanceId": "i-bad64"})); status != 200 {
		t.Fatalf("another instance got i-web1's fault: %d %v", status, m)
	}
	wantError(t, console(map[string]string{"InstanceId": "i-web1"}), 400, "Throttling")
	if status, m := do(t, console(map[string]string{"InstanceId": "i-web1"})); status != 200 {
		t.Fatalf("after its one fault: %d %v", status, m)
	}
}

// TestRescueActionsCheckBeforeFault: StartInstance and DescribeInstanceVncUrl are instance
// actions like the console's: a request without InstanceId, or with a Boolean that is not one, is
// answered for itself, and the fault armed on i-web1 is neither taken by it nor by a request for
// another instance; it answers i-web1's next request, once.
func TestRescueActionsCheckBeforeFault(t *testing.T) {
	for _, tc := range []struct {
		action, other string
		badBool       string // a Boolean parameter of the action, "" for none
		after         int    // i-web1's answer once the fault is spent (i-web1 is Running)
	}{
		{"StartInstance", "i-stop1", "DryRun", 403},
		{"DescribeInstanceVncUrl", "i-bad64", "", 200},
	} {
		t.Run(tc.action, func(t *testing.T) {
			world := testWorld(0)
			world.Instances[0].Fault = &FaultFixture{Action: tc.action, Code: "Throttling", HTTPStatus: 400, Times: 1}
			srv, _ := startServer(t, world, Options{})
			call := func(extra map[string]string) *http.Request { return actionRequest(t, srv, tc.action, extra) }
			e := wantError(t, call(nil), 400, "MissingParameter")
			if !strings.Contains(e.Message, "InstanceId") {
				t.Errorf("message %q does not name InstanceId", e.Message)
			}
			if tc.badBool != "" {
				wantError(t, call(map[string]string{"InstanceId": "i-web1", tc.badBool: "maybe"}), 400, "InvalidParameter")
			}
			if status, m := do(t, call(map[string]string{"InstanceId": tc.other, "DryRun": "true"})); status >= 500 || m["Code"] == "Throttling" {
				t.Fatalf("%s got i-web1's fault: %d %v", tc.other, status, m)
			}
			wantError(t, call(map[string]string{"InstanceId": "i-web1"}), 400, "Throttling")
			if status, m := do(t, call(map[string]string{"InstanceId": "i-web1"})); status != tc.after {
				t.Fatalf("after its one fault: %d %v, want %d", status, m, tc.after)
			}
		})
	}
}

// TestListingParamsBeforeFault: DescribeInstances and DescribeInstanceStatus answer a request
// that is wrong in itself (no RegionId, a page size past the limit, a made-up NextToken, a
// malformed filter, too many InstanceId.N) with its own error, as the real API does, and such a
// request does not consume the fault armed in the region: the next good request gets it, once.
func TestListingParamsBeforeFault(t *testing.T) {
	for _, tc := range []struct {
		action string
		bad    []map[string]string // each with the code it earns
		codes  []string
	}{
		{"DescribeInstances", []map[string]string{
			{"RegionId": "-"},
			{"PageSize": "101"},
			{"PageNumber": "0"},
			{"MaxResults": "5", "NextToken": "made-up"},
			{"InstanceIds": "i-web1"},
			{"DryRun": "maybe"},
		}, []string{"MissingParameter", "InvalidParameter", "InvalidParameter", "InvalidParameter", "InvalidInstanceIds.Malformed", "InvalidParameter"}},
		{"DescribeInstanceStatus", []map[string]string{
			{"RegionId": "-"},
			{"PageSize": "51"},
			{"PageNumber": "x"},
			manyIDs(101),
		}, []string{"MissingParameter", "InvalidParameter", "InvalidParameter", "InvalidParameter"}},
	} {
		t.Run(tc.action, func(t *testing.T) {
			world := testWorld(0)
			world.Instances[0].Fault = &FaultFixture{Action: tc.action, Code: "Throttling", HTTPStatus: 400, Times: 1}
			srv, _ := startServer(t, world, Options{})
			call := func(extra map[string]string) *http.Request { return actionRequest(t, srv, tc.action, extra) }
			for i, extra := range tc.bad {
				wantError(t, call(extra), 400, tc.codes[i])
			}
			wantError(t, call(nil), 400, "Throttling")
			if status, m := do(t, call(nil)); status != 200 {
				t.Fatalf("after its one fault: %d %v", status, m)
			}
		})
	}
}

// actionRequest is a signed GET of action in cn-hangzhou with extra's parameters added ("-"
// removes one, as in v1Request).
func actionRequest(t *testing.T, srv *Server, action string, extra map[string]string) *http.Request {
	t.Helper()
	p := map[string]string{"Action": action}
	maps.Copy(p, extra)
	return v1Request(t, srv, "GET", DefaultAccessKeySecret, p, false)
}

// manyIDs is InstanceId.1 to InstanceId.n.
func manyIDs(n int) map[string]string {
	m := make(map[string]string, n)
	for i := 1; i <= n; i++ {
		m[fmt.Sprintf("InstanceId.%d", i)] = fmt.Sprintf("i-%d", i)
	}
	return m
}

// readsToEnd reads conn until the server closes it. The deadline only keeps a failing test from
// hanging: a server that closes slow connections does so long before it.
func readsToEnd(t *testing.T, conn net.Conn) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server kept the connection open")
	}
}

// TestTricklingConnectionsAreClosed: a request whose body (or headers) arrive a byte at a time,
// and a kept-alive connection that never sends its next request, are closed by the server.
func TestTricklingConnectionsAreClosed(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{ReadTimeout: 200 * time.Millisecond, IdleTimeout: 200 * time.Millisecond})
	for _, tc := range []struct{ name, head, trickle string }{
		{"body", "POST / HTTP/1.1\r\nHost: ecs\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n", "A"},
		{"headers", "GET / HTTP/1.1\r\n", "X"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			io.WriteString(conn, tc.head)
			stop := make(chan struct{})
			defer close(stop)
			go func() {
				for {
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
					}
					if _, err := io.WriteString(conn, tc.trickle); err != nil {
						return
					}
				}
			}()
			readsToEnd(t, conn)
		})
	}
	t.Run("idle", func(t *testing.T) {
		conn, err := net.Dial("tcp", srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET /?Action=DescribeRegions HTTP/1.1\r\nHost: ecs\r\n\r\n")
		readsToEnd(t, conn) // one answer, then nothing until the idle timeout closes it
	})
}

// TestSlowAnswerOutlivesReadTimeout: ReadTimeout bounds receiving a request, not answering it;
// a fault's delay longer than it still ends with the fault's answer.
func TestSlowAnswerOutlivesReadTimeout(t *testing.T) {
	world := testWorld(0)
	world.Instances[0].Fault = &FaultFixture{Action: "GetInstanceConsoleOutput", Code: "ServiceUnavailable", Delay: "600ms"}
	srv, _ := startServer(t, world, Options{ReadTimeout: 100 * time.Millisecond})
	wantError(t, v1Request(t, srv, "GET", DefaultAccessKeySecret, map[string]string{"Action": "GetInstanceConsoleOutput", "InstanceId": "i-web1"}, false), 503, "ServiceUnavailable")
}

// oddAddresses are private addresses the boot-log generator once crashed on (empty, IPv6) and
// the ordinary and mapped IPv4 forms.
var oddAddresses = []string{"", "fe80::1", "2408:4000:1000::5", "::ffff:10.0.0.7", "172.16.3.4"}

// TestRebootLogEveryOSAndAddress writes the reboot log of every demo OS with every kind of
// private address: an Ubuntu instance with an empty or IPv6 address used to panic in the
// cloud-init network table.
func TestRebootLogEveryOSAndAddress(t *testing.T) {
	seen := map[string]bool{}
	for _, in := range DemoFixtures().Instances {
		if in.OSType != "linux" || seen[in.OSName] {
			continue
		}
		seen[in.OSName] = true
		for _, ip := range oddAddresses {
			in.PrivateIP = ip
			text, err := rebootLog(in, time.Date(2026, 11, 26, 10, 4, 0, 0, time.UTC))
			if err != nil {
				t.Errorf("%s, address %q: %v", in.OSName, ip, err)
				continue
			}
			if host := orElse(in.HostName, in.InstanceName); !strings.HasSuffix(text, host+" login: ") {
				t.Errorf("%s, address %q: no login prompt at the end", in.OSName, ip)
			}
			if strings.Contains(in.OSName, "Ubuntu") && !strings.Contains(text, "ci-info: |  eth0  | True |") {
				t.Errorf("%s, address %q: no cloud-init network table", in.OSName, ip)
			}
		}
	}
	if !seen["Ubuntu  22.04 64 bit"] && len(seen) < 3 {
		t.Fatalf("the demo offers only %v", seen)
	}
}

func orElse(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TestRebootUbuntuWithoutIPv4 reboots Ubuntu instances with no private address and with only an
// IPv6 one, through the SDK: each reboot is accepted, and the instance comes back Running with a
// new boot log. The crash used to happen after the state had changed, leaving the instance
// rebooting with no new log and a watching client waiting forever.
func TestRebootUbuntuWithoutIPv4(t *testing.T) {
	world := testWorld(0)
	for i, ip := range []string{"", "2408:4000:1000::5"} {
		world.Instances = append(world.Instances, InstanceFixture{RegionID: "cn-hangzhou", InstanceID: "i-ubuntu" + strconv.Itoa(i),
			InstanceName: "ubuntu-" + strconv.Itoa(i), Status: "Running", OSType: "linux", OSName: "Ubuntu  22.04 64 bit",
			InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h", PrivateIP: ip,
			Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T01:00:00Z", Text: "old boot\n"}})
	}
	srv, clock := startServer(t, world, Options{RebootDuration: 6 * time.Second})
	c := defaultClient(t, srv, "cn-hangzhou")
	for i := range 2 {
		id := "i-ubuntu" + strconv.Itoa(i)
		req := ecs.CreateRebootInstanceRequest()
		req.InstanceId = id
		if _, err := c.RebootInstance(req); err != nil {
			t.Fatalf("reboot %s: %v", id, err)
		}
	}
	clock.Advance(7 * time.Second)
	for i := range 2 {
		id := "i-ubuntu" + strconv.Itoa(i)
		if st := statusOf(t, c, id); st != "Running" {
			t.Errorf("%s: %s after the reboot", id, st)
		}
		if text, _ := consoleOf(t, c, id); text == "old boot\n" || !strings.Contains(text, "Cloud-init v. ") {
			t.Errorf("%s: no new boot log", id)
		}
	}
}
