package imageview

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
)

// MaxPixels bounds the size of an image Decode accepts. A screenshot is a few megapixels; the
// limit stops a hostile or corrupt header from making Decode allocate gigabytes.
const MaxPixels = 1 << 25

// ErrUnknownFormat is returned (wrapped) by Decode for bytes that are neither PNG nor JPEG.
var ErrUnknownFormat = errors.New("not a PNG or JPEG image")

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xff, 0xd8, 0xff}
)

// Detect returns "png" or "jpeg" from the magic bytes at the start of b, or "" for anything else.
// It looks at the bytes rather than trusting the API, whose documentation says JPEG.
func Detect(b []byte) string {
	switch {
	case bytes.HasPrefix(b, pngMagic):
		return "png"
	case bytes.HasPrefix(b, jpegMagic):
		return "jpeg"
	}
	return ""
}

// Decode decodes a PNG or JPEG image. It calls the decoders directly instead of image.Decode, so
// that it does not depend on which formats other packages happen to register.
func Decode(b []byte) (image.Image, error) {
	var (
		cfg    func([]byte) (image.Config, error)
		decode func([]byte) (image.Image, error)
	)
	switch f := Detect(b); f {
	case "png":
		cfg = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case "jpeg":
		cfg = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	default:
		n := min(len(b), 8)
		return nil, fmt.Errorf("decode image: %w (%d bytes, starting % x)", ErrUnknownFormat, len(b), b[:n])
	}
	c, err := cfg(b)
	if err != nil {
		return nil, fmt.Errorf("decode %s header: %w", Detect(b), err)
	}
	if c.Width <= 0 || c.Height <= 0 || int64(c.Width)*int64(c.Height) > MaxPixels {
		return nil, fmt.Errorf("decode %s: unreasonable size %dx%d", Detect(b), c.Width, c.Height)
	}
	img, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", Detect(b), err)
	}
	return img, nil
}
