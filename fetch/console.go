package fetch

import (
	"context"
	"errors"
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// ConsoleOutput fetches the serial-console output ECS cached at the instance's last start,
// reboot or shutdown (GetInstanceConsoleOutput), decoded. An empty Data is a normal answer: the
// instance has nothing cached yet. Output that is not base64 gives a KindInvalidBase64 error
// together with a ConsoleOutput whose Raw, RequestID and LastUpdate are filled, so the text can
// still be shown as received.
func (c *Client) ConsoleOutput(ctx context.Context, region, instanceID string) (ConsoleOutput, error) {
	if region == "" {
		region = c.opts.Region
	}
	if instanceID == "" {
		return ConsoleOutput{}, &Error{Kind: KindInvalidRequest, Op: "GetInstanceConsoleOutput", Region: region, Message: "no instance ID", Hint: "name an instance, e.g. i-bp1..."}
	}
	type answer struct {
		w        wireConsole
		streamed bool   // decoded while it streamed in; false when the body reached the SDK untouched
		data     []byte // the decoded output when streamed
	}
	a, err := do(ctx, c, "GetInstanceConsoleOutput", region, read, func(sc *ecs.Client) (answer, int, error) {
		req := ecs.CreateGetInstanceConsoleOutputRequest()
		req.InstanceId = instanceID
		resp, err := sc.GetInstanceConsoleOutput(req)
		var a answer
		status, err := decode(resp, err, &a.w)
		if err == nil {
			if hold := capturedConsole(resp); hold != nil {
				a.streamed, a.data = true, hold.data
			}
		}
		return a, status, err
	})
	if err != nil {
		return ConsoleOutput{}, fmt.Errorf("console output of %s: %w", instanceID, err)
	}
	w := a.w
	out := ConsoleOutput{
		InstanceID:    instanceID,
		RegionID:      region,
		LastUpdateRaw: w.LastUpdateTime,
		RequestID:     *w.RequestID,
		Raw:           *w.ConsoleOutput,
	}
	out.LastUpdate, _ = ParseLastUpdate(w.LastUpdateTime, c.opts.ZonelessLocation)
	if a.streamed {
		// Decoded on the way in (consolebody.go): the SDK saw ConsoleOutput as "".
		out.Data, out.Raw = a.data, ""
		return out, nil
	}
	data, err := DecodeConsole(out.Raw)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			fe.Op, fe.Region, fe.RequestID = "GetInstanceConsoleOutput", region, out.RequestID
		}
		return out, fmt.Errorf("console output of %s: %w", instanceID, err)
	}
	// The base64 text is a third larger than the log and nothing reads it once decoded; a
	// cached 10 MB console would otherwise carry 13 MB of it.
	out.Data, out.Raw = data, ""
	return out, nil
}

// Screenshot fetches a screenshot of a running instance (GetInstanceScreenshot), decoded, with
// the image format sniffed from its bytes (the API says JPEG; its own example is a PNG).
func (c *Client) Screenshot(ctx context.Context, region, instanceID string) (Screenshot, error) {
	if region == "" {
		region = c.opts.Region
	}
	if instanceID == "" {
		return Screenshot{}, &Error{Kind: KindInvalidRequest, Op: "GetInstanceScreenshot", Region: region, Message: "no instance ID", Hint: "name an instance, e.g. i-bp1..."}
	}
	w, err := do(ctx, c, "GetInstanceScreenshot", region, read, func(sc *ecs.Client) (wireScreenshot, int, error) {
		req := ecs.CreateGetInstanceScreenshotRequest()
		req.InstanceId = instanceID
		resp, err := sc.GetInstanceScreenshot(req)
		var w wireScreenshot
		status, err := decode(resp, err, &w)
		return w, status, err
	})
	if err != nil {
		return Screenshot{}, fmt.Errorf("screenshot of %s: %w", instanceID, err)
	}
	shot := Screenshot{InstanceID: instanceID, RequestID: *w.RequestID}
	img, err := DecodeConsole(*w.Screenshot)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			fe.Op, fe.Region, fe.RequestID = "GetInstanceScreenshot", region, shot.RequestID
			fe.Message = "the screenshot is not valid base64"
			fe.Hint = "ECS returned a screenshot that is not base64; retry in a few seconds"
		}
		return shot, fmt.Errorf("screenshot of %s: %w", instanceID, err)
	}
	shot.Image = img
	shot.Format = imageFormat(img)
	return shot, nil
}
