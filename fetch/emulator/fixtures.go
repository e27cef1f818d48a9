// Package emulator is a loopback ECS OpenAPI (RPC, 2014-05-26) server that the real SDK accepts
// unmodified. It stands in for the cloud in tests, in `bootlog --demo` and in `bootlog emulator`.
package emulator

// Fixtures is the emulator's world: regions and the instances in them. It is what a --fixtures JSON
// file decodes into (LoadFixtures; unknown fields are rejected) and what DemoFixtures builds.
// testdata/example-fixtures.json is a commented example of every field.
type Fixtures struct {
	Regions   []RegionFixture   `json:"regions"`
	Instances []InstanceFixture `json:"instances"`
}

// RegionFixture is one region. LocalName is answered for every AcceptLanguage.
type RegionFixture struct {
	RegionID  string `json:"regionId"`
	LocalName string `json:"localName"`
	Status    string `json:"status,omitempty"` // "available" (default) or "soldOut"
}

// InstanceFixture is one instance with its cached console output and an optional injected fault.
// DescribeInstances answers it in fixture order; what the fixture does not give (Cpu and Memory,
// VPC, vSwitch, security group, ENI, serial number) is derived from the instance type or from
// stable hashes of the IDs. Times are RFC 3339 or DescribeInstances' own minute form.
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
// Instance actions (GetInstanceConsoleOutput, GetInstanceScreenshot, RebootInstance) fail when
// they name the instance; DescribeInstances and DescribeInstanceStatus fail for any request to
// the instance's region, DescribeRegions for any request. Code alone takes its usual status and
// message (Throttling 429, InternalError 500, ServiceUnavailable 503, Forbidden.RAM 403, other
// codes 400). Delay holds the response first (until the client gives up); with neither Code nor
// Body the call then proceeds normally. Body replaces the JSON error with raw bytes, sent with
// HTTPStatus or 200.
type FaultFixture struct {
	Action     string `json:"action"`
	Code       string `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Times      int    `json:"times,omitempty"` // 0 = every call
	Delay      string `json:"delay,omitempty"` // Go duration; the response is held this long (hung server)
	Body       string `json:"body,omitempty"`  // raw response body instead of the JSON error (malformed response)
}
