// Package fetch talks to the Alibaba Cloud ECS OpenAPI through the official SDK and returns plain
// values. It knows nothing of the terminal UI; the emulator that stands in for the cloud lives in
// fetch/emulator.
package fetch

import "time"

// Region is one ECS region as DescribeRegions reports it.
type Region struct {
	ID        string // "cn-hangzhou"
	LocalName string // "China (Hangzhou)" or the local-language name
	Endpoint  string
	Status    string // "available" or "soldOut"
}

// Instance is the part of an ECS instance that an operator needs to find it and judge its console.
type Instance struct {
	ID           string
	Name         string
	HostName     string
	Status       string // Pending, Starting, Running, Stopping, Stopped
	Type         string // ecs.g7.large
	RegionID     string
	Zone         string
	OSType       string // linux or windows
	OSName       string
	PrivateIPs   []string
	PublicIPs    []string
	EIP          string
	CreationTime time.Time // zero when the API gave none or it did not parse
	StartTime    time.Time // zero when the API gave none or it did not parse
}

// ConsoleOutput is the decoded serial-console output that ECS cached at the instance's last start,
// reboot or shutdown.
type ConsoleOutput struct {
	InstanceID string
	RegionID   string
	// Data is the decoded bytes, exactly as the VM wrote them; empty means nothing is cached yet.
	Data []byte
	// LastUpdate is LastUpdateTime parsed leniently; zero when absent or unparseable.
	LastUpdate time.Time
	// LastUpdateRaw is LastUpdateTime exactly as the API returned it.
	LastUpdateRaw string
	RequestID     string
	// Raw is the ConsoleOutput text as the API returned it, kept only when it is not valid base64
	// (with a KindInvalidBase64 error), so that what was received can still be shown.
	Raw string
}

// Screenshot is an instance screenshot with its detected image format.
type Screenshot struct {
	InstanceID string
	Image      []byte
	Format     string // "png", "jpeg" or "" when the bytes are neither
	RequestID  string
}

// InstanceStatus pairs an instance ID with its current status (DescribeInstanceStatus).
type InstanceStatus struct {
	ID     string
	Status string
}
