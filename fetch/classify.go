package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

// credentialFailures are the texts of credential-chain failures that reach us unwrapped (for
// example when a caller's provider is used outside lockedProvider). They are plain errors in the
// SDK, not ClientErrors.
var credentialFailures = []string{
	"unable to get credentials from any of the providers in the chain",
	"unable to get profile with",
	"no credential found",
	"The CLI profile is disabled",
}

// classify turns whatever an attempt returned into an *Error. It never keeps an SDK error value
// as Err: those print the signed URL, the string-to-sign or the response headers.
func (c *Client) classify(op, region string, err error) *Error {
	var fe *Error
	if errors.As(err, &fe) {
		out := *fe
		if out.Op == "" || out.Op == "DecodeConsole" {
			out.Op = op
		}
		if out.Region == "" {
			out.Region = region
		}
		if out.Hint == "" {
			out.Hint = c.hint(out.Kind, op, region, out.Code)
		}
		return &out
	}

	e := &Error{Op: op, Region: region}
	var se *sdkerrors.ServerError
	var ce *sdkerrors.ClientError
	var cre *credentialsError
	var ue *url.Error
	var ne net.Error
	var big *bodyTooLargeError
	switch {
	case errors.As(err, &big):
		e.Kind = KindMalformedResponse
		e.Message = big.Error()
		e.Err = big

	case errors.Is(err, io.ErrUnexpectedEOF):
		// The SDK reads the body after http.Client.Do has returned, so a connection closed in
		// the middle of the body reaches us as a bare io.ErrUnexpectedEOF, not a *url.Error.
		// Nothing was decided by ECS: it is retried like any other network failure.
		e.Kind = KindNetwork
		e.Message = "the connection closed before the whole answer arrived (unexpected EOF)"
		e.Err = io.ErrUnexpectedEOF
		e.Hint = "the connection dropped in the middle of an answer (an unstable network, or a proxy or load balancer cutting it off): retry; check proxy settings (HTTPS_PROXY) and --endpoint"

	case errors.As(err, &cre) || isCredentialFailure(err):
		e.Kind = KindCredentialsMissing
		e.Message = Redact(err.Error())
		e.Err = errors.New(e.Message)

	case errors.As(err, &se):
		e.Code = se.ErrorCode()
		e.HTTPStatus = se.HttpStatus()
		e.RequestID = se.RequestId()
		e.Kind = kindOfCode(e.Code, e.HTTPStatus)
		e.Message = serverMessage(e.Code, se.Message())
		if e.Kind == KindMalformedResponse {
			e.Raw = truncate(Redact(se.Message()), maxRaw)
		}
		e.Err = errors.New(e.Message)

	case errors.As(err, &ce):
		e.Code = ce.ErrorCode()
		e.Message = Redact(ce.Message())
		switch e.Code {
		case sdkerrors.JsonUnmarshalErrorCode:
			e.Kind = KindMalformedResponse
		case sdkerrors.TimeoutErrorCode:
			e.Kind = KindTimeout
		case sdkerrors.UnsupportedCredentialErrorCode:
			e.Kind = KindCredentialsMissing
		default:
			e.Kind = KindInvalidRequest
		}
		e.Err = errors.New(e.Message)

	case errors.As(err, &ue):
		// The URL carries Signature, SignatureNonce and SecurityToken; drop the whole query.
		safe := &url.Error{Op: ue.Op, URL: stripQuery(ue.URL), Err: ue.Err}
		e.Kind = KindNetwork
		if ue.Timeout() || errors.Is(ue.Err, context.DeadlineExceeded) {
			e.Kind = KindTimeout
		}
		e.Message = Redact(safe.Error())
		e.Err = safe

	case errors.Is(err, context.DeadlineExceeded):
		e.Kind = KindTimeout
		e.Message = fmt.Sprintf("no answer within %s", c.opts.Timeout)
		e.Err = context.DeadlineExceeded

	case errors.Is(err, context.Canceled):
		e.Kind = KindCanceled
		e.Message = "cancelled"
		e.Err = context.Canceled

	case errors.As(err, &ne):
		e.Kind = KindNetwork
		if ne.Timeout() {
			e.Kind = KindTimeout
		}
		e.Message = Redact(err.Error())
		e.Err = errors.New(e.Message)

	default:
		e.Kind = KindUnknown
		e.Message = Redact(err.Error())
		e.Err = errors.New(e.Message)
	}
	if e.Hint == "" {
		e.Hint = c.hint(e.Kind, op, region, e.Code)
	}
	return e
}

// contextError is the *Error of a call whose context ended before it completed.
func (c *Client) contextError(op, region string, err error) *Error {
	e := &Error{Op: op, Region: region, Kind: KindCanceled, Message: "cancelled", Err: context.Canceled}
	if errors.Is(err, context.DeadlineExceeded) {
		e.Kind, e.Message, e.Err = KindTimeout, "the caller's deadline passed", context.DeadlineExceeded
		e.Hint = c.hint(KindTimeout, op, region, "")
	}
	return e
}

func isCredentialFailure(err error) bool {
	s := err.Error()
	for _, f := range credentialFailures {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}

// kindOfCode classifies an API error by its code, falling back to the HTTP status. The order
// matters: InvalidAccessKeyId.NotFound is an auth failure before it is a NotFound, and
// Forbidden.AccessKeyDisabled is a dead key rather than a missing RAM permission.
func kindOfCode(code string, status int) ErrorKind {
	switch {
	case code == "":
		// Not the API's JSON error body: a proxy or load balancer answered.
		switch {
		case status == 429:
			return KindThrottled
		case status >= 500:
			return KindServerFault
		}
		return KindMalformedResponse
	case strings.HasPrefix(code, "InvalidAccessKeyId"),
		code == "SignatureDoesNotMatch",
		code == "IncompleteSignature",
		strings.HasPrefix(code, "InvalidSecurityToken"),
		code == "MissingSecurityToken",
		code == "Forbidden.AccessKeyDisabled":
		return KindAuthRejected
	case strings.HasPrefix(code, "Throttling"):
		return KindThrottled
	case strings.HasPrefix(code, "Forbidden"), strings.HasPrefix(code, "Unauthorized"), strings.HasPrefix(code, "NoPermission"):
		return KindPermissionDenied
	case strings.HasPrefix(code, "InvalidAction"):
		// The endpoint does not speak this ECS action: a wrong --endpoint, not a missing instance.
		return KindInvalidRequest
	case strings.HasSuffix(code, ".NotFound"):
		return KindNotFound
	case code == "NotSupported" || strings.HasSuffix(code, ".NotSupported"):
		return KindUnsupported
	case code == "IncorrectInstanceStatus" || strings.HasPrefix(code, "IncorrectInstanceStatus."),
		code == "InstanceLockedForSecurity", code == "InstanceExpiredOrInArrears", code == "OperationConflict":
		return KindWrongState
	case code == "InternalError" || code == "ServiceUnavailable" || status >= 500:
		return KindServerFault
	case status == 429:
		return KindThrottled
	}
	return KindInvalidRequest
}

// serverMessage is the API's message fit for a banner. SignatureDoesNotMatch appends the
// gateway's whole string-to-sign (with the SecurityToken in it); it is cut off, and everything
// is redacted anyway.
func serverMessage(code, msg string) string {
	if i := strings.Index(msg, "server string to sign is:"); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	if code == "" {
		msg = strings.Join(strings.Fields(msg), " ")
	}
	return truncate(Redact(msg), 300)
}

// maxRaw bounds the body kept in Error.Raw for malformed responses.
const maxRaw = 4096

// truncate cuts s to at most n bytes, on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// stripQuery removes the query (and anything secret in it) from a request URL.
func stripQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return Redact(u)
}

// ramAction is the RAM policy action that allows op. ECS names its RAM actions after
// the API actions.
func ramAction(op string) string { return "ecs:" + op }

// hint is the one line telling an operator what to do about an error of kind k.
func (c *Client) hint(k ErrorKind, op, region, code string) string {
	endpoint := c.opts.Endpoint
	if endpoint == "" {
		endpoint = "the ECS endpoint of " + orDefault(region, "the region")
	}
	switch k {
	case KindCredentialsMissing:
		return fmt.Sprintf("no usable credentials from %s: run `aliyun configure`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET", c.opts.CredentialSource)
	case KindAuthRejected:
		switch {
		case strings.Contains(code, "SecurityToken"):
			return fmt.Sprintf("the STS token from %s is missing, expired or does not match its AccessKeyId: get a fresh token", c.opts.CredentialSource)
		case code == "Forbidden.AccessKeyDisabled" || code == "InvalidAccessKeyId.Inactive":
			return fmt.Sprintf("the AccessKey from %s is disabled: enable it in the RAM console or use another", c.opts.CredentialSource)
		case code == "SignatureDoesNotMatch":
			return fmt.Sprintf("the AccessKeySecret from %s does not match its AccessKeyId: check the key pair", c.opts.CredentialSource)
		}
		return fmt.Sprintf("ECS does not accept the AccessKey from %s: check the AccessKeyId and secret", c.opts.CredentialSource)
	case KindPermissionDenied:
		return fmt.Sprintf("the RAM identity needs the %s permission (e.g. a policy allowing %s on acs:ecs:%s:*:instance/*)", ramAction(op), ramAction(op), orDefault(region, "*"))
	case KindNotFound:
		switch {
		case strings.HasPrefix(code, "InvalidRegionId"):
			return fmt.Sprintf("region %s does not exist: pick one from the region list", orDefault(region, "(empty)"))
		case strings.HasPrefix(code, "InvalidInstanceId"):
			return fmt.Sprintf("no such instance in %s: check the ID, or whether it lives in another region", orDefault(region, "this region"))
		}
		return "ECS does not know the resource named in the request"
	case KindUnsupported:
		switch op {
		case "GetInstanceConsoleOutput":
			return "console output is not available for Windows instances or retired instance types: try the screenshot"
		case "GetInstanceScreenshot":
			return "screenshots are not available for this instance (retired instance type?)"
		}
		return "this instance does not support the operation"
	case KindWrongState:
		switch op {
		case "GetInstanceConsoleOutput":
			return "the instance has no console output in its current state (never started?): start it, then retry"
		case "GetInstanceScreenshot":
			return "screenshots need a Running instance"
		case "RebootInstance":
			if code == "InstanceExpiredOrInArrears" {
				return "the instance is expired or the account is in arrears: renew it first"
			}
			return "only a Running, unlocked instance can be rebooted: wait for the current operation to finish"
		}
		return "the instance is not in a state that allows this operation"
	case KindThrottled:
		return "ECS is throttling this account's API calls: wait a few seconds, then retry"
	case KindNetwork:
		return fmt.Sprintf("could not reach %s: check the network, proxy settings (HTTPS_PROXY) or --endpoint", endpoint)
	case KindTimeout:
		if op == "RebootInstance" {
			return "no answer in time: the reboot may or may not have been accepted, so check the instance status before trying again"
		}
		return fmt.Sprintf("%s did not answer within %s: the network or ECS is slow; retry later", endpoint, c.opts.Timeout.Round(time.Millisecond))
	case KindServerFault:
		return "ECS failed internally: retry later; quote the RequestId to Alibaba Cloud support if it persists"
	case KindMalformedResponse:
		return fmt.Sprintf("%s answered with something other than the ECS API's JSON (a proxy or captive portal?): check --endpoint and proxy settings", endpoint)
	case KindInvalidBase64:
		return "ECS returned text that is not base64; `bootlog get --raw` prints it as received"
	case KindInvalidRequest:
		switch {
		case strings.HasPrefix(code, "InvalidTimeStamp"):
			return "this machine's clock is more than 15 minutes off: synchronise it (NTP)"
		case strings.HasPrefix(code, "InvalidAction"):
			return fmt.Sprintf("%s does not speak the ECS API: check --endpoint", endpoint)
		}
		return "ECS rejected the request as invalid: this is likely a bootlog bug, please report it with the message"
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
