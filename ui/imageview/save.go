package imageview

import (
	"fmt"
	"time"

	"github.com/bootlog/bootlog/ui/history"
)

// SaveImage writes a screenshot's bytes, as GetInstanceScreenshot returned them, to a new file
// at path with mode 0600 (a console screenshot can show secrets typed at a prompt). It never
// overwrites: when path exists, it returns an error that wraps a *history.ExistsError naming the
// file (and so fs.ErrExist). Bytes that are not a PNG or JPEG image are refused (wrapping
// ErrUnknownFormat) rather than saved under an image name. A failed write removes the partial file.
func SaveImage(path string, data []byte) error {
	if Detect(data) == "" {
		return fmt.Errorf("save screenshot to %s: %w (%d bytes)", path, ErrUnknownFormat, len(data))
	}
	if err := history.WriteNew(path, data); err != nil {
		return fmt.Errorf("save screenshot: %w", err)
	}
	return nil
}

// ImageFileName suggests a file name for a screenshot: "bootlog-i-bp1abc-20261130T140305Z.jpg"
// (history.StampedName), with the extension from the bytes' format (".img" when unknown).
func ImageFileName(instanceID string, data []byte, at time.Time) string {
	ext := ".img"
	switch Detect(data) {
	case "png":
		ext = ".png"
	case "jpeg":
		ext = ".jpg"
	}
	return history.StampedName(instanceID, at) + ext
}
