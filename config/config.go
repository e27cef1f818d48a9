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

// SourceDefault marks a value nobody set.
const SourceDefault Source = "default"

// Config is everything the rest of bootlog needs to start.
type Config struct {
	Profile        string
	ProfileSource  Source
	Region         string // empty: the TUI opens the region picker
	RegionSource   Source
	Endpoint       string // "" for the public regional endpoint; else a URL or host:port
	EndpointSource Source
	VPC            bool
	VPCSource      Source

	// Credentials is the provider to hand to the ECS client: credentials-go's providers behind the
	// V1 SDK's interface, asked afresh at every request, so refreshed credentials (STS expiry,
	// SSO and OAuth exchanges) are used without a restart. It is safe for concurrent use.
	// CredentialSource names the source that will supply them, as judged from local files and
	// variables (`aliyun CLI profile "dev" (~/.aliyun/config.json, mode AK)`, "environment
	// variables (...)"), for error messages.
	Credentials      credentials.CredentialsProvider
	CredentialSource string
	// CredentialChecks lists, in the chain's order, every local credential source Load looked
	// at and what it found. Nothing here came from the network.
	CredentialChecks []CredentialCheck

	Settings Settings
	// SettingsFile is the settings file Load read, or would have read had it existed.
	SettingsFile string
	// SettingsFileFound says whether SettingsFile existed.
	SettingsFileFound bool

	// settingSources maps a settings-file key ("wrap", "theme", ...) to where its value came from.
	settingSources map[string]Source
}

// Settings are the operator's preferences from config.toml, overridable by flags.
type Settings struct {
	FollowInterval time.Duration  // default 10s
	Wrap           bool           // default true
	LineNumbers    bool           // default false
	Theme          string         // "auto", "dark", "light"
	Color          ColorMode      // --color, CLICOLOR_FORCE, NO_COLOR, CLICOLOR=0, no_color; default auto
	NoColor        bool           // Color == ColorNever
	TimestampZone  *time.Location // zone of zoneless LastUpdateTime; default UTC+8
	ReadOnly       bool           // remove write actions (reboot)
	HistoryEnabled bool           // keep captures locally
	HistoryMax     int            // captures kept per instance
	AutoScan       bool           // scan the boot health after each listing (auto_scan)
	// TmuxGraphics lets screenshots use kitty graphics through tmux's passthrough, which works
	// only when tmux has allow-passthrough on (bootlog cannot tell); default false.
	TmuxGraphics bool
}

// Flags are the command-line values main parsed; empty or nil means "not given".
type Flags struct {
	Profile, Region, Endpoint, SettingsFile string

	VPC            *bool
	NoColor        *bool
	ReadOnly       *bool
	Wrap           *bool
	LineNumbers    *bool
	FollowInterval *time.Duration
	Theme          string
	TimestampZone  string
	Color          string // "auto", "always" or "never"
}

// DefaultSettings are the values used when neither flags, environment nor the settings file say
// otherwise. UTC+8 is the zone the ECS API reference gives for LastUpdateTime values that carry none.
func DefaultSettings() Settings {
	return Settings{
		FollowInterval: 10 * time.Second,
		Wrap:           true,
		LineNumbers:    false,
		Theme:          "auto",
		Color:          ColorAuto,
		TimestampZone:  time.FixedZone("UTC+8", 8*60*60),
		HistoryEnabled: true,
		HistoryMax:     20,
	}
}
