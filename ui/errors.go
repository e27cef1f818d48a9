package ui

import (
	"errors"
	"strings"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// How failures read on screen: the parts of a fetch error, and the two wrappers that tell the
// banner to show an error as it is (an operator action that failed, an API refusal).

// safeErr makes an error that came from outside (ECS, the SDK, the file system) safe to show; every
// command passes its error through it before the error enters ui. A *fetch.Error becomes a copy
// whose text is sanitised (its Kind and cause still answer errors.Is and errors.As); any other
// error reads sanitised and keeps its chain.
func safeErr(err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := asFetchError(err); ok {
		c := *fe
		c.Op, c.Code, c.Message, c.Hint = console.SafeLine(c.Op), console.SafeLine(c.Code), console.SafeText(c.Message), console.SafeText(c.Hint)
		c.RequestID, c.Region, c.Raw = console.SafeLine(c.RequestID), console.SafeLine(c.Region), console.SafeText(c.Raw)
		return &c
	}
	return safeError{text: console.SafeText(err.Error()), err: err}
}

// safeError is a non-API error with its text sanitised.
type safeError struct {
	text string
	err  error
}

// Error is the sanitised text.
func (e safeError) Error() string { return e.text }

// Unwrap keeps the cause reachable for errors.As (an *history.ExistsError, an *exec.ExitError).
func (e safeError) Unwrap() error { return e.err }

// asFetchError unwraps a *fetch.Error.
func asFetchError(err error) (*fetch.Error, bool) {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return fe, true
	}
	return nil, false
}

// errorParts splits an error into what the banner shows: the kind and code, the message, the hint
// and the request ID, each on one line.
func errorParts(err error) (head, message, hint, requestID string) {
	fe, ok := asFetchError(err)
	if !ok {
		return "error", oneLine(err.Error()), "", ""
	}
	head = fe.Kind.String()
	if fe.Code != "" {
		head += " (" + fe.Code + ")"
	}
	hint = oneLine(fe.Hint)
	if fe.RequestID == "" && strings.Contains(hint, "RequestId") {
		// A 502 page from a proxy or gateway is a server fault with no RequestId: asking the
		// operator to quote one sends them looking for something that does not exist.
		hint = noRequestIDHint
	}
	return head, oneLine(fe.Message), hint, fe.RequestID
}

// noRequestIDHint replaces a hint that asks for the RequestId when the answer carried none.
const noRequestIDHint = "the answer carried no RequestId, so it did not come from ECS itself (a proxy or gateway?): retry later; if it persists, check --endpoint and proxy settings"

// actionError is a failed operator action (save, pager, editor). The banner shows it as it is,
// without the "refresh failed" framing or a retry key that would not retry it.
type actionError struct {
	what string
	err  error
}

// Error is the banner text.
func (e *actionError) Error() string { return e.what + ": " + e.err.Error() }

// Unwrap gives errors.As the cause (an *history.ExistsError, an *exec.ExitError).
func (e *actionError) Unwrap() error { return e.err }

// apiRefusal shows an API error in the banner as the operator needs it: kind and code, message,
// hint and RequestId, without the Go call chain ("reboot i-...: RebootInstance: ...").
type apiRefusal struct{ err error }

// Error is the banner text.
func (e apiRefusal) Error() string {
	head, msg, hint, req := errorParts(e.err)
	if req != "" {
		req = "RequestId " + req
	}
	return joinParts(head, msg, hint, req)
}

// Unwrap keeps the *fetch.Error reachable for errors.As.
func (e apiRefusal) Unwrap() error { return e.err }
