package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// hostID is the HostId of error bodies: the central endpoint, as the real service reports it.
const hostID = "ecs.aliyuncs.com"

// response is a finished answer, written after the configured latency.
type response struct {
	status    int
	body      []byte
	code      string // error code, for the log line
	requestID string
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	action, resp := s.handle(r)
	ctx := r.Context()
	if resp.status == 0 || sleep(ctx, s.opts.Latency) != nil {
		s.logf("%s canceled %s", orDash(action), time.Since(began).Round(time.Microsecond))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	if resp.requestID != "" {
		h.Set("x-acs-request-id", resp.requestID)
	}
	w.WriteHeader(resp.status)
	w.Write(resp.body) //nolint:errcheck // The client went away; nothing to do.
	s.logf("%s %d %s%s", orDash(action), resp.status, orPrefix(resp.code), time.Since(began).Round(time.Microsecond))
}

// handle answers one request. A status of 0 means the client went away during a fault's delay.
func (s *Server) handle(r *http.Request) (string, response) {
	action, params, body, perr := readRequest(r)
	if action != "" {
		s.mu.Lock()
		s.calls[action]++
		s.mu.Unlock()
	}
	if perr != nil {
		return action, errorResponse(perr)
	}
	req, aerr := s.authenticate(r, action, params, body)
	if aerr != nil {
		return action, errorResponse(aerr)
	}
	region := req.param("RegionId")
	if region == "" {
		return action, errorResponse(missingParameter("RegionId"))
	}
	if action != "DescribeRegions" && !s.regionSet[region] {
		return action, errorResponse(errRegionNotFound)
	}
	if terr := s.throttle(action, region); terr != nil {
		return action, errorResponse(terr)
	}
	if f := s.faultFor(req, region); f != nil {
		resp, done := injectFault(r.Context(), *f)
		if done {
			return action, resp
		}
	}
	var (
		out any
		err *apiError
	)
	switch action {
	case "DescribeRegions":
		out, err = s.describeRegions(req)
	case "DescribeInstances":
		out, err = s.describeInstances(req, region)
	case "DescribeInstanceStatus":
		out, err = s.describeInstanceStatus(req, region)
	case "GetInstanceConsoleOutput":
		out, err = s.getConsoleOutput(req, region)
	case "GetInstanceScreenshot":
		out, err = s.getScreenshot(req, region)
	case "RebootInstance":
		out, err = s.rebootInstance(req, region)
	case "StartInstance":
		out, err = s.startInstance(req, region)
	case "DescribeInstanceVncUrl":
		out, err = s.describeInstanceVncURL(req, region)
	}
	if err != nil {
		return action, errorResponse(err)
	}
	return action, response{status: http.StatusOK, body: marshal(out), requestID: req.id}
}

// faultFor takes the fault an instance injects into this request, if any. Instance actions
// consult the instance named by InstanceId; DescribeInstances and DescribeInstanceStatus any
// instance of the region; DescribeRegions any instance at all.
func (s *Server) faultFor(req *request, region string) *FaultFixture {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id := req.param("InstanceId"); id != "" && req.action != "DescribeInstanceStatus" {
		if in := s.byID[id]; in != nil && in.fix.RegionID == region {
			if f := in.takeFault(req.action); f != nil {
				c := *f
				return &c
			}
		}
		return nil
	}
	for _, in := range s.instances {
		if req.action != "DescribeRegions" && in.fix.RegionID != region {
			continue
		}
		if f := in.takeFault(req.action); f != nil {
			c := *f
			return &c
		}
	}
	return nil
}

// injectFault holds the request for the fault's delay, then answers with its body or error.
// done is false for a delay-only fault: the request then proceeds normally, late.
func injectFault(ctx context.Context, f FaultFixture) (resp response, done bool) {
	if f.Delay != "" {
		d, _ := time.ParseDuration(f.Delay)
		if err := sleep(ctx, d); err != nil {
			return response{status: 0, code: "canceled"}, true
		}
	}
	switch {
	case f.Body != "":
		status := f.HTTPStatus
		if status == 0 {
			status = http.StatusOK
		}
		return response{status: status, body: []byte(f.Body), code: "fault-body"}, true
	case f.Code != "":
		status, msg := defaultFault(f.Code)
		if f.HTTPStatus != 0 {
			status = f.HTTPStatus
		}
		if f.Message != "" {
			msg = f.Message
		}
		return errorResponse(&apiError{status: status, code: f.Code, message: msg}), true
	}
	return response{}, false
}

// errorResponse is the JSON error body. Every field is a string: the SDK type-asserts them and
// would panic on anything else.
func errorResponse(e *apiError) response {
	id := newRequestID()
	body := marshal(struct {
		RequestID string `json:"RequestId"`
		HostID    string `json:"HostId"`
		Code      string `json:"Code"`
		Message   string `json:"Message"`
		Recommend string `json:"Recommend"`
	}{id, hostID, e.code, e.message, e.recommend()})
	return response{status: e.status, body: body, code: e.code, requestID: id}
}

// marshal encodes without HTML escaping, so that a string-to-sign's '&' reaches the client as
// '&' and not as \u0026 (both decode the same; this reads like the real gateway).
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every response type is plain data; this cannot fail.
		panic(fmt.Sprintf("emulator: encode response: %v", err))
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// newRequestID is an upper-case UUID (version 4), the shape of real RequestIds.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// sleep waits for d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) logf(format string, a ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05.000")}, a...)...)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orPrefix(code string) string {
	if code == "" {
		return ""
	}
	return code + " "
}
