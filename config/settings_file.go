package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// DefaultSettingsPath is where bootlog looks for its settings file: $XDG_CONFIG_HOME/bootlog/config.toml
// when XDG_CONFIG_HOME is an absolute path, else the platform's user config directory (the same
// answer as os.UserConfigDir, computed from env and home so tests never see the real one).
func DefaultSettingsPath(env func(string) string, home string) string {
	return configDir.file(env, home, "config.toml")
}

// SettingsError is a problem with one key of the settings file: the file, the 1-based line (0 when
// unknown) and the key, so the operator can go straight to it.
type SettingsError struct {
	File string
	Line int
	Key  string
	Msg  string
}

// Error formats the problem as "FILE:LINE: key "KEY": MSG", the shape editors jump to.
func (e *SettingsError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// fileSettings holds what the settings file set; nil means the key was absent.
type fileSettings struct {
	Region         *string
	Profile        *string
	FollowInterval *time.Duration
	Wrap           *bool
	LineNumbers    *bool
	Theme          *string
	TimestampZone  *time.Location
	ReadOnly       *bool
	History        *bool
	HistoryMax     *int
	NoColor        *bool
	Endpoint       *string
	VPC            *bool
	AutoScan       *bool
	TmuxGraphics   *bool
}

// settingKeys decode one key each; every key of the file must be one of these.
var settingKeys = map[string]func(fs *fileSettings, v any) error{
	"region": func(fs *fileSettings, v any) error {
		s, err := asString(v)
		if err == nil {
			err = validateRegion(s)
		}
		fs.Region = &s
		return err
	},
	"profile": func(fs *fileSettings, v any) error {
		s, err := asString(v)
		if err == nil && strings.TrimSpace(s) == "" {
			err = errors.New("must not be empty")
		}
		fs.Profile = &s
		return err
	},
	"endpoint": func(fs *fileSettings, v any) error {
		s, err := asString(v)
		if err == nil {
			err = validateEndpoint(s)
		}
		fs.Endpoint = &s
		return err
	},
	"vpc": boolKey(func(fs *fileSettings) **bool { return &fs.VPC }),
	"follow_interval": func(fs *fileSettings, v any) error {
		var d time.Duration
		switch x := v.(type) {
		case string:
			var err error
			if d, err = time.ParseDuration(x); err != nil {
				return fmt.Errorf("not a duration (want e.g. \"10s\" or \"1m\"): %q", x)
			}
		case int64:
			d = time.Duration(x) * time.Second
		default:
			return fmt.Errorf("want a duration string such as \"10s\", got %s", tomlType(v))
		}
		if err := validateFollowInterval(d); err != nil {
			return err
		}
		fs.FollowInterval = &d
		return nil
	},
	"wrap":          boolKey(func(fs *fileSettings) **bool { return &fs.Wrap }),
	"line_numbers":  boolKey(func(fs *fileSettings) **bool { return &fs.LineNumbers }),
	"readonly":      boolKey(func(fs *fileSettings) **bool { return &fs.ReadOnly }),
	"history":       boolKey(func(fs *fileSettings) **bool { return &fs.History }),
	"no_color":      boolKey(func(fs *fileSettings) **bool { return &fs.NoColor }),
	"auto_scan":     boolKey(func(fs *fileSettings) **bool { return &fs.AutoScan }),
	"tmux_graphics": boolKey(func(fs *fileSettings) **bool { return &fs.TmuxGraphics }),
	"theme": func(fs *fileSettings, v any) error {
		s, err := asString(v)
		if err != nil {
			return err
		}
		if err := validateTheme(s); err != nil {
			return err
		}
		fs.Theme = &s
		return nil
	},
	"timestamp_zone": func(fs *fileSettings, v any) error {
		s, err := asString(v)
		if err != nil {
			return err
		}
		loc, err := ParseZone(s)
		if err != nil {
			return err
		}
		fs.TimestampZone = loc
		return nil
	},
	"history_max": func(fs *fileSettings, v any) error {
		n, ok := v.(int64)
		if !ok {
			return fmt.Errorf("want an integer, got %s", tomlType(v))
		}
		if n < 1 || n > maxHistory {
			return fmt.Errorf("must be between 1 and %d, got %d", maxHistory, n)
		}
		i := int(n)
		fs.HistoryMax = &i
		return nil
	},
}

// maxHistory bounds history_max: each capture can be hundreds of kilobytes.
const maxHistory = 1000

func boolKey(field func(*fileSettings) **bool) func(*fileSettings, any) error {
	return func(fs *fileSettings, v any) error {
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("want true or false, got %s", tomlType(v))
		}
		*field(fs) = &b
		return nil
	}
}

func asString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("want a string, got %s", tomlType(v))
	}
	return s, nil
}

// tomlType names a decoded TOML value the way the operator wrote it.
func tomlType(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %v", x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return fmt.Sprintf("float %v", x)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// readSettingsFile decodes path. A missing file is not an error unless the operator named it
// explicitly (a typo in --config should not silently fall back to defaults).
func readSettingsFile(path string, explicit bool) (fileSettings, bool, error) {
	var out fileSettings
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return out, false, nil
		}
		return out, false, fmt.Errorf("read settings file: %w", err)
	}
	raw := map[string]any{}
	_, err = toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return out, true, &SettingsError{File: path, Line: pe.Position.Line, Key: pe.LastKey, Msg: "invalid TOML: " + pe.Message}
		}
		return out, true, &SettingsError{File: path, Msg: "invalid TOML: " + err.Error()}
	}
	lines := strings.Split(string(data), "\n")
	// Walk the decoded top level rather than md.Keys(): a dotted key ("ui.wrap = 1") creates an
	// implicit table that Keys() does not list on its own. Report in file order.
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := keyLine(lines, names[i]), keyLine(lines, names[j])
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	var errs []error
	for _, name := range names {
		decode, ok := settingKeys[name]
		if !ok {
			errs = append(errs, &SettingsError{File: path, Line: keyLine(lines, name), Key: name,
				Msg: "unknown key (known keys: " + strings.Join(knownKeys(), ", ") + ")"})
			continue
		}
		if err := decode(&out, raw[name]); err != nil {
			errs = append(errs, &SettingsError{File: path, Line: keyLine(lines, name), Key: name, Msg: err.Error()})
		}
	}
	return out, true, errors.Join(errs...)
}

func knownKeys() []string {
	keys := make([]string, 0, len(settingKeys))
	for k := range settingKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keyLine finds the 1-based line that defines the top-level key, or 0. The TOML decoder keeps key
// positions private, and the settings file is flat, so a line scan is exact for every file the
// decoder accepted: `key = ...`, `"key" = ...`, `key.sub = ...` or a `[key]` table header.
func keyLine(lines []string, key string) int {
	q := regexp.QuoteMeta(key)
	re := regexp.MustCompile(`^\s*(?:\[\[?\s*)?(?:` + q + `|"` + q + `"|'` + q + `')\s*[=.\]]`)
	for i, l := range lines {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}
