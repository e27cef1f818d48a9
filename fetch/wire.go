package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
)

// The SDK decodes 2xx bodies with a fuzzy decoder that turns a missing field into a zero value,
// so an empty body, an HTML page from a captive portal with status 200, or a body without
// ConsoleOutput would all look like success with empty data. bootlog decodes the body again,
// strictly, into these shapes: pointers mark the fields that must be present.

type wireRegions struct {
	RequestID *string `json:"RequestId"`
	Regions   *struct {
		Region *[]struct {
			RegionID       string `json:"RegionId"`
			LocalName      string `json:"LocalName"`
			RegionEndpoint string `json:"RegionEndpoint"`
			Status         string `json:"Status"`
		} `json:"Region"`
	} `json:"Regions"`
}

func (w *wireRegions) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.Regions == nil || w.Regions.Region == nil:
		return "no Regions.Region list"
	}
	for i, r := range *w.Regions.Region {
		if r.RegionID == "" {
			return fmt.Sprintf("region %d has no RegionId", i)
		}
	}
	return ""
}

type wireIPs struct {
	IPAddress []string `json:"IpAddress"`
}

type wireInstance struct {
	InstanceID    string  `json:"InstanceId"`
	InstanceName  string  `json:"InstanceName"`
	HostName      string  `json:"HostName"`
	Status        string  `json:"Status"`
	InstanceType  string  `json:"InstanceType"`
	RegionID      string  `json:"RegionId"`
	ZoneID        string  `json:"ZoneId"`
	OSType        string  `json:"OSType"`
	OSName        string  `json:"OSName"`
	CreationTime  string  `json:"CreationTime"`
	StartTime     string  `json:"StartTime"`
	PublicIP      wireIPs `json:"PublicIpAddress"`
	InnerIP       wireIPs `json:"InnerIpAddress"`
	VpcAttributes struct {
		PrivateIPAddress wireIPs `json:"PrivateIpAddress"`
	} `json:"VpcAttributes"`
	EipAddress struct {
		IPAddress string `json:"IpAddress"`
	} `json:"EipAddress"`
	NetworkInterfaces struct {
		NetworkInterface []struct {
			PrimaryIPAddress string `json:"PrimaryIpAddress"`
		} `json:"NetworkInterface"`
	} `json:"NetworkInterfaces"`
}

// maxTotalCount is far above any real region's instance quota; a larger TotalCount is a broken
// answer, and paging through it would mean millions of requests.
const maxTotalCount = 1_000_000

type wireInstances struct {
	RequestID  *string  `json:"RequestId"`
	TotalCount *flexInt `json:"TotalCount"`
	PageNumber flexInt  `json:"PageNumber"`
	PageSize   flexInt  `json:"PageSize"`
	Instances  *struct {
		Instance *[]wireInstance `json:"Instance"`
	} `json:"Instances"`
}

func (w *wireInstances) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.TotalCount == nil:
		return "no TotalCount"
	case *w.TotalCount < 0 || *w.TotalCount > maxTotalCount:
		return fmt.Sprintf("an implausible TotalCount %d", *w.TotalCount)
	case w.Instances == nil || w.Instances.Instance == nil:
		return "no Instances.Instance list"
	}
	for i, in := range *w.Instances.Instance {
		if in.InstanceID == "" {
			return fmt.Sprintf("instance %d has no InstanceId", i)
		}
	}
	return ""
}

type wireConsole struct {
	RequestID      *string `json:"RequestId"`
	InstanceID     string  `json:"InstanceId"`
	LastUpdateTime string  `json:"LastUpdateTime"`
	ConsoleOutput  *string `json:"ConsoleOutput"`
}

func (w *wireConsole) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.ConsoleOutput == nil:
		return "no ConsoleOutput"
	}
	return ""
}

type wireScreenshot struct {
	RequestID  *string `json:"RequestId"`
	InstanceID string  `json:"InstanceId"`
	Screenshot *string `json:"Screenshot"`
}

func (w *wireScreenshot) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.Screenshot == nil:
		return "no Screenshot"
	}
	return ""
}

type wireStatuses struct {
	RequestID        *string `json:"RequestId"`
	InstanceStatuses *struct {
		InstanceStatus *[]struct {
			InstanceID string `json:"InstanceId"`
			Status     string `json:"Status"`
		} `json:"InstanceStatus"`
	} `json:"InstanceStatuses"`
}

func (w *wireStatuses) problem() string {
	switch {
	case w.RequestID == nil:
		return "no RequestId"
	case w.InstanceStatuses == nil || w.InstanceStatuses.InstanceStatus == nil:
		return "no InstanceStatuses.InstanceStatus list"
	}
	return ""
}

type wireRequestID struct {
	RequestID *string `json:"RequestId"`
}

func (w *wireRequestID) problem() string {
	if w.RequestID == nil {
		return "no RequestId"
	}
	return ""
}

// checked is a wire shape that can say what is missing from it.
type checked interface {
	problem() string
}

// decode finishes one SDK call: it passes transport and API errors through, turns the SDK's
// JSON failure into a malformed-response error that keeps the body, and otherwise decodes the
// body strictly into v. It returns the HTTP status for the debug log.
func decode(resp responses.AcsResponse, sdkErr error, v checked) (int, error) {
	status := resp.GetHttpStatus()
	body := resp.GetHttpContentBytes()
	if sdkErr != nil {
		var ce *sdkerrors.ClientError
		if errors.As(sdkErr, &ce) && ce.ErrorCode() == sdkerrors.JsonUnmarshalErrorCode {
			return status, malformed(status, body, "the body is not JSON")
		}
		var se *sdkerrors.ServerError
		if errors.As(sdkErr, &se) {
			status = se.HttpStatus()
		}
		return status, sdkErr
	}
	if err := json.Unmarshal(body, v); err != nil {
		return status, malformed(status, body, "the body does not have the API's shape: "+err.Error())
	}
	if p := v.problem(); p != "" {
		return status, malformed(status, body, "the body has "+p)
	}
	return status, nil
}

// malformed is the error for a 2xx answer that is not what the API promises.
func malformed(status int, body []byte, why string) *Error {
	requestID := ""
	var probe struct {
		RequestID string `json:"RequestId"`
	}
	if json.Unmarshal(body, &probe) == nil {
		requestID = probe.RequestID
	}
	return &Error{
		Kind:       KindMalformedResponse,
		Message:    fmt.Sprintf("HTTP %d: %s", status, why),
		RequestID:  requestID,
		HTTPStatus: status,
		Raw:        truncate(Redact(string(body)), maxRaw),
	}
}

// flexInt is an integer that the API may also send as a numeric string, which the SDK's own
// decoder tolerates too.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 1 && b[0] == '"' {
		b = b[1 : len(b)-1]
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return fmt.Errorf("%q is not an integer", b)
	}
	*f = flexInt(n)
	return nil
}
