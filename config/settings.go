package config

import (
	"fmt"
	"time"
)

// Follow intervals outside these bounds either hammer the API's rate limit or look broken.
const (
	minFollowInterval = time.Second
	maxFollowInterval = time.Hour
)

func validateFollowInterval(d time.Duration) error {
	if d < minFollowInterval || d > maxFollowInterval {
		return fmt.Errorf("follow interval %s out of range (%s to %s)", d, minFollowInterval, maxFollowInterval)
	}
	return nil
}

// ColorMode says when bootlog writes colour and other SGR styling.
type ColorMode string

// The colour modes of --color.
const (
	ColorAuto   ColorMode = "auto"   // only when the output is a terminal
	ColorAlways ColorMode = "always" // into pipes and files too: bootlog get ID --color=always | less -R
	ColorNever  ColorMode = "never"  // never, terminal or not
)

// ParseColorMode accepts auto, always and never.
func ParseColorMode(s string) (ColorMode, error) {
	switch m := ColorMode(s); m {
	case ColorAuto, ColorAlways, ColorNever:
		return m, nil
	}
	return "", fmt.Errorf("unknown colour mode %q (want auto, always or never)", s)
}

// colorUnless is the mode of a no_color setting: never when set, otherwise auto.
func colorUnless(noColor bool) ColorMode {
	if noColor {
		return ColorNever
	}
	return ColorAuto
}

func validateTheme(s string) error {
	switch s {
	case "auto", "dark", "light":
		return nil
	}
	return fmt.Errorf("unknown theme %q (want auto, dark or light)", s)
}

// resolveSettings layers flags over environment over the file over DefaultSettings, and records
// where each value came from under its settings-file key.
func resolveSettings(f Flags, env func(string) string, file fileSettings, filePath string) (Settings, map[string]Source, error) {
	s := DefaultSettings()
	src := map[string]Source{}
	for _, k := range []string{"follow_interval", "wrap", "line_numbers", "theme", "color", "no_color", "timestamp_zone", "readonly", "history", "history_max", "auto_scan", "tmux_graphics"} {
		src[k] = SourceDefault
	}
	fromFile := Source("file " + filePath)

	pickBool := func(key, flagName string, flag, fileVal *bool, dst *bool) {
		switch {
		case flag != nil:
			*dst, src[key] = *flag, Source("flag --"+flagName)
		case fileVal != nil:
			*dst, src[key] = *fileVal, fromFile
		}
	}
	pickBool("wrap", "wrap", f.Wrap, file.Wrap, &s.Wrap)
	pickBool("line_numbers", "line-numbers", f.LineNumbers, file.LineNumbers, &s.LineNumbers)
	pickBool("readonly", "readonly", f.ReadOnly, file.ReadOnly, &s.ReadOnly)
	pickBool("history", "history", nil, file.History, &s.HistoryEnabled)
	pickBool("auto_scan", "auto-scan", nil, file.AutoScan, &s.AutoScan)
	pickBool("tmux_graphics", "", nil, file.TmuxGraphics, &s.TmuxGraphics)

	// Colour follows gh: --color, then --no-color, then CLICOLOR_FORCE (anything but "0" forces
	// colour, over NO_COLOR too), then NO_COLOR (no-color.org: anything non-empty), then
	// CLICOLOR=0, then the file's no_color. NoColor is the same decision as a bool.
	switch {
	case f.Color != "":
		m, err := ParseColorMode(f.Color)
		if err != nil {
			return s, src, fmt.Errorf("--color: %w", err)
		}
		s.Color, src["color"] = m, "flag --color"
	case f.NoColor != nil:
		s.Color, src["color"] = colorUnless(*f.NoColor), "flag --no-color"
	case env("CLICOLOR_FORCE") != "" && env("CLICOLOR_FORCE") != "0":
		s.Color, src["color"] = ColorAlways, "env CLICOLOR_FORCE"
	case env("NO_COLOR") != "":
		s.Color, src["color"] = ColorNever, "env NO_COLOR"
	case env("CLICOLOR") == "0":
		s.Color, src["color"] = ColorNever, "env CLICOLOR"
	case file.NoColor != nil:
		s.Color, src["color"] = colorUnless(*file.NoColor), fromFile
	}
	s.NoColor, src["no_color"] = s.Color == ColorNever, src["color"]

	switch {
	case f.FollowInterval != nil:
		if err := validateFollowInterval(*f.FollowInterval); err != nil {
			return s, src, fmt.Errorf("--follow-interval: %w", err)
		}
		s.FollowInterval, src["follow_interval"] = *f.FollowInterval, "flag --follow-interval"
	case file.FollowInterval != nil:
		s.FollowInterval, src["follow_interval"] = *file.FollowInterval, fromFile
	}

	switch {
	case f.Theme != "":
		if err := validateTheme(f.Theme); err != nil {
			return s, src, fmt.Errorf("--theme: %w", err)
		}
		s.Theme, src["theme"] = f.Theme, "flag --theme"
	case file.Theme != nil:
		s.Theme, src["theme"] = *file.Theme, fromFile
	}

	switch {
	case f.TimestampZone != "":
		loc, err := ParseZone(f.TimestampZone)
		if err != nil {
			return s, src, fmt.Errorf("--timestamp-zone: %w", err)
		}
		s.TimestampZone, src["timestamp_zone"] = loc, "flag --timestamp-zone"
	case file.TimestampZone != nil:
		s.TimestampZone, src["timestamp_zone"] = file.TimestampZone, fromFile
	}

	if file.HistoryMax != nil {
		s.HistoryMax, src["history_max"] = *file.HistoryMax, fromFile
	}
	return s, src, nil
}
