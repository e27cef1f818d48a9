package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

func testClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Options{Region: "cn-hangzhou", CredentialSource: "aliyun CLI profile dev"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func serverError(status int, code, message string) error {
	body := fmt.Sprintf(`{"RequestId":"REQ-1","HostId":"ecs.aliyuncs.com","Code":%q,"Message":%q,"Recommend":"https://api.aliyun.com/troubleshoot?q=%s"}`, code, message, code)
	return sdkerrors.NewServerError(status, body, "")
}

func TestClassifyServerErrors(t *testing.T) {
	c := testClient(t)
	tests := []struct {
		op     string
		status int
		code   string
		want   ErrorKind
		hint   string // a fragment the hint must contain
	}{
		{"DescribeInstances", 404, "InvalidAccessKeyId.NotFound", KindAuthRejected, "aliyun CLI profile dev"},
		{"DescribeInstances", 400, "InvalidAccessKeyId.Inactive", KindAuthRejected, "disabled"},
		{"DescribeInstances", 400, "SignatureDoesNotMatch", KindAuthRejected, "AccessKeySecret"},
		{"DescribeInstances", 400, "IncompleteSignature", KindAuthRejected, "aliyun CLI profile dev"},
		{"DescribeInstances", 400, "InvalidSecurityToken.Expired", KindAuthRejected, "STS token"},
		{"DescribeInstances", 400, "MissingSecurityToken", KindAuthRejected, "STS token"},
		{"DescribeInstances", 403, "Forbidden.AccessKeyDisabled", KindAuthRejected, "disabled"},
		{"GetInstanceConsoleOutput", 403, "Forbidden.RAM", KindPermissionDenied, "ecs:GetInstanceConsoleOutput"},
		{"RebootInstance", 403, "Forbidden", KindPermissionDenied, "ecs:RebootInstance"},
		{"DescribeInstances", 404, "InvalidRegionId.NotFound", KindNotFound, "region cn-hangzhou does not exist"},
		{"GetInstanceConsoleOutput", 404, "InvalidInstanceId.NotFound", KindNotFound, "another region"},
		{"GetInstanceConsoleOutput", 405, "NotSupported", KindUnsupported, "Windows"},
		{"GetInstanceScreenshot", 405, "NotSupported", KindUnsupported, "screenshot"},
		{"GetInstanceConsoleOutput", 405, "IncorrectInstanceStatus", KindWrongState, "never started"},
		{"RebootInstance", 403, "IncorrectInstanceStatus", KindWrongState, "Running"},
		{"RebootInstance", 403, "InstanceExpiredOrInArrears", KindWrongState, "renew"},
		{"GetInstanceConsoleOutput", 429, "Throttling", KindThrottled, "wait"},
		{"DescribeInstances", 400, "Throttling.User", KindThrottled, "wait"},
		{"DescribeInstances", 500, "InternalError", KindServerFault, "RequestId"},
		{"DescribeInstances", 503, "ServiceUnavailable", KindServerFault, "retry later"},
		{"DescribeInstances", 502, "SomethingNew", KindServerFault, "retry later"},
		{"DescribeInstances", 400, "MissingParameter", KindInvalidRequest, "bug"},
		{"DescribeInstances", 400, "InvalidTimeStamp.Expired", KindInvalidRequest, "clock"},
		{"DescribeInstances", 404, "InvalidAction.NotFound", KindInvalidRequest, "--endpoint"},
		{"DescribeInstances", 409, "OperationConflict", KindWrongState, ""},
	}
	for _, tt := range tests {
		e := c.classify(tt.op, "cn-hangzhou", serverError(tt.status, tt.code, "the message"))
		if e.Kind != tt.want {
			t.Errorf("%s %d %s: kind %v, want %v", tt.op, tt.status, tt.code, e.Kind, tt.want)
		}
		if e.Code != tt.code || e.HTTPStatus != tt.status || e.RequestID != "REQ-1" || e.Message != "the message" || e.Op != tt.op {
			t.Errorf("%s: fields not kept: %+v", tt.code, e)
		}
		if !strings.Contains(e.Hint, tt.hint) || e.Hint == "" {
			t.Errorf("%s: hint %q does not mention %q", tt.code, e.Hint, tt.hint)
		}
	}
}

func TestClassifyNonJSONErrorBodies(t *testing.T) {
	c := testClient(t)
	tests := []struct {
		status int
		want   ErrorKind
	}{
		{502, KindServerFault},
		{429, KindThrottled},
		{403, KindMalformedResponse},
	}
	for _, tt := range tests {
		err := sdkerrors.NewServerError(tt.status, "<html><body>Bad   Gateway\n</body></html>", "")
		e := c.classify("DescribeInstances", "cn-hangzhou", err)
		if e.Kind != tt.want {
			t.Errorf("HTTP %d with HTML: kind %v, want %v", tt.status, e.Kind, tt.want)
		}
		if e.Message != "<html><body>Bad Gateway </body></html>" {
			t.Errorf("HTTP %d: message %q not collapsed to one line", tt.status, e.Message)
		}
	}
}

func TestClassifySignatureMismatchDropsStringToSign(t *testing.T) {
	c := testClient(t)
	msg := "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid%26SecurityToken%3Dsecret%2520token%26SignatureMethod%3DHMAC-SHA1"
	e := c.classify("DescribeInstances", "cn-hangzhou", serverError(400, "SignatureDoesNotMatch", msg))
	for _, s := range []string{e.Error(), e.Message, e.Err.Error(), e.Hint} {
		if strings.Contains(s, "secret%2520token") || strings.Contains(s, "string to sign") {
			t.Errorf("string-to-sign leaked: %q", s)
		}
	}
	if e.Message != "Specified signature is not matched with our calculation." {
		t.Errorf("message %q", e.Message)
	}
}

func TestClassifyClientErrors(t *testing.T) {
	c := testClient(t)
	tests := []struct {
		err  error
		want ErrorKind
	}{
		{sdkerrors.NewClientError(sdkerrors.JsonUnmarshalErrorCode, sdkerrors.JsonUnmarshalErrorMessage, errors.New("bad")), KindMalformedResponse},
		{sdkerrors.NewClientError(sdkerrors.TimeoutErrorCode, "The request timed out 4 times", nil), KindTimeout},
		{sdkerrors.NewClientError(sdkerrors.UnsupportedCredentialErrorCode, "unsupported", nil), KindCredentialsMissing},
		{sdkerrors.NewClientError(sdkerrors.InvalidParamErrorCode, "The CLI profile is disabled", nil), KindCredentialsMissing},
		{sdkerrors.NewClientError(sdkerrors.CanNotResolveEndpointErrorCode, "no endpoint", nil), KindInvalidRequest},
	}
	for _, tt := range tests {
		if e := c.classify("DescribeInstances", "cn-hangzhou", tt.err); e.Kind != tt.want {
			t.Errorf("%v: kind %v, want %v", tt.err, e.Kind, tt.want)
		}
	}
}

func TestClassifyCredentialFailures(t *testing.T) {
	c := testClient(t)
	for _, err := range []error{
		&credentialsError{err: errors.New("reading aliyun cli config from '/tmp/x/.aliyun/config.json' failed open: no such file")},
		errors.New("unable to get credentials from any of the providers in the chain: a, b"),
		errors.New("unable to get profile with 'nope'"),
		errors.New("no credential found"),
	} {
		e := c.classify("DescribeRegions", "cn-hangzhou", err)
		if e.Kind != KindCredentialsMissing || !strings.Contains(e.Hint, "aliyun CLI profile dev") {
			t.Errorf("%v: kind %v hint %q", err, e.Kind, e.Hint)
		}
	}
}

func TestClassifyTransportErrors(t *testing.T) {
	c := testClient(t)
	signed := "http://127.0.0.1:1/?AccessKeyId=id&SecurityToken=STS.secret&Signature=c2lnbmF0dXJl%3D&SignatureNonce=abc"
	refused := &url.Error{Op: "Post", URL: signed, Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}}
	timeout := &url.Error{Op: "Post", URL: signed, Err: context.DeadlineExceeded}

	e := c.classify("DescribeInstances", "cn-hangzhou", refused)
	if e.Kind != KindNetwork {
		t.Errorf("refused: kind %v", e.Kind)
	}
	var ue *url.Error
	if !errors.As(e, &ue) || ue.URL != "http://127.0.0.1:1/" {
		t.Errorf("refused: want a *url.Error without its query, got %#v", e.Err)
	}
	e2 := c.classify("DescribeInstances", "cn-hangzhou", timeout)
	if e2.Kind != KindTimeout || !errors.Is(e2, context.DeadlineExceeded) {
		t.Errorf("timeout: kind %v, err %v", e2.Kind, e2.Err)
	}
	for _, e := range []*Error{e, e2} {
		for _, s := range []string{e.Error(), e.Err.Error(), e.Message} {
			if strings.Contains(s, "STS.secret") || strings.Contains(s, "c2lnbmF0dXJl") || strings.Contains(s, "SignatureNonce=abc") {
				t.Errorf("secret leaked: %q", s)
			}
		}
	}

	if e := c.classify("X", "r", context.DeadlineExceeded); e.Kind != KindTimeout {
		t.Errorf("deadline: %v", e.Kind)
	}
	if e := c.classify("X", "r", context.Canceled); e.Kind != KindCanceled || !errors.Is(e, context.Canceled) {
		t.Errorf("canceled: %v", e.Kind)
	}
	if e := c.classify("X", "r", errors.New("something odd")); e.Kind != KindUnknown || e.Message != "something odd" {
		t.Errorf("unknown: %+v", e)
	}
}

func TestClassifyKeepsFetchErrors(t *testing.T) {
	c := testClient(t)
	in := &Error{Kind: KindMalformedResponse, Message: "HTTP 200: no RequestId", HTTPStatus: 200}
	e := c.classify("GetInstanceConsoleOutput", "cn-beijing", fmt.Errorf("wrapped: %w", in))
	if e.Kind != KindMalformedResponse || e.Op != "GetInstanceConsoleOutput" || e.Region != "cn-beijing" || e.Hint == "" || e.HTTPStatus != 200 {
		t.Errorf("got %+v", e)
	}
	if in.Op != "" {
		t.Error("classify must not modify its input")
	}
}

func TestTimeoutHintNamesTimeout(t *testing.T) {
	c, err := New(Options{Region: "cn-hangzhou", Timeout: 1500 * time.Millisecond, Endpoint: "http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	h := c.hint(KindTimeout, "DescribeInstances", "cn-hangzhou", "")
	if !strings.Contains(h, "1.5s") || !strings.Contains(h, "http://127.0.0.1:9") {
		t.Errorf("hint %q", h)
	}
	if h := c.hint(KindTimeout, "RebootInstance", "cn-hangzhou", ""); !strings.Contains(h, "may or may not") {
		t.Errorf("reboot timeout hint %q must say the outcome is unknown", h)
	}
}
