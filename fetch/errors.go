package fetch

import "fmt"

// ErrorKind classifies a failure by what the operator should do about it.
type ErrorKind int

// The error kinds, from the operator's point of view.
const (
	KindUnknown            ErrorKind = iota
	KindCredentialsMissing           // no provider in the chain produced credentials
	KindAuthRejected                 // InvalidAccessKeyId.*, SignatureDoesNotMatch, InvalidSecurityToken.*
	KindPermissionDenied             // Forbidden.RAM and friends
	KindNotFound                     // InvalidInstanceId.NotFound, InvalidRegionId.NotFound
	KindUnsupported                  // NotSupported (Windows, retired types)
	KindWrongState                   // IncorrectInstanceStatus
	KindThrottled                    // Throttling*
	KindNetwork                      // connection refused, DNS, reset
	KindTimeout                      // deadline exceeded
	KindServerFault                  // 5xx, InternalError, ServiceUnavailable
	KindMalformedResponse            // a body that is not the JSON the API promises
	KindInvalidBase64                // ConsoleOutput that is not base64
	KindInvalidRequest               // MissingParameter, InvalidParameter and other 4xx the caller caused
	KindCanceled                     // the caller's context was cancelled before an answer arrived
)

// Error is every failure fetch returns: a kind the UI can branch on, the API's own code, message and
// request ID when there was a response, and a one-line hint telling the operator what to do.
type Error struct {
	Kind       ErrorKind
	Op         string // "DescribeInstances", "GetInstanceConsoleOutput", ...
	Code       string // API error code, e.g. "Forbidden.RAM"; empty for network errors
	Message    string // API or transport message, already redacted
	RequestID  string
	HTTPStatus int
	Hint       string // what to do, one line
	// Raw keeps the undecodable text for KindInvalidBase64 and the body for KindMalformedResponse.
	Raw string
	Err error // the underlying error, redacted; for errors.Is/As
	// Region is the region the call went to; empty when the call never got that far.
	Region string
	// Attempts is how many attempts the call made, retries included; 0 when it failed before the
	// first (bad arguments, or a context that had already ended).
	Attempts int
}

// Error renders the error on one line without secrets.
func (e *Error) Error() string {
	s := e.Op + ": " + e.Kind.String()
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += fmt.Sprintf(" [RequestId %s]", e.RequestID)
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// String names the kind in words an operator reads in a banner.
func (k ErrorKind) String() string {
	switch k {
	case KindCredentialsMissing:
		return "no credentials"
	case KindAuthRejected:
		return "credentials rejected"
	case KindPermissionDenied:
		return "permission denied"
	case KindNotFound:
		return "not found"
	case KindUnsupported:
		return "not supported"
	case KindWrongState:
		return "wrong instance state"
	case KindThrottled:
		return "throttled"
	case KindNetwork:
		return "network error"
	case KindTimeout:
		return "timed out"
	case KindServerFault:
		return "server fault"
	case KindMalformedResponse:
		return "malformed response"
	case KindInvalidBase64:
		return "invalid base64"
	case KindInvalidRequest:
		return "invalid request"
	case KindCanceled:
		return "cancelled"
	}
	return "error"
}
