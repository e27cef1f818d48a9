package fetch_test

// These tests run the streaming console decoder (consolebody.go) end to end: the real SDK, the
// emulator over loopback, and where a gateway would change the answer, a proxy in between that
// does. The emulator's own answers are left as the API sends them.

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// bigLog is n bytes of console text with colour, CRLF and bytes that are not UTF-8, so that its
// base64 holds every character, '/' and '+' included.
func bigLog(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "[%6d.%06d] \x1b[0;32mOK\x1b[0m unit-%d \xff\xfe\x00%c\r\n", i/1000, i%1000*997, r.IntN(1e6), rune(r.IntN(0x7f-0x20)+0x20))
	}
	return b.Bytes()[:n]
}

// proxyECS serves a client through a proxy in front of srv: every answer from the emulator goes
// through edit (with the 1-based number of the request) before it reaches the client. edit may
// write the answer itself and return nil.
func proxyECS(t *testing.T, srv *emulator.Server, edit func(n int, w http.ResponseWriter, status int, body []byte) []byte) *fetch.Client {
	t.Helper()
	var n atomic.Int64
	px := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, srv.URL()+r.URL.RequestURI(), r.Body)
		if err != nil {
			t.Error(err)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Error(err)
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Error(err)
			return
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		if body = edit(int(n.Add(1)), w, resp.StatusCode, body); body != nil {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(resp.StatusCode)
			w.Write(body)
		}
	}))
	t.Cleanup(px.Close)
	c, err := fetch.New(fetch.Options{
		Region: smallRegion, Endpoint: px.URL, Timeout: 10 * time.Second,
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
		Retry:       fetch.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// escapeSlashes spells every '/' as \/ and every '+' as \u002B, as JSON encoders of other
// languages do; both are valid JSON for the same string.
func escapeSlashes(n int, w http.ResponseWriter, status int, body []byte) []byte {
	body = bytes.ReplaceAll(body, []byte("/"), []byte(`\/`))
	return bytes.ReplaceAll(body, []byte("+"), []byte(`\u002B`))
}

func TestConsoleStreamLarge(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	log := bigLog(6 << 20)
	srv.SetConsole("i-linux", log, time.Date(2026, 11, 20, 10, 4, 57, 0, time.UTC))
	for name, c := range map[string]*fetch.Client{
		"emulator":           newClient(t, srv, func(o *fetch.Options) { o.Region = smallRegion }),
		"escaped by a proxy": proxyECS(t, srv, escapeSlashes),
	} {
		t.Run(name, func(t *testing.T) {
			out, err := c.ConsoleOutput(context.Background(), "", "i-linux")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Data, log) {
				t.Fatalf("decoded %d bytes, want the %d-byte log", len(out.Data), len(log))
			}
			if out.RequestID == "" || out.Raw != "" || out.LastUpdateRaw != "2026-11-20 18:04:57" || out.InstanceID != "i-linux" {
				t.Errorf("fields: request %q raw %d bytes, last update %q", out.RequestID, len(out.Raw), out.LastUpdateRaw)
			}
		})
	}
}

// withBase64 is the test fixtures with instance id's console served as the base64 text given,
// exactly as written.
func withBase64(t *testing.T, id, text string) *emulator.Fixtures {
	fx := testFixtures()
	for i := range fx.Instances {
		if fx.Instances[i].InstanceID == id {
			fx.Instances[i].Console = &emulator.ConsoleFixture{LastUpdateTime: "2026-11-20T10:04:57Z", Base64: text}
			return fx
		}
	}
	t.Fatalf("no instance %s in the fixtures", id)
	return nil
}

// TestConsoleStreamWhitespace: base64 broken into lines (as fixtures and some gateways do) is
// decoded as DecodeConsole decodes it.
func TestConsoleStreamWhitespace(t *testing.T) {
	log := bigLog(300 << 10)
	std := base64.StdEncoding.EncodeToString(log)
	var wrapped strings.Builder
	for i := 0; i < len(std); i += 76 {
		wrapped.WriteString(std[i:min(i+76, len(std))])
		wrapped.WriteString("\r\n ")
	}
	srv := startEmulator(t, withBase64(t, "i-badbase64", wrapped.String()), 0)
	c := newClient(t, srv, nil)
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-badbase64")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Data, log) {
		t.Fatalf("decoded %d bytes, want the %d-byte log", len(out.Data), len(log))
	}
}

// TestConsoleStreamInvalidBase64: text that stops being base64 deep inside, after line breaks
// and escapes, gives the same error as before streaming, with Raw exactly as received.
func TestConsoleStreamInvalidBase64(t *testing.T) {
	std := base64.StdEncoding.EncodeToString(bigLog(200 << 10))
	var text strings.Builder
	for i := 0; i < len(std); i += 64 {
		text.WriteString(std[i:min(i+64, len(std))])
		text.WriteString("\n")
	}
	bad := text.String()[:150<<10] + "<garbage/>" + text.String()[150<<10:]
	srv := startEmulator(t, withBase64(t, "i-badbase64", bad), 0)
	_, wantErr := fetch.DecodeConsole(bad)
	for name, c := range map[string]*fetch.Client{
		"emulator":           newClient(t, srv, nil),
		"escaped by a proxy": proxyECS(t, srv, escapeSlashes),
	} {
		t.Run(name, func(t *testing.T) {
			out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-badbase64")
			fe := asError(t, err)
			if fe.Kind != fetch.KindInvalidBase64 || fe.Raw != bad || out.Raw != bad || out.Data != nil || out.RequestID == "" {
				i := 0
				for i < min(len(fe.Raw), len(bad)) && fe.Raw[i] == bad[i] {
					i++
				}
				t.Fatalf("kind %s, Raw %d bytes (want %d, first difference at %d: %q), out.Raw %d bytes, data %d bytes",
					fe.Kind, len(fe.Raw), len(bad), i, fe.Raw[i:min(i+40, len(fe.Raw))], len(out.Raw), len(out.Data))
			}
			if we := asError(t, wantErr); fe.Message != we.Message {
				t.Errorf("message %q, want %q", fe.Message, we.Message)
			}
		})
	}
}

// TestConsoleStreamErrorAnswers: error answers reach the SDK untouched and classify as before,
// and a throttled call retried to success decodes the answer that succeeded.
func TestConsoleStreamErrorAnswers(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	c := newClient(t, srv, nil)
	_, err := c.ConsoleOutput(context.Background(), smallRegion, "i-windows")
	if fe := asError(t, err); fe.Kind != fetch.KindUnsupported || fe.Code != "NotSupported" || fe.RequestID == "" {
		t.Errorf("windows: %v (kind %s, code %q)", err, fe.Kind, fe.Code)
	}
	_, err = c.ConsoleOutput(context.Background(), smallRegion, "i-nothere")
	if fe := asError(t, err); fe.Kind != fetch.KindNotFound || fe.HTTPStatus != 404 {
		t.Errorf("unknown instance: %v (kind %s, status %d)", err, fe.Kind, fe.HTTPStatus)
	}
	out, err := c.ConsoleOutput(context.Background(), smallRegion, "i-throttled")
	if err != nil || string(out.Data) != bootText {
		t.Errorf("throttled twice then answered: %q, %v", out.Data, err)
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 5 {
		t.Errorf("%d calls, want 5 (two errors, then two throttled and one answer)", n)
	}
}

// TestConsoleStreamRetryAfterCutBody: an answer cut off midway fails that attempt; the retry
// decodes its own answer from an empty buffer.
func TestConsoleStreamRetryAfterCutBody(t *testing.T) {
	srv := startEmulator(t, testFixtures(), 0)
	log := bigLog(1 << 20)
	srv.SetConsole("i-linux", log, time.Now())
	c := proxyECS(t, srv, func(n int, w http.ResponseWriter, status int, body []byte) []byte {
		if n > 1 {
			return body
		}
		// The whole length announced, half of it sent, then the connection closed.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	})
	out, err := c.ConsoleOutput(context.Background(), "", "i-linux")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Data, log) {
		t.Fatalf("decoded %d bytes, want the %d-byte log", len(out.Data), len(log))
	}
	if n := srv.Calls("GetInstanceConsoleOutput"); n != 2 {
		t.Errorf("%d calls, want 2", n)
	}
}

// TestConsoleStreamMemory: reading a large answer allocates about the decoded log once, not the
// base64 text four times over as the SDK alone does. The server sends a body built beforehand,
// so that only the client's allocations are counted.
func TestConsoleStreamMemory(t *testing.T) {
	log := bigLog(8 << 20)
	body := []byte(`{"RequestId":"5C3F","InstanceId":"i-x","ConsoleOutput":"` + base64.StdEncoding.EncodeToString(log) + `","LastUpdateTime":"2026-11-20 10:04:57"}`)
	c, _ := hostileECS(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}, nil)
	runtime.GC()
	before := totalAlloc()
	out, err := c.ConsoleOutput(context.Background(), "", "i-x")
	allocated := totalAlloc() - before
	if err != nil || !bytes.Equal(out.Data, log) {
		t.Fatalf("decoded %d bytes, %v", len(out.Data), err)
	}
	// The log once, sized from Content-Length, plus small change (the HTTP server's side of
	// the test included). Without streaming it is about 9 times the log.
	if limit := uint64(len(log)) * 3 / 2; allocated > limit {
		t.Errorf("reading an %d MiB log allocated %d MiB, want at most %d MiB", len(log)>>20, allocated>>20, limit>>20)
	}
	t.Logf("allocated %.1f bytes per log byte", float64(allocated)/float64(len(log)))
}
