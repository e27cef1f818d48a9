package imageview

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// SaveImage writes a screenshot's bytes, as GetInstanceScreenshot returned them, to a new file
// at path with mode 0600 (a console screenshot can show secrets typed at a prompt). It never
// overwrites: when path exists, it returns an error that wraps fs.ErrExist and names the file.
// Bytes that are not a PNG or JPEG image are refused (wrapping ErrUnknownFormat) rather than
// saved under an image name. A failed write removes the partial file.
func SaveImage(path string, data []byte) error {
	if Detect(data) == "" {
		return fmt.Errorf("save screenshot to %s: %w (%d bytes)", path, ErrUnknownFormat, len(data))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("save screenshot: %s already exists; not overwriting it: %w", path, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("save screenshot: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		// The file is ours (O_EXCL), so removing it cannot destroy anything else.
		_ = os.Remove(path)
		return fmt.Errorf("save screenshot to %s: %w", path, err)
	}
	return nil
}

// ImageFileName suggests a file name for a screenshot: "bootlog-i-bp1abc-20261130T140305Z.jpg",
// with the extension from the bytes' format (".img" when unknown) and the time in UTC so that the
// name reads the same in every zone. Characters other than letters, digits, '-', '_' and '.' in
// the instance ID become '_', and it is cut to 64 bytes, so that a hostile ID cannot name a path.
func ImageFileName(instanceID string, data []byte, at time.Time) string {
	id := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, instanceID)
	// Real IDs are about 22 bytes; the cap keeps a hostile one within any file system's name
	// limit.
	id = strings.TrimLeft(id[:min(len(id), 64)], ".")
	if id == "" {
		id = "instance"
	}
	ext := ".img"
	switch Detect(data) {
	case "png":
		ext = ".png"
	case "jpeg":
		ext = ".jpg"
	}
	return "bootlog-" + id + "-" + at.UTC().Format("20060102T150405Z") + ext
}
