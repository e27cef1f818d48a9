package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// LoadFixtures reads a fixture file. The file is JSON, decoded strictly (an unknown field is an
// error, so a misspelt "consol" does not silently mean "no console"), with one extension: `//`
// comments to the end of a line, so that an example file can explain itself. A relative
// console.file is resolved against the fixture file's directory and must be readable. Every error
// names the file and either a line and column (syntax, unknown field, wrong type) or the field
// path (instances[3].status).
func LoadFixtures(path string) (*Fixtures, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	src := stripLineComments(raw)
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var f Fixtures
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("fixtures %s:%s: %w", path, position(src, decodeOffset(err, dec, src)), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("fixtures %s:%s: data after the top-level object", path, position(src, dec.InputOffset()))
	}
	dir := filepath.Dir(path)
	var errs []error
	for i := range f.Instances {
		c := f.Instances[i].Console
		if c == nil || c.File == "" {
			continue
		}
		if !filepath.IsAbs(c.File) {
			c.File = filepath.Join(dir, c.File)
		}
		if _, err := readConsoleFile(c.File); err != nil {
			errs = append(errs, fmt.Errorf("instances[%d].console.file: %w", i, err))
		}
	}
	if err := errors.Join(f.Validate(), errors.Join(errs...)); err != nil {
		return nil, fmt.Errorf("fixtures %s:\n%w", path, err)
	}
	return &f, nil
}

// decodeOffset is the byte offset a decoding error refers to: the error's own offset when it
// has one, the key's position for an unknown field, else how far the decoder got.
func decodeOffset(err error, dec *json.Decoder, src []byte) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Offset
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Offset
	}
	// encoding/json reports an unknown field only by name, after reading the whole value; point
	// at the first place the name is used as a key instead.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		re := regexp.MustCompile(regexp.QuoteMeta(name) + `\s*:`)
		if loc := re.FindIndex(src); loc != nil {
			return int64(loc[0]) + 1
		}
	}
	return dec.InputOffset()
}

// position turns a byte offset into "line:column", both from 1.
func position(src []byte, off int64) string {
	if off < 0 {
		off = 0
	}
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return fmt.Sprintf("%d:%d", line, col)
}

// stripLineComments blanks out `//` comments outside JSON strings. Comment bytes become spaces
// rather than disappearing, so that line and column numbers in decoding errors still point into
// the file as written.
func stripLineComments(src []byte) []byte {
	out := bytes.Clone(src)
	inString, escaped := false, false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		}
	}
	return out
}

// maxConsoleFile bounds a console.file: far above any real console output, it keeps a fixture
// naming a huge file, or a device such as /dev/zero, from making the emulator hold unbounded
// memory.
const maxConsoleFile = 64 << 20

// readConsoleFile reads a console.file: a regular file of at most maxConsoleFile bytes. The
// path is checked before it is opened, because opening a named pipe blocks until a writer
// comes, and the open file again, in case the path changed in between.
func readConsoleFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxConsoleFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxConsoleFile {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, maxConsoleFile>>20)
	}
	return b, nil
}
