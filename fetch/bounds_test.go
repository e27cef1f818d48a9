package fetch_test

// These tests talk to servers that misbehave in ways the faithful emulator never does: endless
// or truncated bodies, and a TotalCount that does not match the pages. The real SDK client still
// does the signing and the HTTP.

import (
	"context"
	"fmt"
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
)

// hostileECS serves h as an ECS endpoint and returns a client for it with a fast rate limit, and
// a counter of the requests h received.
func hostileECS(t *testing.T, h http.HandlerFunc, opts func(*fetch.Options)) (*fetch.Client, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	o := fetch.Options{
		Region:        "cn-hangzhou",
		Endpoint:      srv.URL,
		Credentials:   credentials.NewStaticAKCredentialsProvider("ak", "secret"),
		Timeout:       5 * time.Second,
		Retry:         fetch.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
		RatePerSecond: 1e6,
		Burst:         1000,
	}
	if opts != nil {
		opts(&o)
	}
	c, err := fetch.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

// totalAlloc is the bytes allocated so far by the whole process.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// TestEndlessBodyIsCapped: a console-output answer that never ends is cut at the 32 MiB cap,
// long before the attempt's timeout, and is not retried. Without the cap the SDK reads it whole
// until the timeout: gigabytes.
func TestEndlessBodyIsCapped(t *testing.T) {
	c, n := hostileECS(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"RequestId":"r","InstanceId":"i-x","ConsoleOutput":"`)
		chunk := []byte(strings.Repeat("A", 64<<10))
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}, func(o *fetch.Options) { o.Timeout = time.Minute })

	runtime.GC()
	before := totalAlloc()
	_, err := c.ConsoleOutput(context.Background(), "", "i-x")
	allocated := totalAlloc() - before

	fe := asError(t, err)
	if fe.Kind != fetch.KindMalformedResponse || !strings.Contains(fe.Message, "32 MiB") {
		t.Fatalf("endless body: %v (kind %s), want a malformed response naming the 32 MiB cap", err, fe.Kind)
	}
	if fe.Attempts != 1 || n.Load() != 1 {
		t.Errorf("an oversized answer was retried: %d attempts, %d requests", fe.Attempts, n.Load())
	}
	// The SDK grows a buffer to the cap and copies it into a string once: about three times the
	// cap in all. The limit leaves room for that and for the server's side of the test.
	if limit := uint64(6 * 32 << 20); allocated > limit {
		t.Errorf("reading the endless body allocated %d MiB, want at most %d MiB", allocated>>20, limit>>20)
	}
	t.Logf("allocated %d MiB", allocated>>20)
}

// TestDeclaredLengthOverCap: an answer whose Content-Length is over the cap is refused before
// any of it is read (this server never sends the body it announces).
func TestDeclaredLengthOverCap(t *testing.T) {
	c, n := hostileECS(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(9<<20))
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}, nil)
	_, err := c.Regions(context.Background())
	fe := asError(t, err)
	if fe.Kind != fetch.KindMalformedResponse || !strings.Contains(fe.Message, "larger than 8 MiB") || n.Load() != 1 {
		t.Fatalf("9 MiB announced: %v (kind %s), %d requests; want one malformed response naming the 8 MiB cap", err, fe.Kind, n.Load())
	}
	if strings.Contains(err.Error(), "Signature") || strings.Contains(err.Error(), "http://") {
		t.Errorf("the error carries the request URL: %v", err)
	}
}

// TestTricklingBodyTimesOut: an answer that trickles forever ends with the attempt's timeout,
// having cost next to nothing.
func TestTricklingBodyTimesOut(t *testing.T) {
	c, _ := hostileECS(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"RequestId":"r","ConsoleOutput":"`)
		for {
			if _, err := w.Write([]byte("A")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}, func(o *fetch.Options) { o.Timeout = 300 * time.Millisecond; o.Retry.MaxAttempts = 1 })
	runtime.GC()
	before := totalAlloc()
	_, err := c.ConsoleOutput(context.Background(), "", "i-x")
	allocated := totalAlloc() - before
	if fe := asError(t, err); fe.Kind != fetch.KindTimeout {
		t.Fatalf("trickling body: %v (kind %s), want a timeout", err, fe.Kind)
	}
	if allocated > 8<<20 {
		t.Errorf("a trickling body allocated %d MiB", allocated>>20)
	}
}

// TestBodyCutMidwayIsRetriedNetworkError: a connection closed in the middle of the body is a
// network error, retried, with a hint, rather than a bare "unexpected EOF".
func TestBodyCutMidwayIsRetriedNetworkError(t *testing.T) {
	c, n := hostileECS(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		fmt.Fprint(w, `{"RequestId":"r",`)
	}, nil)
	_, err := c.ConsoleOutput(context.Background(), "", "i-x")
	fe := asError(t, err)
	if fe.Kind != fetch.KindNetwork {
		t.Fatalf("body cut midway: %v (kind %s), want a network error", err, fe.Kind)
	}
	if fe.Attempts != 4 || n.Load() != 4 {
		t.Errorf("attempts %d, requests %d, want the 4 of the default retry policy", fe.Attempts, n.Load())
	}
	if !strings.Contains(fe.Message, "unexpected EOF") || !strings.Contains(fe.Hint, "connection dropped") {
		t.Errorf("message %q, hint %q", fe.Message, fe.Hint)
	}
}

// pagesOf answers DescribeInstances with TotalCount total and perPage(page) instances on each
// page, each with an ID unique to its page.
func pagesOf(total int, perPage func(page int) int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.FormValue("PageNumber"))
		var ins []string
		for i := range perPage(page) {
			ins = append(ins, fmt.Sprintf(`{"InstanceId":"i-p%d-%d","Status":"Running"}`, page, i))
		}
		fmt.Fprintf(w, `{"RequestId":"r%d","TotalCount":%d,"PageNumber":%d,"PageSize":100,"Instances":{"Instance":[%s]}}`,
			page, total, page, strings.Join(ins, ","))
	}
}

// TestPagingStopsOnShortPage: a server claiming 1,000,000 instances in one-instance pages is
// believed for one page only. Trusting TotalCount, the client would ask for 10,000 pages.
func TestPagingStopsOnShortPage(t *testing.T) {
	c, n := hostileECS(t, pagesOf(1_000_000, func(int) int { return 1 }), nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	list, err := c.Instances(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || n.Load() != 1 {
		t.Errorf("listed %d instances in %d requests, want 1 in 1", len(list), n.Load())
	}
}

// TestPagingStopsOnEmptyPage: an empty page ends the listing even though TotalCount promises a
// third page, and that third page, fetched concurrently, is not delivered.
func TestPagingStopsOnEmptyPage(t *testing.T) {
	c, _ := hostileECS(t, pagesOf(300, func(p int) int {
		if p == 2 {
			return 0
		}
		return 100
	}), nil)
	var got int
	err := c.StreamInstances(context.Background(), "", func(batch []fetch.Instance, _ int) { got += len(batch) })
	if err != nil {
		t.Fatal(err)
	}
	if got != 100 {
		t.Errorf("delivered %d instances, want the 100 before the empty page", got)
	}
}

// TestPagingStopsAtMaxPages: full pages that never end stop at MaxPages with an error that says
// so; the pages before it are delivered.
func TestPagingStopsAtMaxPages(t *testing.T) {
	c, n := hostileECS(t, pagesOf(1_000_000, func(int) int { return 100 }), func(o *fetch.Options) { o.MaxPages = 7 })
	var got int
	err := c.StreamInstances(context.Background(), "", func(batch []fetch.Instance, _ int) { got += len(batch) })
	fe := asError(t, err)
	if fe.Kind != fetch.KindMalformedResponse || !strings.Contains(fe.Message, "stopped after 7 full pages") || !strings.Contains(fe.Hint, "700 instances") {
		t.Fatalf("endless full pages: %v (hint %q)", err, fe.Hint)
	}
	if got != 700 || n.Load() != 7 {
		t.Errorf("delivered %d instances in %d requests, want 700 in 7", got, n.Load())
	}
}
