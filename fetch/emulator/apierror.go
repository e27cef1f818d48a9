package emulator

import (
	"fmt"
	"net/http"
)

// apiError is an error answer: the HTTP status and the Code/Message pair of the JSON body.
// gateway marks errors of the API gateway (signature, credentials, unknown actions), whose
// Recommend link points at the gateway's error centre rather than the ECS troubleshooter, as the
// real service does.
type apiError struct {
	status  int
	code    string
	message string
	gateway bool
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

// recommend is the Recommend link of the error body.
func (e *apiError) recommend() string {
	if e.gateway {
		return "https://error-center.aliyun.com/status/search?Keyword=" + e.code + "&source=PopGw"
	}
	return "https://api.aliyun.com/troubleshoot?q=" + e.code + "&product=Ecs"
}

// The error catalogue. Codes, statuses and messages follow the reference's §2.4 and the
// per-action tables of §3; the constructors keep every message in one place so that tests and
// callers match the real wording.

func missingParameter(name string) *apiError {
	quoted := fmt.Sprintf("%q", name)
	if name == "RegionId" {
		// The documented message for RegionId, unlike the others, does not quote the name.
		quoted = name
	}
	return &apiError{http.StatusBadRequest, "MissingParameter",
		"The input parameter " + quoted + " that is mandatory for processing this request is not supplied.", false}
}

func missingCommonParameter(name string) *apiError {
	e := missingParameter(name)
	e.gateway = true
	return e
}

func invalidParameter(name string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidParameter",
		fmt.Sprintf("The specified parameter %q is not valid.", name), false}
}

func invalidCommonParameter(name string) *apiError {
	e := invalidParameter(name)
	e.gateway = true
	return e
}

func errIncompleteSignature(detail string) *apiError {
	msg := "The request signature does not conform to Aliyun standards."
	if detail != "" {
		msg += " " + detail
	}
	return &apiError{http.StatusBadRequest, "IncompleteSignature", msg, true}
}

// errSignatureDoesNotMatch echoes the server's string-to-sign after "server string to sign is:"
// exactly as the real gateway does: the SDK compares that text with its own string-to-sign to
// tell a wrong secret (equal) from a signing bug (different).
func errSignatureDoesNotMatch(stringToSign string) *apiError {
	return &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
		signatureMismatch + " server string to sign is:" + stringToSign, true}
}

const signatureMismatch = "Specified signature is not matched with our calculation."

var (
	errNonceUsed = &apiError{http.StatusBadRequest, "SignatureNonceUsed",
		"Specified signature nonce was used already.", true}
	errTimestampExpired = &apiError{http.StatusBadRequest, "InvalidTimeStamp.Expired",
		"Specified time stamp or date value is expired.", true}
	errTimestampFormat = &apiError{http.StatusBadRequest, "InvalidTimeStamp.Format",
		"Specified time stamp or date value is not well formatted.", true}
	errInvalidVersion = &apiError{http.StatusBadRequest, "InvalidVersion",
		"Specified parameter Version is not valid.", true}
	errActionNotFound = &apiError{http.StatusNotFound, "InvalidAction.NotFound",
		"Specified api is not found, please check your url and method.", true}
	errMethod = &apiError{http.StatusForbidden, "UnsupportedHTTPMethod",
		"This HTTP method is not supported.", true}
	errAccessKeyNotFound = &apiError{http.StatusNotFound, "InvalidAccessKeyId.NotFound",
		"Specified access key is not found.", true}
	errMissingSecurityToken = &apiError{http.StatusBadRequest, "MissingSecurityToken",
		"SecurityToken is mandatory for this action.", true}
	errSecurityTokenMismatch = &apiError{http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"Specified SecurityToken mismatch with the AccessKey.", true}
	errSecurityTokenMalformed = &apiError{http.StatusBadRequest, "InvalidSecurityToken.Malformed",
		"Specified SecurityToken is malformed.", true}
	errRegionNotFound = &apiError{http.StatusNotFound, "InvalidRegionId.NotFound",
		"The specified RegionId does not exist.", false}
	errInstanceNotFound = &apiError{http.StatusNotFound, "InvalidInstanceId.NotFound",
		"The specified InstanceId does not exist.", false}
	errStatusNotFound = &apiError{http.StatusNotFound, "InvalidStatus.NotFound",
		"The specified Status is not found", false}
	errInstanceIDsMalformed = &apiError{http.StatusBadRequest, "InvalidInstanceIds.Malformed",
		"The specified instanceIds are not valid.", false}
	errLanguageNotFound = &apiError{http.StatusNotFound, "InvalidAcceptLanguage.NotFound",
		"Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.", false}
	errResourceTypeNotFound = &apiError{http.StatusNotFound, "InvalidResourceType.NotFound",
		"The specified ResourceType is not found.", false}
	errDryRun = &apiError{http.StatusBadRequest, "DryRunOperation",
		"Request validation has been passed with DryRun flag set.", false}
	errThrottling = &apiError{http.StatusTooManyRequests, "Throttling",
		"Request was denied due to request throttling.", false}
	errWindowsConsole = &apiError{http.StatusMethodNotAllowed, "NotSupported",
		"The operation is not supported for Windows instances.", false}
	errNotSupported = &apiError{http.StatusMethodNotAllowed, "NotSupported",
		"The specified operation is not supported.", false}
	errInternal = &apiError{http.StatusInternalServerError, "InternalError",
		"The request processing has failed due to some unknown error, exception or failure.", false}
	errServiceUnavailable = &apiError{http.StatusServiceUnavailable, "ServiceUnavailable",
		"The request has failed due to a temporary failure of the server.", false}
	errForbiddenRAM = &apiError{http.StatusForbidden, "Forbidden.RAM",
		"User not authorized to operate on the specified resource, or this API doesn't support RAM.", false}
	errForbidden = &apiError{http.StatusForbidden, "Forbidden",
		"User not authorized to operate on the specified resource.", false}
	errOperationConflict = &apiError{http.StatusConflict, "OperationConflict",
		"Request was denied due to conflict with a previous request.", false}
)

// errIncorrectStatus is IncorrectInstanceStatus with the status the action's table gives: 405
// for GetInstanceConsoleOutput and GetInstanceScreenshot, 403 for RebootInstance.
func errIncorrectStatus(status int) *apiError {
	return &apiError{status, "IncorrectInstanceStatus",
		"The current status of the resource does not support this operation.", false}
}

// faultDefaults are the catalogue entries a fault fixture may name by code alone; such a fault
// answers with the real error's status and message. The throttling variants share Throttling's.
var faultDefaults = func() map[string]*apiError {
	m := map[string]*apiError{
		"Throttling.User":       errThrottling,
		"Throttling.Api":        errThrottling,
		"SignatureDoesNotMatch": {http.StatusBadRequest, "SignatureDoesNotMatch", signatureMismatch, true},
		// The 405 of GetInstanceConsoleOutput's table, where faults are most often injected.
		"IncorrectInstanceStatus": errIncorrectStatus(http.StatusMethodNotAllowed),
	}
	for _, e := range []*apiError{errThrottling, errInternal, errServiceUnavailable, errForbiddenRAM,
		errForbidden, errNotSupported, errInstanceNotFound, errOperationConflict, errAccessKeyNotFound} {
		m[e.code] = e
	}
	return m
}()

// defaultFault gives the status and message of a fault fixture that names only a code.
func defaultFault(code string) (status int, message string) {
	if e, ok := faultDefaults[code]; ok {
		return e.status, e.message
	}
	return http.StatusBadRequest, "The request has failed: " + code + "."
}
