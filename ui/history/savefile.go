package history

import (
	"errors"
	"fmt"
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
// *ExistsError. A failed write removes the partial file. This is what `get -o FILE` and
// `screenshot -o FILE` need as well.
func WriteNew(path string, data []byte) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: path}
	}
	if err != nil {
		return fmt.Errorf("save log: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(path)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("save log: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("save log: %w", err)
	}
	return nil
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
