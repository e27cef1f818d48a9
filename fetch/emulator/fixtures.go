// Package emulator is a loopback ECS OpenAPI (RPC, 2014-05-26) server that the real SDK accepts
// unmodified. It stands in for the cloud in tests, in `bootlog --demo` and in `bootlog emulator`.
package emulator

// Fixtures is the emulator's world: regions and the instances in them. It is what a --fixtures JSON
// file decodes into (unknown fields are rejected) and what DemoFixtures builds.
type Fixtures struct {
	Regions   []RegionFixture   `json:"regions"`
	Instances []InstanceFixture `json:"instances"`
}

// RegionFixture is one region.
type RegionFixture struct {
	RegionID  string `json:"regionId"`
	LocalName string `json:"localName"`
	Status    string `json:"status,omitempty"` // "available" (default) or "soldOut"
}

// InstanceFixture is one instance with its cached console output and an optional injected fault.
type InstanceFixture struct {
	RegionID     string          `json:"regionId"`
	InstanceID   string          `json:"instanceId"`
	InstanceName string          `json:"instanceName"`
	HostName     string          `json:"hostName,omitempty"`
	Status       string          `json:"status"` // Pending, Starting, Running, Stopping, Stopped
	OSType       string          `json:"osType"` // linux or windows
	OSName       string          `json:"osName"`
	InstanceType string          `json:"instanceType"`
	ZoneID       string          `json:"zoneId"`
	PrivateIP    string          `json:"privateIp,omitempty"`
	PublicIP     string          `json:"publicIp,omitempty"`
	EIP          string          `json:"eip,omitempty"`
	CreationTime string          `json:"creationTime,omitempty"` // 2026-11-20T10:04Z
	StartTime    string          `json:"startTime,omitempty"`
	Console      *ConsoleFixture `json:"console,omitempty"`
	Fault        *FaultFixture   `json:"fault,omitempty"`
}

// ConsoleFixture is the cached console output. Exactly one of Text, Base64 and File may be set;
// none means an empty output.
type ConsoleFixture struct {
	LastUpdateTime string `json:"lastUpdateTime"`   // RFC 3339; answered as "2006-01-02 15:04:05" in UTC+8
	Text           string `json:"text,omitempty"`   // raw bytes as a JSON string
	Base64         string `json:"base64,omitempty"` // served as is, even when it is not valid base64
	File           string `json:"file,omitempty"`   // path relative to the fixture file
}

// FaultFixture makes one action fail for one instance: every call, or only the first Times calls.
type FaultFixture struct {
	Action     string `json:"action"`
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Times      int    `json:"times,omitempty"` // 0 = every call
	Delay      string `json:"delay,omitempty"` // Go duration; the response is held this long (hung server)
	Body       string `json:"body,omitempty"`  // raw response body instead of the JSON error (malformed response)
}
