package emulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

func consoleRequest(id string) *ecs.GetInstanceConsoleOutputRequest {
	req := ecs.CreateGetInstanceConsoleOutputRequest()
	req.InstanceId = id
	return req
}

func TestFaultTimesThenSuccess(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", Times: 2})
	for range 2 {
		_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
		se := serverError(t, err, 429, "Throttling")
		if se.Message() != "Request was denied due to request throttling." {
			t.Errorf("message %q", se.Message())
		}
	}
	if _, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1")); err != nil {
		t.Fatalf("third call: %v", err)
	}
	// Other instances and other actions are not affected.
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Throttling", Times: 1})
	if _, err := c.GetInstanceConsoleOutput(consoleRequest("i-stop1")); err != nil {
		t.Fatal(err)
	}
	if st := statusOf(t, c, "i-web1"); st != "Running" {
		t.Fatal(st)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 4 {
		t.Errorf("Calls = %d, want 4", n)
	}
	// SetFault restarts the count; a zero fault removes it.
	_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	serverError(t, err, 429, "Throttling")
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Code: "InternalError"})
	srv.SetFault("i-web1", FaultFixture{})
	if _, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1")); err != nil {
		t.Fatalf("after removing the fault: %v", err)
	}
}

func TestFaultAlwaysWithCustomStatusAndMessage(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Forbidden.RAM"})
	for range 3 {
		_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
		se := serverError(t, err, 403, "Forbidden.RAM")
		if !strings.Contains(se.Message(), "not authorized") {
			t.Errorf("message %q", se.Message())
		}
	}
	srv.SetFault("i-web1", FaultFixture{Action: "RebootInstance", Code: "InstanceLockedForSecurity", Message: "The instance is locked.", HTTPStatus: 403})
	req := ecs.CreateRebootInstanceRequest()
	req.InstanceId = "i-web1"
	_, err := c.RebootInstance(req)
	if se := serverError(t, err, 403, "InstanceLockedForSecurity"); se.Message() != "The instance is locked." {
		t.Errorf("message %q", se.Message())
	}
	// Describe faults apply to the region of the instance that carries them.
	srv.SetFault("i-web1", FaultFixture{Action: "DescribeInstances", Code: "ServiceUnavailable", Times: 1})
	_, err = defaultClient(t, srv, "cn-beijing").DescribeInstances(ecs.CreateDescribeInstancesRequest())
	if err != nil {
		t.Fatalf("other region: %v", err)
	}
	_, err = c.DescribeInstances(ecs.CreateDescribeInstancesRequest())
	serverError(t, err, 503, "ServiceUnavailable")
}

func TestFaultMalformedBodies(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Body: `{"RequestId": "x", "ConsoleOutput": `})
	_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	var ce *sdkerrors.ClientError
	if !errors.As(err, &ce) || ce.ErrorCode() != "SDK.JsonUnmarshalError" {
		t.Fatalf("truncated 200 body: %T %v", err, err)
	}
	html := "<html><body><h1>502 Bad Gateway</h1></body></html>"
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Body: html, HTTPStatus: 502})
	_, err = c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.HttpStatus() != 502 || se.ErrorCode() != "" || se.Message() != html {
		t.Fatalf("HTML 502: %T %v", err, err)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's log writes and the test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestFaultDelayRespectsCancellation(t *testing.T) {
	var log syncBuffer
	srv, _ := startServer(t, testWorld(0), Options{Log: &log})
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Delay: "1h", Code: "InternalError"})

	// The SDK client gives up at its own timeout: a hung server.
	c := defaultClient(t, srv, "cn-hangzhou")
	c.SetReadTimeout(200 * time.Millisecond)
	_, err := c.GetInstanceConsoleOutput(consoleRequest("i-web1"))
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() {
		t.Fatalf("want a timeout url.Error, got %T %v", err, err)
	}

	// A raw request whose context ends: the handler notices and logs the cancellation.
	ctx, cancel := context.WithCancel(context.Background())
	r := v1Request(t, srv, "POST", DefaultAccessKeySecret, map[string]string{"Action": "GetInstanceConsoleOutput", "InstanceId": "i-web1"}, false)
	r = r.WithContext(ctx)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(r)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for srv.Calls("GetInstanceConsoleOutput") < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("raw request: %v", err)
	}
	for !strings.Contains(log.String(), "GetInstanceConsoleOutput canceled") {
		time.Sleep(5 * time.Millisecond)
	}

	// A delay without a code: the call succeeds, late.
	srv.SetFault("i-web1", FaultFixture{Action: "GetInstanceConsoleOutput", Delay: "50ms", Times: 1})
	c2 := defaultClient(t, srv, "cn-hangzhou")
	began := time.Now()
	if _, err := c2.GetInstanceConsoleOutput(consoleRequest("i-web1")); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d < 50*time.Millisecond {
		t.Fatalf("answered after %v, before the delay", d)
	}
}

func TestLatencyAndLog(t *testing.T) {
	var log syncBuffer
	srv, _ := startServer(t, testWorld(0), Options{Log: &log, Latency: 30 * time.Millisecond})
	c := defaultClient(t, srv, "cn-hangzhou")
	began := time.Now()
	if _, err := c.DescribeRegions(ecs.CreateDescribeRegionsRequest()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d < 30*time.Millisecond {
		t.Fatalf("answered after %v, before the latency", d)
	}
	_, err := defaultClient(t, srv, "mars-1").DescribeInstances(ecs.CreateDescribeInstancesRequest())
	serverError(t, err, 404, "InvalidRegionId.NotFound")
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want one per request:\n%s", len(lines), log.String())
	}
	if !strings.Contains(lines[0], " DescribeRegions 200 ") || !strings.Contains(lines[1], " DescribeInstances 404 InvalidRegionId.NotFound ") {
		t.Fatalf("log lines:\n%s", log.String())
	}
	if !strings.HasSuffix(lines[0], "ms") {
		t.Errorf("no duration in %q", lines[0])
	}
}

func TestSetConsole(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	at := time.Date(2026, 11, 21, 16, 30, 0, 0, time.UTC)
	srv.SetConsole("i-bad64", []byte("\x1b[1mfresh\x1b[0m\r\nlogin: "), at)
	text, update := consoleOf(t, c, "i-bad64")
	if text != "\x1b[1mfresh\x1b[0m\r\nlogin: " || update != "2026-11-22 00:30:00" {
		t.Fatalf("console %q at %s", text, update)
	}
	req := consoleRequest("i-bad64")
	req.RemoveSymbols = requests.NewBoolean(true)
	resp, err := c.GetInstanceConsoleOutput(req)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := base64.StdEncoding.DecodeString(resp.ConsoleOutput); string(b) != "fresh\nlogin: " {
		t.Fatalf("RemoveSymbols: %q", b)
	}
	req.RemoveSymbols = "maybe"
	_, err = c.GetInstanceConsoleOutput(req)
	serverError(t, err, 400, "InvalidParameter")
}

func TestConcurrentClients(t *testing.T) {
	srv, clock := startServer(t, testWorld(100), Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 8 {
		wg.Go(func() {
			c := defaultClient(t, srv, "cn-hangzhou")
			for j := range 8 {
				var err error
				switch (i + j) % 4 {
				case 0:
					_, err = c.DescribeInstances(ecs.CreateDescribeInstancesRequest())
				case 1:
					_, err = c.GetInstanceConsoleOutput(consoleRequest("i-fleet001"))
				case 2:
					srv.Reboot("i-fleet002") //nolint:errcheck // Fails while a reboot runs; that is fine.
					clock.Advance(time.Second)
				case 3:
					srv.SetConsole("i-fleet003", []byte("x"), clock.Now())
					_, err = c.DescribeInstanceStatus(ecs.CreateDescribeInstanceStatusRequest())
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
