package history

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Default bounds, used when Open is given zero or negative values.
const (
	// DefaultMaxPerInstance is how many captures are kept per instance by default.
	DefaultMaxPerInstance = 20
	// DefaultMaxBytesPerInstance is how many bytes of captures are kept per instance by
	// default: 32 MiB, hundreds of typical boot logs, so the count bound usually applies first.
	DefaultMaxBytesPerInstance = 32 << 20
)

// Store keeps captures under a root directory. It is safe for concurrent use within a process;
// between processes, atomic renames keep every file whole, and pruning tolerates files that
// vanish under it.
type Store struct {
	dir      string
	maxCount int
	maxBytes int64
	// now is the clock; tests replace it.
	now func() time.Time
	mu  sync.Mutex
}

// Open returns a Store rooted at dir, creating dir (0700) if needed. maxPerInstance bounds how
// many captures are kept per instance and maxBytesPerInstance how many bytes; values of zero or
// less select DefaultMaxPerInstance and DefaultMaxBytesPerInstance, so a store is always bounded.
func Open(dir string, maxPerInstance int, maxBytesPerInstance int64) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open history: no directory")
	}
	if maxPerInstance <= 0 {
		maxPerInstance = DefaultMaxPerInstance
	}
	if maxBytesPerInstance <= 0 {
		maxBytesPerInstance = DefaultMaxBytesPerInstance
	}
	if err := mkdirPrivate(dir); err != nil {
		return nil, fmt.Errorf("open history: %w", err)
	}
	return &Store{dir: dir, maxCount: maxPerInstance, maxBytes: maxBytesPerInstance, now: time.Now}, nil
}

// Dir returns the root directory.
func (s *Store) Dir() string { return s.dir }

// DefaultDir returns where captures live by default: $XDG_STATE_HOME/bootlog/history when
// XDG_STATE_HOME is an absolute path, and otherwise the platform's equivalent: ~/.local/state
// on Linux and the BSDs (the XDG default for state), %LocalAppData% on Windows and
// ~/Library/Caches on macOS (what os.UserCacheDir uses there). env is os.Getenv in production,
// and home the user's home directory. It returns "" when no location can be derived, which the
// caller should treat as "history off".
//
// Why state rather than cache: a cache can be rebuilt, and these captures cannot; ECS has already
// discarded them.
func DefaultDir(env func(string) string, home string) string {
	if x := env("XDG_STATE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "bootlog", "history")
	}
	switch runtime.GOOS {
	case "windows":
		if x := env("LocalAppData"); x != "" {
			return filepath.Join(x, "bootlog", "history")
		}
		return ""
	case "darwin", "ios":
		if home == "" {
			return ""
		}
		return filepath.Join(home, "Library", "Caches", "bootlog", "history")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "state", "bootlog", "history")
}

// instanceDir returns the directory for one instance after checking that region and instance ID
// are plain names.
func (s *Store) instanceDir(region, instanceID string) (string, error) {
	if !validComponent(region) {
		return "", fmt.Errorf("history: invalid region %q", region)
	}
	if !validComponent(instanceID) {
		return "", fmt.Errorf("history: invalid instance ID %q", instanceID)
	}
	return filepath.Join(s.dir, region, instanceID), nil
}

// Save stores data as the newest capture of an instance. It reports false, and returns the
// existing capture, when data is identical to the newest capture already stored: polling an
// instance that has not rebooted must not fill the history with copies. The file appears
// atomically (written to a temporary file, synced, renamed), and captures beyond the store's
// bounds are then removed oldest first. The newest capture is always kept, even when it alone
// exceeds the byte bound.
func (s *Store) Save(region, instanceID string, lastUpdate time.Time, data []byte) (Capture, bool, error) {
	return s.SaveHealth(region, instanceID, lastUpdate, data, "")
}

// SaveHealth is Save for an output whose health is known: health ("ok", "critical", ... a
// lower-case word of at most 16 letters, or "" for none) is kept with the capture, so that List
// tells the last good boot apart without reading any capture. An identical newest capture is
// kept as it is, health included.
func (s *Store) SaveHealth(region, instanceID string, lastUpdate time.Time, data []byte, health string) (Capture, bool, error) {
	if !validHealth(health) {
		return Capture{}, false, fmt.Errorf("save capture: invalid health %q", health)
	}
	dir, err := s.instanceDir(region, instanceID)
	if err != nil {
		return Capture{}, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])[:hashLen]
	existing, err := s.list(region, instanceID, dir)
	if err != nil {
		return Capture{}, false, err
	}
	fetched := s.now().UTC()
	if len(existing) > 0 {
		newest := existing[0]
		if newest.Hash == hash && newest.Size == int64(len(data)) {
			return newest, false, nil
		}
		// Keep fetch times strictly increasing, so that List's order is the save order even
		// with a coarse clock or a clock that stepped back.
		if !fetched.After(newest.Fetched) {
			fetched = newest.Fetched.Add(time.Nanosecond)
		}
	}
	if err := mkdirOwned(filepath.Join(s.dir, region)); err != nil {
		return Capture{}, false, fmt.Errorf("save capture: %w", err)
	}
	if err := mkdirOwned(dir); err != nil {
		return Capture{}, false, fmt.Errorf("save capture: %w", err)
	}
	path := filepath.Join(dir, fileName(fetched, lastUpdate, hash, health))
	if err := writeAtomic(dir, path, data); err != nil {
		return Capture{}, false, fmt.Errorf("save capture: %w", err)
	}
	c := Capture{
		Region:     region,
		InstanceID: instanceID,
		Fetched:    fetched,
		Size:       int64(len(data)),
		Hash:       hash,
		Path:       path,
		Health:     health,
	}
	if !lastUpdate.IsZero() {
		// The file name keeps UTC only; return what List will return.
		c.LastUpdate = lastUpdate.UTC()
	}
	if err := s.prune(region, instanceID, dir); err != nil {
		return c, true, fmt.Errorf("prune history: %w", err)
	}
	return c, true, nil
}

// List returns the captures of an instance, newest first. An instance without captures gives an
// empty list and no error.
func (s *Store) List(region, instanceID string) ([]Capture, error) {
	dir, err := s.instanceDir(region, instanceID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.list(region, instanceID, dir)
}

func (s *Store) list(region, instanceID, dir string) ([]Capture, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list history: %w", err)
	}
	var out []Capture
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		fetched, lu, hash, health, err := parseFileName(e.Name())
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			// Removed since ReadDir, by pruning in another process.
			continue
		}
		out = append(out, Capture{
			Region: region, InstanceID: instanceID, LastUpdate: lu, Fetched: fetched,
			Size: info.Size(), Hash: hash, Path: filepath.Join(dir, e.Name()), Health: health,
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Fetched.Equal(out[j].Fetched) {
			return out[i].Fetched.After(out[j].Fetched)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// Load reads a capture's output. It refuses a Path outside the store, so a Capture built by hand
// cannot be used to read arbitrary files.
func (s *Store) Load(c Capture) ([]byte, error) {
	rel, err := filepath.Rel(s.dir, c.Path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return nil, fmt.Errorf("load capture: %s is not in the history directory %s", c.Path, s.dir)
	}
	b, err := os.ReadFile(c.Path)
	if err != nil {
		return nil, fmt.Errorf("load capture: %w", err)
	}
	return b, nil
}

// prune removes captures beyond the count and byte bounds, oldest first, always keeping the
// newest.
func (s *Store) prune(region, instanceID, dir string) error {
	cs, err := s.list(region, instanceID, dir)
	if err != nil {
		return err
	}
	var total int64
	var errs []error
	for i, c := range cs {
		total += c.Size
		if i == 0 || (i < s.maxCount && total <= s.maxBytes) {
			continue
		}
		if err := os.Remove(c.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// mkdirPrivate creates dir (and missing parents) with mode 0700. An existing directory keeps its
// mode: the root may be the user's own choice of location.
func mkdirPrivate(dir string) error {
	return os.MkdirAll(dir, 0o700)
}

// mkdirOwned creates one of the store's own directories (region, instance) and forces its mode
// to 0700, which MkdirAll alone does not guarantee under an unusual umask.
func mkdirOwned(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// writeAtomic writes data to path through a temporary file in dir, so that a reader (or a crash)
// never sees a partial capture.
func writeAtomic(dir, path string, data []byte) (err error) {
	// CreateTemp creates the file with mode 0600. The leading dot and the suffix keep it out of
	// List even if a crash leaves it behind.
	f, err := os.CreateTemp(dir, ".tmp-*.part")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
