package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
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
	action, params, body, perr := readRequest(r)
	if perr == nil {
		// ReadTimeout (Start) is meant for receiving the request, which is done. Left in
		// place, its deadline would also end the server's background read of the connection
		// while a slow answer (Latency, a fault's Delay) is pending, and that cancels the
		// request. Writers that cannot set deadlines (httptest's recorder) have none to clear.
		http.NewResponseController(w).SetReadDeadline(time.Time{}) //nolint:errcheck // See above.
	} else {
		// The request could not be read (a body trickled past ReadTimeout, or too large):
		// the deadline stays, so net/http's drain of the unread body fails at once, and the
		// connection is not kept for another request.
		w.Header().Set("Connection", "close")
	}
	label, resp := s.handle(r, action, params, body, perr)
	ctx := r.Context()
	if resp.status == 0 || sleep(ctx, s.opts.Latency) != nil {
		s.logf("%s canceled %s", label, time.Since(began).Round(time.Microsecond))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	if resp.requestID != "" {
		h.Set("x-acs-request-id", resp.requestID)
	}
	w.WriteHeader(resp.status)
	w.Write(resp.body) //nolint:errcheck // The client went away; nothing to do.
	s.logf("%s %d %s%s", label, resp.status, orPrefix(logSafe(resp.code)), time.Since(began).Round(time.Microsecond))
}

// handle answers one request read by readRequest. A status of 0 means the client went away
// during a fault's delay. label names the request in the log: its action once the signature
// has been checked, "-" before that, since an unsigned request's Action is whatever anyone sent
// (and is neither counted nor logged, so that junk requests cost nothing that lasts).
//
// The order is the gateway's, then the service's: transport, authentication, RegionId,
// parameters, and only then an injected fault, so a request that is wrong in itself gets its own
// error whatever faults are armed.
func (s *Server) handle(r *http.Request, action string, params map[string]string, body []byte, perr *apiError) (label string, _ response) {
	if perr != nil {
		return "-", errorResponse(perr)
	}
	req, aerr := s.authenticate(r, action, params, body)
	if aerr != nil {
		return "-", errorResponse(aerr)
	}
	action = req.action
	s.mu.Lock()
	s.calls[action]++
	s.mu.Unlock()
	region := req.param("RegionId")
	switch {
	case action == "DescribeRegions":
		// The one action that takes no RegionId: the API reference lists it as optional, and
		// clients such as the Node pop-core client leave it out.
	case region == "":
		return action, errorResponse(missingParameter("RegionId"))
	case !s.regionSet[region]:
		return action, errorResponse(errRegionNotFound)
	}
	// Flow control is the gateway's, before the action looks at its parameters; an injected
	// fault comes after both, as a fault of the instance the request names.
	if terr := s.throttle(action, region); terr != nil {
		return action, errorResponse(terr)
	}
	if err := checkParams(req); err != nil {
		return action, errorResponse(err)
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

// faultFor takes the fault an instance injects into this request, if any. A fault belongs to
// its instance: an instance action consults only the instance its InstanceId names (in this
// region); DescribeInstances and DescribeInstanceStatus, which list the region, any instance of
// the region; DescribeRegions any instance at all.
func (s *Server) faultFor(req *request, region string) *FaultFixture {
	s.mu.Lock()
	defer s.mu.Unlock()
	take := func(in *instance) *FaultFixture {
		if f := in.takeFault(req.action); f != nil {
			c := *f
			return &c
		}
		return nil
	}
	if oneOf(req.action, instanceActions) {
		in := s.byID[req.param("InstanceId")]
		if in == nil || in.fix.RegionID != region {
			return nil
		}
		return take(in)
	}
	for _, in := range s.instances {
		if req.action != "DescribeRegions" && in.fix.RegionID != region {
			continue
		}
		if f := take(in); f != nil {
			return f
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

// logf writes one log line. Its callers pass strings a client controls through logSafe.
func (s *Server) logf(format string, a ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05.000")}, a...)...)
}

func orPrefix(code string) string {
	if code == "" {
		return ""
	}
	return code + " "
}

// maxLogField bounds one client-controlled string in the log.
const maxLogField = 200

// logSafe makes a client- or fixture-controlled string fit for the log: quoted and escaped
// (strconv.QuoteToASCII, so no control character, escape sequence or forged line gets through),
// and cut to maxLogField bytes. Plain words such as an action name or error code stay as they are.
func logSafe(v string) string {
	plain := v != "" && len(v) <= maxLogField
	for i := 0; plain && i < len(v); i++ {
		c := v[i]
		plain = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_' || c == ':'
	}
	if plain {
		return v
	}
	q := strconv.QuoteToASCII(v)
	if len(q) > maxLogField {
		q = q[:maxLogField] + "…"
	}
	return q
}
