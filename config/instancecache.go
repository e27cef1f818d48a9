package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The instance cache keeps the last listing of each profile and region on disk so that shell
// completion can offer instance IDs and names without a network call. It is a convenience: a
// missing, unreadable or corrupt cache only means no suggestions.

// CachedInstance is one instance of a cached listing.
type CachedInstance struct {
	Profile string `json:"profile,omitempty"`
	Region  string `json:"region"`
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
}

// DemoCacheProfile is the profile name `--demo` listings are cached under, so the demo fleet is
// never offered for a real account (completion asks for it only with --demo on the line).
const DemoCacheProfile = "bootlog-demo"

// Bounds of the cache: a listing of many thousands of instances is cut rather than growing the
// file (and every completion that reads it) without limit.
const (
	maxCachedInstances = 20000
	maxCacheBytes      = 8 << 20
	maxCachedNameBytes = 128
)

// instanceCacheFile is the file's JSON form; Version lets a later format be told apart.
type instanceCacheFile struct {
	Version   int              `json:"version"`
	Saved     time.Time        `json:"saved"`
	Instances []CachedInstance `json:"instances"`
}

// InstanceCachePath is where the instance cache lives: $XDG_CACHE_HOME/bootlog/instances.json when
// XDG_CACHE_HOME is absolute, else the platform's user cache directory (the same answer as
// os.UserCacheDir, computed from env and home so tests never see the real one).
func InstanceCachePath(env func(string) string, home string) string {
	return cacheDir.file(env, home, "instances.json")
}

// SaveInstanceCache records a listing made with profile: it replaces the cached instances of that
// profile in regions (all of the profile's regions when regions is nil, as after --all-regions),
// keeps every other profile's and region's, and writes the file owner-only (0600, directory 0700)
// through a temporary file and a rename, so a reader never sees half a file. Entries are
// sanitised (an ID or region that is not a plain identifier is dropped, a name loses control and
// bidi characters and is cut to 128 bytes) and the whole cache is cut to 20,000 instances, newest
// listing first.
func SaveInstanceCache(path, profile string, regions []string, instances []CachedInstance) error {
	old, err := LoadInstanceCache(path)
	if err != nil {
		old = nil // a corrupt cache is replaced, not kept
	}
	profile = cleanName(profile)
	replaced := func(c CachedInstance) bool {
		return c.Profile == profile && (regions == nil || slices.Contains(regions, c.Region))
	}
	merged := make([]CachedInstance, 0, len(instances)+len(old))
	for _, in := range instances {
		in.Profile = profile
		if c, ok := cleanCached(in); ok {
			merged = append(merged, c)
		}
	}
	for _, c := range old {
		if !replaced(c) {
			merged = append(merged, c)
		}
	}
	if len(merged) > maxCachedInstances {
		merged = merged[:maxCachedInstances]
	}
	data, err := json.Marshal(instanceCacheFile{Version: 1, Saved: time.Now().UTC(), Instances: merged})
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// LoadInstanceCache reads the cache; a missing file is an empty cache. It reads at most 8 MiB and
// sanitises every entry again, since the file could have been edited by hand.
func LoadInstanceCache(path string) ([]CachedInstance, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCacheBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxCacheBytes {
		return nil, fmt.Errorf("instance cache %s is larger than %d MiB", path, maxCacheBytes>>20)
	}
	var file instanceCacheFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("instance cache %s is not valid: %w", path, err)
	}
	out := make([]CachedInstance, 0, min(len(file.Instances), maxCachedInstances))
	for _, c := range file.Instances {
		if len(out) == maxCachedInstances {
			break
		}
		if c, ok := cleanCached(c); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// cachedIDPattern is what an instance ID looks like (i-bp1abc..., or an emulator's test IDs); the
// shells' completion scripts get nothing else.
var cachedIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// cleanCached sanitises one entry, reporting false when it is unusable.
func cleanCached(c CachedInstance) (CachedInstance, bool) {
	if !cachedIDPattern.MatchString(c.ID) || (c.Region != "" && validateRegion(c.Region) != nil) {
		return CachedInstance{}, false
	}
	c.Name, c.Profile = cleanName(c.Name), cleanName(c.Profile)
	return c, true
}

// cleanName keeps a name fit for a completion menu: valid UTF-8, no control, format (bidi) or
// line-separator characters, which would break the shells' "value<TAB>description" protocol or
// reach the terminal, and at most 128 bytes, cut on a character boundary.
func cleanName(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			return -1
		}
		return r
	}, s)
	if len(s) > maxCachedNameBytes {
		cut := maxCachedNameBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// writeFileAtomic writes data to path, owner-only, by renaming a temporary file over it.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".instances-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
