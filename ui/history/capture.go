package history

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Capture describes one stored console output.
type Capture struct {
	Region     string
	InstanceID string
	// LastUpdate is the LastUpdateTime ECS reported for the output (zero if unknown).
	LastUpdate time.Time
	// Fetched is when bootlog stored it.
	Fetched time.Time
	// Size is the length of the output in bytes.
	Size int64
	// Hash is the hex SHA-256 prefix of the output, used to recognise identical fetches.
	Hash string
	// Path is the file holding the output.
	Path string
	// Health is the verdict on the output when it was saved ("ok", "critical", ... as the
	// findings package words it), or "" when it was not judged. It lets a reader find the last
	// good boot without reading every capture.
	Health string
}

// File names are FETCHED_LASTUPDATE_HASH.log, or FETCHED_LASTUPDATE_HASH_HEALTH.log for a capture
// saved with its health, with UTC times at nanosecond precision, so that the directory listing
// alone describes every capture and sorts by fetch time. A zero LastUpdate is written as "0".
const (
	timeLayout = "20060102T150405.000000000Z"
	captureExt = ".log"
	// hashLen hex digits (128 bits) make an accidental collision, which would drop a capture
	// as a duplicate, practically impossible.
	hashLen = 32
)

// maxHealthLen bounds the health word in a file name.
const maxHealthLen = 16

// validHealth reports whether h can be kept in a file name: "" or a short lower-case word.
func validHealth(h string) bool {
	if len(h) > maxHealthLen {
		return false
	}
	for _, c := range h {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// fileName returns the file name for a capture; health is "" or a valid health word.
func fileName(fetched, lastUpdate time.Time, hash, health string) string {
	lu := "0"
	if !lastUpdate.IsZero() {
		lu = lastUpdate.UTC().Format(timeLayout)
	}
	if health != "" {
		hash += "_" + health
	}
	return fetched.UTC().Format(timeLayout) + "_" + lu + "_" + hash + captureExt
}

// parseFileName is the inverse of fileName. Other files (temporary files, files a user dropped
// there) do not parse and are ignored.
func parseFileName(name string) (fetched, lastUpdate time.Time, hash, health string, err error) {
	base, ok := strings.CutSuffix(name, captureExt)
	if !ok {
		return fetched, lastUpdate, "", "", fmt.Errorf("%q: not a capture file", name)
	}
	parts := strings.Split(base, "_")
	if len(parts) == 4 && parts[3] != "" && validHealth(parts[3]) {
		health = parts[3]
		parts = parts[:3]
	}
	if len(parts) != 3 || len(parts[2]) != hashLen {
		return fetched, lastUpdate, "", "", fmt.Errorf("%q: not a capture file", name)
	}
	if fetched, err = time.Parse(timeLayout, parts[0]); err != nil {
		return fetched, lastUpdate, "", "", fmt.Errorf("%q: %w", name, err)
	}
	if parts[1] != "0" {
		if lastUpdate, err = time.Parse(timeLayout, parts[1]); err != nil {
			return fetched, lastUpdate, "", "", fmt.Errorf("%q: %w", name, err)
		}
	}
	for _, c := range parts[2] {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return fetched, lastUpdate, "", "", fmt.Errorf("%q: not a capture file", name)
		}
	}
	return fetched, lastUpdate, parts[2], health, nil
}

// validComponent reports whether s can be used as one directory name: a region or instance ID.
// IDs from the API always pass; anything with a separator or dots that could climb out of the
// store is refused.
func validComponent(s string) bool {
	if s == "" || s == "." || s == ".." || len(s) > 128 {
		return false
	}
	for _, c := range s {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return filepath.Base(s) == s
}
