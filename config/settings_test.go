package config

import (
	"errors"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDefaultSettingsPath(t *testing.T) {
	if got := DefaultSettingsPath(mapEnv(map[string]string{"XDG_CONFIG_HOME": "/xdg"}), "/home/u"); got != filepath.Join("/xdg", "bootlog", "config.toml") {
		t.Errorf("XDG: %s", got)
	}
	// A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
	got := DefaultSettingsPath(mapEnv(map[string]string{"XDG_CONFIG_HOME": "rel"}), "/home/u")
	if runtime.GOOS == "linux" && got != "/home/u/.config/bootlog/config.toml" {
		t.Errorf("fallback: %s", got)
	}
	if !strings.HasSuffix(got, filepath.Join("bootlog", "config.toml")) {
		t.Errorf("fallback: %s", got)
	}
}

func TestSettingsDefaults(t *testing.T) {
	home := t.TempDir()
	cfg, err := Load(Flags{}, mapEnv(nil), home)
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Settings
	_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).In(s.TimestampZone).Zone()
	if s.FollowInterval != 10*time.Second || !s.Wrap || s.LineNumbers || s.Theme != "auto" || s.NoColor ||
		s.ReadOnly || !s.HistoryEnabled || s.HistoryMax != 20 || off != 8*3600 || s.TimestampZone.String() != "UTC+8" || s.AutoScan {
		t.Errorf("defaults: %+v zone %s", s, s.TimestampZone)
	}
	if cfg.SettingsFileFound || cfg.SettingsFile != DefaultSettingsPath(mapEnv(nil), home) {
		t.Errorf("settings file %q found %v", cfg.SettingsFile, cfg.SettingsFileFound)
	}
}

const fullSettings = `# bootlog settings
region = "cn-shanghai"
follow_interval = "30s"
wrap = false
line_numbers = true
theme = "light"
timestamp_zone = "Asia/Tokyo"
readonly = true
history = false
history_max = 5
no_color = true
auto_scan = true
tmux_graphics = true
`

func TestSettingsPrecedence(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, "custom.toml")
	writeFile(t, path, fullSettings)

	// File beats defaults.
	cfg, err := Load(Flags{SettingsFile: path}, mapEnv(nil), home)
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Settings
	if s.FollowInterval != 30*time.Second || s.Wrap || !s.LineNumbers || s.Theme != "light" || !s.NoColor ||
		!s.ReadOnly || s.HistoryEnabled || s.HistoryMax != 5 || s.TimestampZone.String() != "Asia/Tokyo" || !s.AutoScan || !s.TmuxGraphics {
		t.Errorf("file: %+v", s)
	}
	if cfg.Region != "cn-shanghai" || !cfg.SettingsFileFound {
		t.Errorf("file region %q found %v", cfg.Region, cfg.SettingsFileFound)
	}
	for k, src := range cfg.settingSources {
		if src != Source("file "+path) {
			t.Errorf("%s from %q", k, src)
		}
	}

	// Flags beat the file.
	d := 5 * time.Second
	cfg, err = Load(Flags{SettingsFile: path, Wrap: boolp(true), LineNumbers: boolp(false), ReadOnly: boolp(false),
		NoColor: boolp(false), FollowInterval: &d, Theme: "dark", TimestampZone: "+02:00"}, mapEnv(map[string]string{"NO_COLOR": "1"}), home)
	if err != nil {
		t.Fatal(err)
	}
	s = cfg.Settings
	if s.FollowInterval != d || !s.Wrap || s.LineNumbers || s.Theme != "dark" || s.NoColor || s.ReadOnly || s.TimestampZone.String() != "UTC+2" {
		t.Errorf("flags: %+v", s)
	}
	if cfg.settingSources["theme"] != "flag --theme" || cfg.settingSources["no_color"] != "flag --no-color" {
		t.Errorf("sources: %v", cfg.settingSources)
	}

	// Environment beats the file: NO_COLOR over no_color = false.
	writeFile(t, path, "no_color = false\n")
	cfg, err = Load(Flags{SettingsFile: path}, mapEnv(map[string]string{"NO_COLOR": "1"}), home)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Settings.NoColor || cfg.settingSources["no_color"] != "env NO_COLOR" {
		t.Errorf("NO_COLOR: %v from %q", cfg.Settings.NoColor, cfg.settingSources["no_color"])
	}

	// The default path under XDG_CONFIG_HOME is read too.
	xdg := filepath.Join(home, "xdg")
	writeFile(t, filepath.Join(xdg, "bootlog", "config.toml"), "theme = \"dark\"\nfollow_interval = 60\n")
	cfg, err = Load(Flags{}, mapEnv(map[string]string{"XDG_CONFIG_HOME": xdg}), home)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Settings.Theme != "dark" || cfg.Settings.FollowInterval != time.Minute {
		t.Errorf("XDG file: %+v", cfg.Settings)
	}
}

func TestSettingsFileErrors(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		line     int
		key      string
		contains string
	}{
		{"unknown key", "theme = \"dark\"\n\ncolour = true\n", 3, "colour", "unknown key"},
		{"unknown table", "wrap = true\n[ui]\nwrap = false\n", 2, "ui", "unknown key"},
		{"dotted key", "wrap = true\n  ui.wrap = false\n", 2, "ui", "unknown key"},
		{"quoted key", "\"line_numbers\" = \"yes\"\n", 1, "line_numbers", "want true or false"},
		{"bad bool", "wrap = true\nreadonly = \"no\"\n", 2, "readonly", "want true or false"},
		{"bad theme", "theme = \"solarized\"\n", 1, "theme", "unknown theme"},
		{"bad duration", "follow_interval = \"soon\"\n", 1, "follow_interval", "not a duration"},
		{"too fast", "follow_interval = \"100ms\"\n", 1, "follow_interval", "out of range"},
		{"bad zone", "timestamp_zone = \"Mars/Base\"\n", 1, "timestamp_zone", "unknown time zone"},
		{"bad history_max", "history_max = 0\n", 1, "history_max", "between 1 and"},
		{"history_max type", "history_max = \"ten\"\n", 1, "history_max", "want an integer"},
		{"bad region", "region = \"cn hangzhou\"\n", 1, "region", "invalid region"},
		{"bad endpoint", "endpoint = \"ftp://x\"\n", 1, "endpoint", "scheme"},
		{"empty profile", "profile = \"\"\n", 1, "profile", "must not be empty"},
		{"syntax error", "wrap = true\ntheme = \"dark\n", 2, "", "invalid TOML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			path := filepath.Join(home, "bad.toml")
			writeFile(t, path, tt.content)
			_, err := Load(Flags{SettingsFile: path}, mapEnv(nil), home)
			var se *SettingsError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SettingsError", err)
			}
			if se.File != path || se.Line != tt.line || (tt.key != "" && se.Key != tt.key) || !strings.Contains(se.Msg, tt.contains) {
				t.Errorf("got %+v, want line %d key %q msg ~%q", *se, tt.line, tt.key, tt.contains)
			}
			prefix := path + ":" + strconv.Itoa(tt.line) + ": "
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("message %q does not start with %q", err.Error(), prefix)
			}
		})
	}
	t.Run("every bad key is reported", func(t *testing.T) {
		home := t.TempDir()
		path := filepath.Join(home, "bad.toml")
		writeFile(t, path, "a = 1\nwrap = 2\n")
		_, err := Load(Flags{SettingsFile: path}, mapEnv(nil), home)
		if err == nil || !strings.Contains(err.Error(), `:1: key "a"`) || !strings.Contains(err.Error(), `:2: key "wrap"`) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("explicit missing file", func(t *testing.T) {
		home := t.TempDir()
		if _, err := Load(Flags{SettingsFile: filepath.Join(home, "nope.toml")}, mapEnv(nil), home); err == nil || !strings.Contains(err.Error(), "nope.toml") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("bad flags", func(t *testing.T) {
		home := t.TempDir()
		d := time.Millisecond
		for name, f := range map[string]Flags{
			"--follow-interval": {FollowInterval: &d},
			"--theme":           {Theme: "neon"},
			"--timestamp-zone":  {TimestampZone: "nowhere"},
		} {
			if _, err := Load(f, mapEnv(nil), home); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

func TestColorPrecedence(t *testing.T) {
	cases := []struct {
		name     string
		flags    Flags
		env      map[string]string
		file     string
		want     ColorMode
		wantFrom Source
	}{
		{"default", Flags{}, nil, "", ColorAuto, SourceDefault},
		{"--color=always beats NO_COLOR", Flags{Color: "always"}, map[string]string{"NO_COLOR": "1"}, "", ColorAlways, "flag --color"},
		{"--color=never beats CLICOLOR_FORCE", Flags{Color: "never"}, map[string]string{"CLICOLOR_FORCE": "1"}, "", ColorNever, "flag --color"},
		{"--no-color", Flags{NoColor: boolp(true)}, map[string]string{"CLICOLOR_FORCE": "1"}, "", ColorNever, "flag --no-color"},
		{"CLICOLOR_FORCE beats NO_COLOR, as in gh", Flags{}, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, "", ColorAlways, "env CLICOLOR_FORCE"},
		{"CLICOLOR_FORCE=0 forces nothing", Flags{}, map[string]string{"CLICOLOR_FORCE": "0"}, "", ColorAuto, SourceDefault},
		{"NO_COLOR", Flags{}, map[string]string{"NO_COLOR": "yes"}, "no_color = false\n", ColorNever, "env NO_COLOR"},
		{"CLICOLOR=0", Flags{}, map[string]string{"CLICOLOR": "0"}, "", ColorNever, "env CLICOLOR"},
		{"file no_color", Flags{}, nil, "no_color = true\n", ColorNever, "file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			path := filepath.Join(home, "config.toml")
			// An explicit --settings file must exist; an empty one sets nothing.
			writeFile(t, path, tc.file)
			tc.flags.SettingsFile = path
			cfg, err := Load(tc.flags, mapEnv(tc.env), home)
			if err != nil {
				t.Fatal(err)
			}
			s := cfg.Settings
			if s.Color != tc.want || s.NoColor != (tc.want == ColorNever) {
				t.Errorf("Color %q NoColor %v, want %q", s.Color, s.NoColor, tc.want)
			}
			if from := cfg.settingSources["color"]; !strings.HasPrefix(string(from), string(tc.wantFrom)) || cfg.settingSources["no_color"] != from {
				t.Errorf("from %q (no_color from %q), want %q", from, cfg.settingSources["no_color"], tc.wantFrom)
			}
		})
	}
	if _, err := Load(Flags{Color: "sometimes"}, mapEnv(nil), t.TempDir()); err == nil || !strings.Contains(err.Error(), `--color: unknown colour mode "sometimes" (want auto, always or never)`) {
		t.Errorf("bad --color: %v", err)
	}
}
