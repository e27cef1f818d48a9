package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/bootlog/bootlog/config"
)

// options holds every flag value a command may take. Each command registers only the groups it
// uses (addTarget, addECS, addDisplay, ...), so `view` has no --endpoint and `list` no --wrap;
// the fields of groups a command did not register stay at their zero values.
type options struct {
	fs *pflag.FlagSet

	// Where to talk to (addTarget).
	profile, region, endpoint, configFile string
	vpc                                   bool
	// ECS session (addECS).
	debugFile, demoListen string
	demo                  bool
	// Display and behaviour settings, each added by the command that uses it.
	zone           string
	noColor        bool
	color          string
	readOnly       bool
	wrap           bool
	lineNumbers    bool
	followInterval time.Duration
}

func newOptions(fs *pflag.FlagSet) *options { return &options{fs: fs} }

// addTarget adds the flags that choose the account, region and endpoint: what config.Load resolves.
func (o *options) addTarget() *options {
	o.fs.StringVarP(&o.profile, "profile", "p", "", "the aliyun CLI profile in ~/.aliyun/config.json (else ALIBABA_CLOUD_PROFILE, else the file's current)")
	o.fs.StringVar(&o.region, "region", "", "region ID, e.g. cn-hangzhou (else ALIBABA_CLOUD_REGION_ID, else the profile's region_id)")
	o.fs.StringVar(&o.endpoint, "endpoint", "", "the ECS endpoint URL, e.g. http://127.0.0.1:8080 for the emulator (else ALIBABA_CLOUD_ECS_ENDPOINT)")
	o.fs.BoolVar(&o.vpc, "vpc", false, "use the VPC endpoint ecs-vpc.<region>.aliyuncs.com")
	o.addConfigFile()
	return o
}

// addConfigFile adds --config, the settings file.
func (o *options) addConfigFile() *options {
	o.fs.StringVar(&o.configFile, "config", "", "settings file (default $XDG_CONFIG_HOME/bootlog/config.toml)")
	return o
}

// addECS adds the flags of a command that sends requests: the debug log and the demo emulator.
func (o *options) addECS() *options {
	o.fs.StringVar(&o.debugFile, "debug", "", "append a request log to FILE (0600, secrets redacted)")
	o.addDemo()
	o.fs.StringVar(&o.demoListen, "demo-listen", "127.0.0.1:0", "with --demo: the emulator's address, so the aliyun CLI or a script can reach the same demo account")
	return o
}

// addDemo adds --demo alone (config shows the demo's settings without serving it).
func (o *options) addDemo() *options {
	o.fs.BoolVar(&o.demo, "demo", false, "run against a built-in emulator with sample instances; no account needed")
	return o
}

// addZone adds --timestamp-zone, used where LastUpdateTime is read.
func (o *options) addZone() *options {
	o.fs.StringVar(&o.zone, "timestamp-zone", "", "zone of LastUpdateTime values without one (default UTC+8, as the API reference states)")
	return o
}

// addNoColor adds --color and its alias --no-color (--color=never).
func (o *options) addNoColor() *options {
	o.fs.StringVar(&o.color, "color", "auto", "colour: auto (a terminal, unless NO_COLOR; CLICOLOR_FORCE forces it), always or never")
	o.fs.BoolVar(&o.noColor, "no-color", false, "no colour, as --color=never (also NO_COLOR)")
	return o
}

// colorMode is "auto", "always" or "never" from --color and --no-color, or a usage error for a
// value outside those or a contradiction.
func (o *options) colorMode() (string, error) {
	switch o.color {
	case "auto", "always", "never":
	default:
		return "", fmt.Errorf("--color must be auto, always or never, not %q", o.color)
	}
	if o.set("no-color") && o.noColor {
		if o.set("color") && o.color != "never" {
			return "", fmt.Errorf("--no-color and --color=%s contradict each other", o.color)
		}
		return "never", nil
	}
	return o.color, nil
}

// useColor decides whether output to w keeps the log's colours: --color=always or never decide;
// in auto mode CLICOLOR_FORCE (set, and not "0") forces colour, else the settings' no_color
// (--no-color, NO_COLOR, the settings file) turns it off, else colour goes to terminals only.
func useColor(mode string, env environ, settingsNoColor bool, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if v := env.get("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	return !settingsNoColor && isTerminal(w)
}

// addReadOnly adds --readonly.
func (o *options) addReadOnly() *options {
	o.fs.BoolVar(&o.readOnly, "readonly", false, "remove every write action (reboot)")
	return o
}

// addViewer adds the viewer's display toggles.
func (o *options) addViewer() *options {
	o.fs.BoolVar(&o.wrap, "wrap", true, "wrap long console lines (w toggles)")
	o.fs.BoolVar(&o.lineNumbers, "line-numbers", false, "show line numbers (# toggles)")
	return o
}

// set reports whether the named flag was given on the command line.
func (o *options) set(name string) bool {
	f := o.fs.Lookup(name)
	return f != nil && f.Changed
}

// configFlags turns the parsed flags into config.Flags, leaving unset ones nil so the settings
// file and environment can supply them.
func (o *options) configFlags() config.Flags {
	f := config.Flags{
		Profile: o.profile, Region: o.region, Endpoint: o.endpoint,
		SettingsFile: o.configFile, TimestampZone: o.zone,
	}
	if o.set("vpc") {
		f.VPC = &o.vpc
	}
	if o.set("no-color") {
		f.NoColor = &o.noColor
	}
	if o.set("color") && !o.set("no-color") {
		// --color=never is --no-color; --color=always overrides NO_COLOR and the settings file.
		never := o.color == "never"
		if o.color != "auto" {
			f.NoColor = &never
		}
	}
	if o.set("readonly") {
		f.ReadOnly = &o.readOnly
	}
	if o.set("wrap") {
		f.Wrap = &o.wrap
	}
	if o.set("line-numbers") {
		f.LineNumbers = &o.lineNumbers
	}
	if o.set("follow-interval") {
		f.FollowInterval = &o.followInterval
	}
	return f
}
