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
	for _, k := range []string{"follow_interval", "wrap", "line_numbers", "theme", "no_color", "timestamp_zone", "readonly", "history", "history_max", "tmux_graphics"} {
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
	pickBool("tmux_graphics", "", nil, file.TmuxGraphics, &s.TmuxGraphics)

	// NO_COLOR (no-color.org) counts when set to anything non-empty.
	switch {
	case f.NoColor != nil:
		s.NoColor, src["no_color"] = *f.NoColor, "flag --no-color"
	case env("NO_COLOR") != "":
		s.NoColor, src["no_color"] = true, "env NO_COLOR"
	case file.NoColor != nil:
		s.NoColor, src["no_color"] = *file.NoColor, fromFile
	}

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
