package fetch_test

// These tests run the real SDK client over loopback HTTP against the emulator: nothing below the
// SDK is mocked, so signing, endpoint resolution, error bodies and timeouts are the real thing.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

const (
	bigRegion   = "cn-hangzhou"
	smallRegion = "cn-beijing"
	emptyRegion = "eu-central-1"
	bigCount    = 257 // three pages, the last one short
)

// bootText is a console log in the shape the tests need: colours, CRLF, non-UTF-8 bytes.
var bootText = "[    0.000000] Linux version 5.10.134\r\n[  \x1b[0;32mOK\x1b[0m  ] Started OpenSSH server daemon.\r\n\xff\xfe raw byte\r\nweb-1 login: "

// testFixtures is a small account: a big region for paging, and one instance per behaviour.
func testFixtures() *emulator.Fixtures {
	fx := &emulator.Fixtures{
		Regions: []emulator.RegionFixture{
			{RegionID: bigRegion, LocalName: "China (Hangzhou)"},
			{RegionID: smallRegion, LocalName: "China (Beijing)"},
			{RegionID: emptyRegion, LocalName: "Germany (Frankfurt)"},
		},
	}
	for i := range bigCount {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: bigRegion, InstanceID: fmt.Sprintf("i-big%04d", i), InstanceName: fmt.Sprintf("web-%d", i),
			Status: "Running", OSType: "linux", OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large",
			ZoneID: "cn-hangzhou-h", PrivateIP: fmt.Sprintf("172.16.%d.%d", i/250, i%250+1),
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z",
			Console: &emulator.ConsoleFixture{LastUpdateTime: "2026-11-21T08:00:30Z", Text: "boot " + fmt.Sprint(i)},
		})
	}
	small := func(id, status, osType string, console *emulator.ConsoleFixture, fault *emulator.FaultFixture) {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: smallRegion, InstanceID: id, InstanceName: id, HostName: id + ".internal", Status: status,
			OSType: osType, OSName: "some OS", InstanceType: "ecs.c7.large", ZoneID: "cn-beijing-k",
			PrivateIP: "10.0.0.7", PublicIP: "47.95.0.7", EIP: "39.96.0.7",
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z", Console: console, Fault: fault,
		})
	}
	text := &emulator.ConsoleFixture{LastUpdateTime: "2026-11-20T10:04:57Z", Text: bootText}
	small("i-linux", "Running", "linux", text, nil)
	small("i-windows", "Running", "windows", text, nil)
	small("i-pending", "Pending", "linux", nil, nil)
	small("i-stopped", "Stopped", "linux", text, nil)
	small("i-empty", "Running", "linux", &emulator.ConsoleFixture{LastUpdateTime: "2026-11-20T10:04:57Z"}, nil)
	small("i-badbase64", "Running", "linux", &emulator.ConsoleFixture{LastUpdateTime: "2026-11-20T10:04:57Z", Base64: "this is *not* base64!"}, nil)
	small("i-throttled", "Running", "linux", text, &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429, Times: 2})
	return fx
}

// startEmulator serves fx on a loopback port for the duration of the test.
func startEmulator(t testing.TB, fx *emulator.Fixtures, latency time.Duration) *emulator.Server {
	t.Helper()
	srv, err := emulator.New(emulator.Options{Fixtures: fx, Latency: latency, RebootDuration: time.Second})
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("emulator.Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// newClient is a client for srv with the emulator's key pair; opts adjusts the options.
func newClient(t testing.TB, srv *emulator.Server, opts func(*fetch.Options)) *fetch.Client {
	t.Helper()
	o := fetch.Options{
		Region:           bigRegion,
		Endpoint:         srv.URL(),
		Credentials:      credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
		CredentialSource: "the test key pair",
		Timeout:          5 * time.Second,
		Retry:            fetch.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	}
	if opts != nil {
		opts(&o)
	}
	c, err := fetch.New(o)
	if err != nil {
		t.Fatalf("fetch.New: %v", err)
	}
	return c
}

func asError(t *testing.T, err error) *fetch.Error {
	t.Helper()
	var fe *fetch.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *fetch.Error", err, err)
	}
	return fe
}

func bigIDs() []string {
	ids := make([]string, bigCount)
	for i := range ids {
		ids[i] = fmt.Sprintf("i-big%04d", i)
	}
	return ids
}

func TestInstancesEveryPage(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	list, err := c.Instances(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range list {
		got = append(got, in.ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, bigIDs()) {
		t.Fatalf("got %d instances, want each of the %d exactly once", len(got), bigCount)
	}
	// 257 instances are three pages of 100, and nothing more is asked.
	if n := srv.Calls("DescribeInstances"); n != 3 {
		t.Errorf("DescribeInstances calls = %d, want 3", n)
	}
}

func TestStreamInstancesInPageOrder(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 20*time.Millisecond)
	c := newClient(t, srv, nil)
	reference, err := c.Instances(context.Background(), bigRegion)
	if err != nil {
		t.Fatal(err)
	}
	before := srv.Calls("DescribeInstances")

	var (
		inside  atomic.Int32
		batches [][]fetch.Instance
		totals  []int
	)
	err = c.StreamInstances(context.Background(), bigRegion, func(batch []fetch.Instance, total int) {
		if inside.Add(1) != 1 {
			t.Error("onPage called concurrently")
		}
		time.Sleep(5 * time.Millisecond) // widen the window for overlapping calls
		batches = append(batches, batch)
		totals = append(totals, total)
		inside.Add(-1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 3 || len(batches[0]) != 100 || len(batches[1]) != 100 || len(batches[2]) != 57 {
		t.Fatalf("batch sizes: %d batches %v", len(batches), lens(batches))
	}
	for i, total := range totals {
		if total != bigCount {
			t.Errorf("onPage %d: total %d, want %d", i, total, bigCount)
		}
	}
	// Page order: the stream, concatenated, is the list in the API's order.
	var streamed []fetch.Instance
	for _, b := range batches {
		streamed = append(streamed, b...)
	}
	if !slices.EqualFunc(streamed, reference, func(a, b fetch.Instance) bool { return a.ID == b.ID }) {
		t.Error("streamed pages are not in page order")
	}
	if n := srv.Calls("DescribeInstances") - before; n != 3 {
		t.Errorf("DescribeInstances calls = %d, want 3", n)
	}
}

func lens(bs [][]fetch.Instance) []int {
	var out []int
	for _, b := range bs {
		out = append(out, len(b))
	}
	return out
}

func TestStreamInstancesEmptyRegion(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	calls := 0
	err := c.StreamInstances(context.Background(), emptyRegion, func(batch []fetch.Instance, total int) {
		calls++
		if len(batch) != 0 || total != 0 {
			t.Errorf("empty region gave %d instances, total %d", len(batch), total)
		}
	})
	if err != nil || calls != 1 {
		t.Errorf("err %v, onPage calls %d; want nil, 1", err, calls)
	}
}

func TestInstanceFields(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	list, err := c.Instances(context.Background(), smallRegion)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, func(in fetch.Instance) bool { return in.ID == "i-linux" })
	if i < 0 {
		t.Fatalf("i-linux missing from %d instances", len(list))
	}
	in := list[i]
	want := fetch.Instance{
		ID: "i-linux", Name: "i-linux", HostName: "i-linux.internal", Status: "Running", Type: "ecs.c7.large",
		RegionID: smallRegion, Zone: "cn-beijing-k", OSType: "linux", OSName: "some OS",
		PrivateIPs: []string{"10.0.0.7"}, PublicIPs: []string{"47.95.0.7"}, EIP: "39.96.0.7",
		CreationTime: time.Date(2026, 11, 20, 10, 4, 0, 0, time.UTC),
		StartTime:    time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC),
	}
	if in.ID != want.ID || in.Name != want.Name || in.HostName != want.HostName || in.Status != want.Status ||
		in.Type != want.Type || in.RegionID != want.RegionID || in.Zone != want.Zone || in.OSType != want.OSType ||
		in.OSName != want.OSName || !slices.Equal(in.PrivateIPs, want.PrivateIPs) || !slices.Equal(in.PublicIPs, want.PublicIPs) ||
		in.EIP != want.EIP || !in.CreationTime.Equal(want.CreationTime) || !in.StartTime.Equal(want.StartTime) {
		t.Errorf("instance\n got %+v\nwant %+v", in, want)
	}
}

func TestAllRegionsInstances(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	regions, err := c.Regions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 3 || regions[0].ID != bigRegion || regions[0].LocalName == "" {
		t.Fatalf("regions %+v", regions)
	}
	all, err := c.AllRegionsInstances(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fx := testFixtures()
	if len(all) != len(fx.Instances) {
		t.Errorf("got %d instances, want %d", len(all), len(fx.Instances))
	}
	seen := map[string]string{}
	for _, in := range all {
		if r, dup := seen[in.ID]; dup {
			t.Errorf("%s listed twice (%s, %s)", in.ID, r, in.RegionID)
		}
		seen[in.ID] = in.RegionID
	}
	for _, f := range fx.Instances {
		if seen[f.InstanceID] != f.RegionID {
			t.Errorf("%s: region %q, want %q", f.InstanceID, seen[f.InstanceID], f.RegionID)
		}
	}
}

func TestConsoleOutputDecoded(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux")
	if err != nil {
		t.Fatal(err)
	}
	if string(out.Data) != bootText {
		t.Errorf("data %q, want %q", out.Data, bootText)
	}
	if out.InstanceID != "i-linux" || out.RegionID != smallRegion || out.RequestID == "" || out.Raw != "" {
		t.Errorf("fields (Raw is dropped once decoded): %+v", out)
	}
	// The emulator answers the fixture's instant in the zoneless UTC+8 form; read back with the
	// default zone it is the same instant.
	if want := time.Date(2026, 11, 20, 10, 4, 57, 0, time.UTC); !out.LastUpdate.Equal(want) {
		t.Errorf("LastUpdate %v (raw %q), want %v", out.LastUpdate, out.LastUpdateRaw, want)
	}
	// With the zone configured as UTC, the same text means eight hours later.
	utc := newClient(t, srv, func(o *fetch.Options) { o.ZonelessLocation = time.UTC })
	out2, err := utc.ConsoleOutput(context.Background(), smallRegion, "i-linux")
	if err != nil {
		t.Fatal(err)
	}
	if d := out2.LastUpdate.Sub(out.LastUpdate); d != 8*time.Hour {
		t.Errorf("UTC zone shifted LastUpdate by %s, want 8h (raw %q)", d, out2.LastUpdateRaw)
	}
}

func TestConsoleOutputEmpty(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-empty")
	if err != nil {
		t.Fatalf("an empty output must not be an error: %v", err)
	}
	if len(out.Data) != 0 || out.RequestID == "" {
		t.Errorf("empty output: %+v", out)
	}
}

func TestConsoleOutputInvalidBase64(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-badbase64")
	fe := asError(t, err)
	if fe.Kind != fetch.KindInvalidBase64 || fe.Raw != "this is *not* base64!" || fe.Op != "GetInstanceConsoleOutput" || fe.RequestID == "" {
		t.Errorf("error %+v", fe)
	}
	if out.Raw != "this is *not* base64!" || out.RequestID == "" || out.Data != nil {
		t.Errorf("the raw text must come back with the error: %+v", out)
	}
	// A decoding error is not the network's fault: one request only.
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 1 {
		t.Errorf("calls = %d, want 1", n)
	}
}

func TestThrottlingRetriedThenSucceeds(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-throttled")
	if err != nil {
		t.Fatalf("throttled twice, then answered: %v", err)
	}
	if string(out.Data) != bootText {
		t.Errorf("data %q", out.Data)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 3 {
		t.Errorf("calls = %d, want 3 (two throttled, one answered)", n)
	}
	if n := c.Throttles(); n != 2 {
		t.Errorf("Throttles() = %d, want 2: the retried Throttling answers count", n)
	}
}

func TestThrottlingGivesUpAfterMaxAttempts(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	srv.SetFault("i-linux", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429})
	c := newClient(t, srv, func(o *fetch.Options) { o.Retry.MaxAttempts = 3 })
	_, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux")
	fe := asError(t, err)
	if fe.Kind != fetch.KindThrottled || fe.Attempts != 3 || fe.HTTPStatus != 429 {
		t.Errorf("error %+v", fe)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 3 {
		t.Errorf("calls = %d, want 3", n)
	}
}

func TestHungServerTimesOut(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	srv.SetFault("i-linux", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Delay: "30s"})
	c := newClient(t, srv, func(o *fetch.Options) {
		o.Timeout = 300 * time.Millisecond
		o.Retry.MaxAttempts = 2
	})
	start := time.Now()
	_, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux")
	elapsed := time.Since(start)
	fe := asError(t, err)
	if fe.Kind != fetch.KindTimeout || fe.Attempts != 2 {
		t.Errorf("error %+v", fe)
	}
	// Two attempts of 300 ms each plus a few ms of backoff; far below the 30 s hang.
	if elapsed < 600*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("gave up after %s, want about 600ms", elapsed)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 2 {
		t.Errorf("calls = %d, want 2", n)
	}
}

func TestContextEndsCall(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	srv.SetFault("i-linux", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Delay: "30s"})
	c := newClient(t, srv, nil)

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ConsoleOutput(ctx, smallRegion, "i-linux")
	if fe := asError(t, err); fe.Kind != fetch.KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %+v", fe)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("the caller's deadline was ignored: %s", elapsed)
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel2)
	_, err = c.ConsoleOutput(ctx2, smallRegion, "i-linux")
	if fe := asError(t, err); fe.Kind != fetch.KindCanceled || !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: %+v", fe)
	}
}

func TestErrorKinds(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	const stsID, stsSecret, stsToken = "STS.test-id", "sts-secret", "CAIS-token/with+chars=="
	srv.AddCredential(stsID, stsSecret, stsToken)
	fault := func(id string, f emulator.FaultFixture) func() { return func() { srv.SetFault(id, f) } }
	console := func(c *fetch.Client, id string) error {
		_, err := c.ConsoleOutput(context.Background(), smallRegion, id)
		return err
	}
	client := func(opts func(*fetch.Options)) *fetch.Client {
		return newClient(t, srv, func(o *fetch.Options) {
			o.Retry.MaxAttempts = 2
			if opts != nil {
				opts(o)
			}
		})
	}
	closedPort := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}()

	tests := []struct {
		name   string
		setup  func()
		client *fetch.Client
		call   func(c *fetch.Client) error
		kind   fetch.ErrorKind
		code   string
		status int
	}{
		{name: "unknown access key", client: client(func(o *fetch.Options) {
			o.Credentials = credentials.NewStaticAKCredentialsProvider("LTAI-nobody", "x")
		}), call: func(c *fetch.Client) error { return console(c, "i-linux") }, kind: fetch.KindAuthRejected, code: "InvalidAccessKeyId.NotFound"},
		{name: "wrong STS token", client: client(func(o *fetch.Options) {
			o.Credentials = credentials.NewStaticSTSCredentialsProvider(stsID, stsSecret, "forged")
		}), call: func(c *fetch.Client) error { return console(c, "i-linux") }, kind: fetch.KindAuthRejected},
		{name: "Forbidden.RAM", setup: fault("i-stopped", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Forbidden.RAM", HTTPStatus: 403}),
			call: func(c *fetch.Client) error { return console(c, "i-stopped") }, kind: fetch.KindPermissionDenied, code: "Forbidden.RAM", status: 403},
		{name: "unknown instance", call: func(c *fetch.Client) error { return console(c, "i-nothere") },
			kind: fetch.KindNotFound, code: "InvalidInstanceId.NotFound", status: 404},
		{name: "unknown region", call: func(c *fetch.Client) error {
			_, err := c.Instances(context.Background(), "xx-nowhere-1")
			return err
		}, kind: fetch.KindNotFound, code: "InvalidRegionId.NotFound", status: 404},
		{name: "windows console", call: func(c *fetch.Client) error { return console(c, "i-windows") },
			kind: fetch.KindUnsupported, code: "NotSupported"},
		{name: "never started", call: func(c *fetch.Client) error { return console(c, "i-pending") },
			kind: fetch.KindWrongState, code: "IncorrectInstanceStatus"},
		{name: "reboot a stopped instance", call: func(c *fetch.Client) error {
			return c.Reboot(context.Background(), smallRegion, "i-stopped", false)
		}, kind: fetch.KindWrongState, code: "IncorrectInstanceStatus"},
		{name: "throttled for good", setup: fault("i-empty", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429}),
			call: func(c *fetch.Client) error { return console(c, "i-empty") }, kind: fetch.KindThrottled, code: "Throttling", status: 429},
		{name: "internal error", setup: fault("i-empty", emulator.FaultFixture{Action: "GetInstanceScreenshot", Code: "InternalError", HTTPStatus: 500}),
			call: func(c *fetch.Client) error {
				_, err := c.Screenshot(context.Background(), smallRegion, "i-empty")
				return err
			}, kind: fetch.KindServerFault, code: "InternalError", status: 500},
		{name: "HTML from a proxy", setup: fault("i-linux", emulator.FaultFixture{Action: "GetInstanceScreenshot", HTTPStatus: 200, Body: "<html><body>Welcome to the hotel wifi</body></html>"}),
			call: func(c *fetch.Client) error {
				_, err := c.Screenshot(context.Background(), smallRegion, "i-linux")
				return err
			}, kind: fetch.KindMalformedResponse, status: 200},
		{name: "JSON without the promised field", setup: fault("i-stopped", emulator.FaultFixture{Action: "DescribeInstanceStatus", HTTPStatus: 200, Body: `{"RequestId":"0A1B"}`}),
			call: func(c *fetch.Client) error {
				_, err := c.InstanceStatuses(context.Background(), smallRegion, []string{"i-stopped"})
				return err
			}, kind: fetch.KindMalformedResponse, status: 200},
		{name: "error body the SDK cannot read", setup: fault("i-stopped", emulator.FaultFixture{Action: "GetInstanceConsoleOutput", HTTPStatus: 400, Body: `{"RequestId":42,"Code":"Oops"}`}),
			// The SDK type-asserts RequestId to a string and panics; bootlog must not.
			call: func(c *fetch.Client) error { return console(c, "i-stopped") }, kind: fetch.KindMalformedResponse},
		{name: "invalid parameter", setup: fault("i-linux", emulator.FaultFixture{Action: "RebootInstance", Code: "InvalidParameter", HTTPStatus: 400}),
			call: func(c *fetch.Client) error { return c.Reboot(context.Background(), smallRegion, "i-linux", false) },
			kind: fetch.KindInvalidRequest, code: "InvalidParameter", status: 400},
		{name: "connection refused", client: client(func(o *fetch.Options) { o.Endpoint = closedPort }),
			call: func(c *fetch.Client) error { return console(c, "i-linux") }, kind: fetch.KindNetwork},
		{name: "hung server", setup: fault("i-stopped", emulator.FaultFixture{Action: "GetInstanceScreenshot", Delay: "30s"}),
			client: client(func(o *fetch.Options) { o.Timeout = 200 * time.Millisecond; o.Retry.MaxAttempts = 1 }),
			call: func(c *fetch.Client) error {
				_, err := c.Screenshot(context.Background(), smallRegion, "i-stopped")
				return err
			}, kind: fetch.KindTimeout},
	}
	def := client(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup()
			}
			c := tt.client
			if c == nil {
				c = def
			}
			err := tt.call(c)
			fe := asError(t, err)
			t.Logf("%v | hint: %s", err, fe.Hint)
			if fe.Kind != tt.kind {
				t.Errorf("kind %v, want %v: %v", fe.Kind, tt.kind, err)
			}
			if tt.code != "" && fe.Code != tt.code {
				t.Errorf("code %q, want %q", fe.Code, tt.code)
			}
			if tt.status != 0 && fe.HTTPStatus != tt.status {
				t.Errorf("HTTP status %d, want %d", fe.HTTPStatus, tt.status)
			}
			if fe.Code != "" && fe.RequestID == "" {
				t.Errorf("an API error without its RequestId: %+v", fe)
			}
			if fe.Hint == "" {
				t.Errorf("no hint: %+v", fe)
			}
		})
	}
}

func TestWrongSecretRejectedBySignature(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, func(o *fetch.Options) {
		o.Credentials = credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, "not-the-secret")
		o.CredentialSource = "aliyun CLI profile ops"
	})
	_, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux")
	fe := asError(t, err)
	if fe.Kind != fetch.KindAuthRejected || fe.Code != "SignatureDoesNotMatch" || fe.HTTPStatus != 400 {
		t.Errorf("error %+v", fe)
	}
	if !strings.Contains(fe.Hint, "aliyun CLI profile ops") || !strings.Contains(fe.Hint, "AccessKeySecret") {
		t.Errorf("hint %q must name the source and the secret", fe.Hint)
	}
	// The gateway echoes its string-to-sign (with the nonce in it); none of it reaches the operator.
	if s := err.Error(); strings.Contains(s, "string to sign") || strings.Contains(s, "SignatureNonce%3D") {
		t.Errorf("string-to-sign leaked: %s", s)
	}
	// Auth failures are not retried.
	if n := srv.Calls("GetInstanceConsoleOutput"); n > 1 {
		t.Errorf("calls = %d, want at most 1", n)
	}
}

func TestCredentialsMissing(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("ALIBABA_CLOUD_PROFILE", "")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "")
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", "")
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", "")
	t.Setenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "")

	providers := map[string]credentials.CredentialsProvider{
		"CLI profile on an empty HOME": credentials.NewCLIProfileCredentialsProviderBuilder().Build(),
		"named CLI profile":            credentials.NewCLIProfileCredentialsProviderBuilder().WithProfileName("nope").Build(),
		"default chain":                nil,
	}
	for name, p := range providers {
		c := newClient(t, srv, func(o *fetch.Options) {
			o.Credentials = p
			o.CredentialSource = "aliyun CLI profile (" + name + ")"
		})
		_, err := c.Regions(context.Background())
		fe := asError(t, err)
		if fe.Kind != fetch.KindCredentialsMissing || !strings.Contains(fe.Hint, name) || fe.Attempts != 1 {
			t.Errorf("%s: %+v", name, fe)
		}
	}
	if n := srv.Calls("DescribeRegions"); n != 0 {
		t.Errorf("%d requests sent without credentials", n)
	}
}

func TestNetworkErrorRedacted(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close()
	const token = "CAISsecretSTStoken+/="
	var debug bytes.Buffer
	c, err := fetch.New(fetch.Options{
		Region:      bigRegion,
		Endpoint:    endpoint,
		Credentials: credentials.NewStaticSTSCredentialsProvider("STS.id", "sts-secret", token),
		Retry:       fetch.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond},
		Debug:       &debug,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ConsoleOutput(context.Background(), "", "i-linux")
	fe := asError(t, err)
	if fe.Kind != fetch.KindNetwork {
		t.Errorf("kind %v: %v", fe.Kind, err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) || strings.Contains(ue.URL, "?") {
		t.Errorf("want a *url.Error without its query, got %#v", fe.Err)
	}
	for what, s := range map[string]string{"Error()": err.Error(), "Message": fe.Message, "Err": fe.Err.Error(), "debug log": debug.String()} {
		for _, secret := range []string{token, url.QueryEscape(token), "sts-secret", "Signature=", "SecurityToken=", "SignatureNonce="} {
			if strings.Contains(s, secret) {
				t.Errorf("%s contains %q: %s", what, secret, s)
			}
		}
	}
	if !strings.Contains(debug.String(), "GetInstanceConsoleOutput") {
		t.Errorf("debug log has no request line: %q", debug.String())
	}
}

func TestRebootNeverRetried(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	if err := c.Reboot(context.Background(), smallRegion, "i-linux", false); err != nil {
		t.Fatal(err)
	}
	st, err := c.InstanceStatuses(context.Background(), smallRegion, []string{"i-linux"})
	if err != nil || len(st) != 1 || (st[0].Status != "Stopping" && st[0].Status != "Starting") {
		t.Errorf("after reboot: %+v, %v; want Stopping or Starting", st, err)
	}
	srv.SetFault("i-empty", emulator.FaultFixture{Action: "RebootInstance", Code: "Throttling", HTTPStatus: 429, Times: 1})
	err = c.Reboot(context.Background(), smallRegion, "i-empty", true)
	if fe := asError(t, err); fe.Kind != fetch.KindThrottled || fe.Attempts != 1 {
		t.Errorf("throttled reboot: %+v", fe)
	}
	srv.SetFault("i-stopped", emulator.FaultFixture{Action: "RebootInstance", Code: "InternalError", HTTPStatus: 500, Times: 1})
	err = c.Reboot(context.Background(), smallRegion, "i-stopped", false)
	if fe := asError(t, err); fe.Kind != fetch.KindServerFault || fe.Attempts != 1 {
		t.Errorf("failed reboot: %+v", fe)
	}
	if n := srv.Calls("RebootInstance"); n != 3 {
		t.Errorf("RebootInstance calls = %d, want 3 (one per Reboot)", n)
	}
}

func TestInstanceStatusesBatches(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	ids := bigIDs()[:120]
	st, err := c.InstanceStatuses(context.Background(), "", ids)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range st {
		got = append(got, s.ID)
		if s.Status != "Running" {
			t.Errorf("%s: %s", s.ID, s.Status)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, ids) {
		t.Errorf("got %d statuses, want the %d asked", len(got), len(ids))
	}
	if n := srv.Calls("DescribeInstanceStatus"); n != 3 {
		t.Errorf("calls = %d, want 3 batches of at most 50", n)
	}
	if st, err := c.InstanceStatuses(context.Background(), "", nil); st != nil || err != nil {
		t.Errorf("no IDs: %v, %v", st, err)
	}
}

func TestScreenshot(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	shot, err := c.Screenshot(context.Background(), smallRegion, "i-linux")
	if err != nil {
		t.Fatal(err)
	}
	if len(shot.Image) == 0 || (shot.Format != "png" && shot.Format != "jpeg") || shot.RequestID == "" {
		t.Errorf("screenshot: %d bytes, format %q, request %q", len(shot.Image), shot.Format, shot.RequestID)
	}
}

// TestRateLimitSharedByCalls: every call to a region draws from that region's one bucket, and
// another region has its own. With one token and a refill far slower than the deadline, the
// second call to a region gives up at once without sending anything, as a timeout.
func TestRateLimitSharedByCalls(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, func(o *fetch.Options) { o.RatePerSecond = 0.001; o.Burst = 1 })
	if _, err := c.ConsoleOutput(context.Background(), smallRegion, "i-linux"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.Instances(ctx, smallRegion)
	if fe := asError(t, err); fe.Kind != fetch.KindTimeout || fe.Attempts != 0 {
		t.Fatalf("a call behind a 1,000 s token: %v (kind %s, %d attempts), want a timeout before any attempt", err, fe.Kind, fe.Attempts)
	}
	if n := srv.Calls("DescribeInstances"); n != 0 {
		t.Errorf("DescribeInstances reached the server %d times without a token", n)
	}
	// Another region has its own bucket.
	if _, err := c.Instances(ctx, emptyRegion); err != nil {
		t.Fatalf("a call to an idle region: %v", err)
	}
}

// BenchmarkListInstances2000 lists 2,000 instances (20 pages) through an emulator that adds
// 100 ms to every answer, and reports the wall time in round trips, beside the same listing with
// one page at a time. Issue 5's target is ≤ 3 round trips; sequential paging costs 20.
func BenchmarkListInstances2000(b *testing.B) {
	const latency = 100 * time.Millisecond
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{{RegionID: bigRegion, LocalName: "China (Hangzhou)"}}}
	for i := range 2000 {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: bigRegion, InstanceID: fmt.Sprintf("i-bench%05d", i), InstanceName: fmt.Sprintf("node-%d", i),
			Status: "Running", OSType: "linux", OSName: "Ubuntu 22.04 64-bit", InstanceType: "ecs.g7.large",
			ZoneID: "cn-hangzhou-h", PrivateIP: fmt.Sprintf("172.16.%d.%d", i/250, i%250+1), CreationTime: "2026-11-20T10:04Z",
		})
	}
	srv := startEmulator(b, fx, latency)
	// A fresh client for every listing: the listing an operator waits for is the first one, with
	// a full token bucket. (Back-to-back listings are paced by the 10 requests/s rate limit.)
	list := func(opts func(*fetch.Options)) time.Duration {
		c := newClient(b, srv, opts)
		start := time.Now()
		got, err := c.Instances(context.Background(), "")
		if err != nil || len(got) != 2000 {
			b.Fatalf("listed %d instances: %v", len(got), err)
		}
		return time.Since(start)
	}
	var total time.Duration
	n := 0
	for b.Loop() {
		total += list(nil)
		n++
	}
	b.ReportMetric(float64(total)/float64(n)/float64(latency), "round-trips")
	b.ReportMetric(float64(list(func(o *fetch.Options) { o.PageConcurrency = 1 }))/float64(latency), "sequential-round-trips")
}

// TestRegionsWithoutARegion lists regions with no region configured, as the TUI's region picker
// does on first start: DescribeRegions goes to the discovery region instead of failing.
func TestRegionsWithoutARegion(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, func(o *fetch.Options) { o.Region = "" })
	regions, err := c.Regions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 3 {
		t.Fatalf("regions %+v", regions)
	}
	var fe *fetch.Error
	if _, err := c.Instances(context.Background(), ""); !errors.As(err, &fe) || fe.Kind != fetch.KindInvalidRequest {
		t.Fatalf("listing instances with no region: %v, want an invalid-request error", err)
	}
}
