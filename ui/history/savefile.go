package history

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// ExistsError is returned when a hand-off file already exists. bootlog never overwrites a file;
// the caller names another one.
type ExistsError struct {
	Path string
}

// Error names the file.
func (e *ExistsError) Error() string {
	return e.Path + " already exists; bootlog never overwrites a file, choose another name"
}

// Unwrap makes errors.Is(err, fs.ErrExist) true.
func (e *ExistsError) Unwrap() error { return fs.ErrExist }

// SaveFile writes data into dir under a name built from the instance name, the instance ID and
// the update time, such as "web-1_i-bp1abc_20261126-140322.log" (the time in lastUpdate's own
// zone; ECS reports UTC). Parts that are empty or zero are left out. Names are sanitised: no path
// separators, no leading dots or dashes, letters of any script kept. The file is created 0600
// with O_EXCL: when it exists, SaveFile returns an *ExistsError naming it and writes nothing. It
// returns the path written.
func SaveFile(dir, instanceName, instanceID string, lastUpdate time.Time, data []byte) (string, error) {
	var parts []string
	for _, p := range []string{instanceName, instanceID} {
		if s := sanitize(p); s != "" {
			parts = append(parts, s)
		}
	}
	if !lastUpdate.IsZero() {
		parts = append(parts, lastUpdate.Format("20060102-150405"))
	}
	if len(parts) == 0 {
		parts = []string{"bootlog"}
	}
	path := filepath.Join(dir, strings.Join(parts, "_")+".log")
	if err := WriteNew(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// WriteNew writes data to a new file at path with mode 0600 and never replaces an existing file
// (O_EXCL, which also refuses a symlink planted at path). When path exists it returns an
// *ExistsError; any other failure is the *fs.PathError, which names the path. A failed write
// removes the partial file, which is ours (O_EXCL), so nothing else is destroyed. Every file
// bootlog writes for the operator goes through here or CreateNew: a saved log, `get -o`, a
// screenshot (the TUI's and `screenshot -o`) and an incident bundle.
func WriteNew(path string, data []byte) error {
	return CreateNew(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// CreateNew is WriteNew for content written as it is produced: write gets the new file and
// writes it whole, so that `get -o` of a large log streams into the file instead of holding the
// rendered text in memory first. The rules are WriteNew's; when write fails, its error is
// returned and the partial file removed.
func CreateNew(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: path}
	}
	if err != nil {
		return err
	}
	werr := write(f)
	if err := errors.Join(werr, f.Close()); err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// StampedName is the stem of the name of a file bootlog suggests for one instance at one time:
// "bootlog-i-bp1abc-20261130T140305Z", the time in UTC so that the name reads the same in every
// zone. Characters other than ASCII letters, digits, '-', '_' and '.' in the ID become '_', and it
// is cut to 64 bytes, so that a hostile ID cannot name a path or pass a file system's name limit.
// The screenshot and the incident bundle add their extensions to it.
func StampedName(instanceID string, at time.Time) string {
	id := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, instanceID)
	// Real IDs are about 22 bytes.
	id = strings.TrimLeft(id[:min(len(id), 64)], ".")
	if id == "" {
		id = "instance"
	}
	return "bootlog-" + id + "-" + at.UTC().Format("20060102T150405Z")
}

// maxNamePart bounds each part of a file name in bytes, keeping whole names well under the
// 255-byte limit of common file systems.
const maxNamePart = 64

// sanitize turns an instance name or ID into a safe file-name part: letters and digits of any
// script, '.', '-' and '_' are kept, runs of anything else become one '-', and leading dots and
// dashes (hidden files, names that look like flags) and trailing ones are dropped. '_' is
// replaced too, because it separates the parts.
func sanitize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-'
		if !ok {
			if !dash {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		if b.Len()+len(string(r)) > maxNamePart {
			break
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	return strings.Trim(b.String(), ".-")
}
