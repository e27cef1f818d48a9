package emulator

import (
	"net/http"
	"testing"
)

// TestDefaultFaultAnswersLikeTheRealError pins the status and message a fault fixture that names
// only a code gets: the same as the real error of that code.
func TestDefaultFaultAnswersLikeTheRealError(t *testing.T) {
	tests := []struct {
		code    string
		status  int
		message string
	}{
		{"Throttling", http.StatusTooManyRequests, "Request was denied due to request throttling."},
		{"Throttling.User", http.StatusTooManyRequests, "Request was denied due to request throttling."},
		{"Throttling.Api", http.StatusTooManyRequests, "Request was denied due to request throttling."},
		{"InternalError", http.StatusInternalServerError, "The request processing has failed due to some unknown error, exception or failure."},
		{"ServiceUnavailable", http.StatusServiceUnavailable, "The request has failed due to a temporary failure of the server."},
		{"Forbidden.RAM", http.StatusForbidden, "User not authorized to operate on the specified resource, or this API doesn't support RAM."},
		{"Forbidden", http.StatusForbidden, "User not authorized to operate on the specified resource."},
		{"IncorrectInstanceStatus", http.StatusMethodNotAllowed, "The current status of the resource does not support this operation."},
		{"NotSupported", http.StatusMethodNotAllowed, "The specified operation is not supported."},
		{"InvalidInstanceId.NotFound", http.StatusNotFound, "The specified InstanceId does not exist."},
		{"OperationConflict", http.StatusConflict, "Request was denied due to conflict with a previous request."},
		{"InvalidAccessKeyId.NotFound", http.StatusNotFound, "Specified access key is not found."},
		{"SignatureDoesNotMatch", http.StatusBadRequest, "Specified signature is not matched with our calculation."},
		{"Made.Up", http.StatusBadRequest, "The request has failed: Made.Up."},
	}
	for _, tc := range tests {
		status, message := defaultFault(tc.code)
		if status != tc.status || message != tc.message {
			t.Errorf("defaultFault(%q) = %d %q, want %d %q", tc.code, status, message, tc.status, tc.message)
		}
	}
}
