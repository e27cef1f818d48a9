// Package config resolves where bootlog talks to (profile, region, endpoint), with which credentials,
// and the operator's settings. It returns plain data; flags beat environment beat the settings file
// beat defaults.
package config

import (
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Source says where a resolved value came from, for `bootlog config` and for error messages.
type Source string

// Config is everything the rest of bootlog needs to start.
type Config struct {
	Profile        string
	ProfileSource  Source
	Region         string // empty: the TUI opens the region picker
	RegionSource   Source
	Endpoint       string // "" for the public regional endpoint; else a URL or host:port
	EndpointSource Source
	VPC            bool

	// Credentials is the SDK provider to hand to the ECS client; CredentialSource names the source
	// that supplies them ("env", "cli profile \"dev\" in ~/.aliyun/config.json", ...).
	Credentials      credentials.CredentialsProvider
	CredentialSource string

	Settings Settings
}

// Settings are the operator's preferences from config.toml, overridable by flags.
type Settings struct {
	FollowInterval time.Duration  // default 10s
	Wrap           bool           // default true
	LineNumbers    bool           // default false
	Theme          string         // "auto", "dark", "light"
	NoColor        bool           // NO_COLOR or --no-color
	TimestampZone  *time.Location // zone of zoneless LastUpdateTime; default UTC+8
	ReadOnly       bool           // remove write actions (reboot)
	HistoryEnabled bool           // keep captures locally
	HistoryMax     int            // captures kept per instance
}
