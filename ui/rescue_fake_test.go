package ui

import (
	"context"

	"github.com/bootlog/bootlog/fetch"
)

// The fake's rescue calls. Unset, Start succeeds with a RequestId and VncURL answers a fixed
// one-time address.

func (f *fakeFetcher) Start(ctx context.Context, region, id string) (string, error) {
	f.record("Start " + region + " " + id)
	if f.start == nil {
		return "START-REQ-1", nil
	}
	return f.start(id, f.count("Start "))
}

func (f *fakeFetcher) VncURL(ctx context.Context, region, id string) (fetch.VncConsole, error) {
	f.record("VncURL " + region + " " + id)
	if f.vnc == nil {
		return fetch.VncConsole{InstanceID: id, URL: "wss://cn-hangzhou.vnc.ecs.aliyuncs.com/webviewer/connect?vncProxyToken=abc123", RequestID: "VNC-REQ-1"}, nil
	}
	return f.vnc(id, f.count("VncURL "))
}
