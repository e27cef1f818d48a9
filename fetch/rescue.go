package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// The rescue calls: start a Stopped instance, and get the address of its interactive (VNC)
// console, the one the web console opens.

// Start starts a Stopped instance (StartInstance) and returns the call's RequestId. Like Reboot it
// is sent exactly once: a start whose answer was lost may already be under way. On KindTimeout or
// KindNetwork the outcome is unknown; check with InstanceStatuses.
func (c *Client) Start(ctx context.Context, region, instanceID string) (requestID string, err error) {
	if region == "" {
		region = c.opts.Region
	}
	if instanceID == "" {
		return "", &Error{Kind: KindInvalidRequest, Op: "StartInstance", Region: region, Message: "no instance ID", Hint: "name an instance, e.g. i-bp1..."}
	}
	id, err := do(ctx, c, "StartInstance", region, write, func(sc *ecs.Client) (string, int, error) {
		req := ecs.CreateStartInstanceRequest()
		req.InstanceId = instanceID
		resp, err := sc.StartInstance(req)
		var w wireRequestID
		status, err := decode(resp, err, &w)
		if err != nil {
			return "", status, err
		}
		return *w.RequestID, status, nil
	})
	if err != nil {
		rescueHint(err, "only a Stopped instance can be started: wait until it has stopped, then start it")
		return "", fmt.Errorf("start %s: %w", instanceID, err)
	}
	return id, nil
}

// VncConsole is DescribeInstanceVncUrl's answer: the one-time VNC address and the call's RequestId.
type VncConsole struct {
	InstanceID string
	// URL is the VNC proxy's WebSocket address. It cannot be opened as it is: WebConsoleURL wraps
	// it in the web console page. It is valid once, for about 15 seconds.
	URL       string
	RequestID string
}

// VncURL asks for the VNC address of a Running instance (DescribeInstanceVncUrl). It is a read,
// retried on throttling, but every answer is a new address.
func (c *Client) VncURL(ctx context.Context, region, instanceID string) (VncConsole, error) {
	if region == "" {
		region = c.opts.Region
	}
	if instanceID == "" {
		return VncConsole{}, &Error{Kind: KindInvalidRequest, Op: "DescribeInstanceVncUrl", Region: region, Message: "no instance ID", Hint: "name an instance, e.g. i-bp1..."}
	}
	w, err := do(ctx, c, "DescribeInstanceVncUrl", region, read, func(sc *ecs.Client) (wireVncURL, int, error) {
		req := ecs.CreateDescribeInstanceVncUrlRequest()
		req.InstanceId = instanceID
		resp, err := sc.DescribeInstanceVncUrl(req)
		var w wireVncURL
		status, err := decode(resp, err, &w)
		return w, status, err
	})
	if err != nil {
		rescueHint(err, "the interactive console needs a Running instance: start it (B) and wait until it runs")
		return VncConsole{}, fmt.Errorf("VNC address of %s: %w", instanceID, err)
	}
	return VncConsole{InstanceID: instanceID, URL: *w.VncURL, RequestID: *w.RequestID}, nil
}

// rescueHint replaces the generic hint of a wrong-state refusal with the one for the action.
func rescueHint(err error, hint string) {
	var fe *Error
	if errors.As(err, &fe) && fe.Kind == KindWrongState && fe.Code == "IncorrectInstanceStatus" {
		fe.Hint = hint
	}
}

// webConsolePage is the web management terminal page the API reference says to open with a
// VncUrl (DescribeInstanceVncUrl, "Operation description"): the address the console's own
// "Connect via VNC" uses.
const webConsolePage = "https://g.alicdn.com/aliyun/ecs-console-vnc2/0.0.8/index.html"

// WebConsoleURL is the browser address of the interactive console for a VNC address: the web
// management terminal page with vncUrl (query-escaped), instanceId and isWindows, as the API
// reference prescribes. No password parameter: ECS no longer needs one.
func WebConsoleURL(vncURL, instanceID string, windows bool) string {
	q := "vncUrl=" + url.QueryEscape(vncURL) + "&instanceId=" + url.QueryEscape(instanceID) + "&isWindows=" + strconv.FormatBool(windows)
	return webConsolePage + "?" + q
}

type wireVncURL struct {
	RequestID *string `json:"RequestId"`
	VncURL    *string `json:"VncUrl"`
}

func (w *wireVncURL) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.VncURL == nil || *w.VncURL == "":
		return "no VncUrl"
	}
	return ""
}
