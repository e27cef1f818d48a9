package fetch

import (
	"bytes"
	"encoding/base64"
	"strings"
	"time"
)

// chinaStandardTime is UTC+8, the zone the API reference gives for the zoneless LastUpdateTime
// ("2018-03-22 10:04:57"). It is a fixed zone rather than Asia/Shanghai so that it works on
// machines without a tz database; China has no daylight saving time.
var chinaStandardTime = time.FixedZone("UTC+8", 8*60*60)

// zonedLayouts carry their own zone ("Z" or an offset). The docs disagree on the format of
// LastUpdateTime (§3.3 of the reference), and DescribeInstances reports minute precision
// ("2017-12-10T04:04Z"), so every spelling seen is accepted. time.Parse also accepts fractional
// seconds after the seconds field when the layout has none.
var zonedLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02T15:04:05 -0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 -0700 MST",
}

// zonelessLayouts are read in the configured zone.
var zonelessLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006/01/02 15:04:05",
	"2006-01-02",
}

// ParseLastUpdate parses a timestamp as ECS writes it, leniently: "2006-01-02 15:04:05" and the
// other zoneless forms are read in zoneless (UTC+8 when nil, which is what the current API
// reference states); RFC 3339, "2006-01-02T15:04:05Z", "2006-01-02T15:04Z" and other forms with a
// zone keep their own. It reports false for empty or unparseable text, which the caller shows
// as-is.
func ParseLastUpdate(s string, zoneless *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if zoneless == nil {
		zoneless = chinaStandardTime
	}
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	for _, layout := range zonelessLayouts {
		if t, err := time.ParseInLocation(layout, s, zoneless); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// DecodeConsole decodes ConsoleOutput: standard base64, tolerant of the line breaks and other
// whitespace some gateways and fixtures insert, and of missing padding. An empty string is an
// empty output, not an error. Text that is not base64 gives an *Error of KindInvalidBase64 whose
// Raw keeps the text exactly as given, so `bootlog get --raw` can still show it.
func DecodeConsole(b64 string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\v', '\f':
			return -1
		}
		return r
	}, b64)
	if clean == "" {
		return []byte{}, nil
	}
	// Padding is restored rather than switching to RawStdEncoding, so that text which is padded
	// correctly, or padded in the middle (two outputs glued together), is judged by the strict
	// decoder.
	if rem := len(clean) % 4; rem != 0 && !strings.HasSuffix(clean, "=") {
		clean += strings.Repeat("=", 4-rem)
	}
	data, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return nil, &Error{
			Kind:    KindInvalidBase64,
			Op:      "DecodeConsole",
			Message: "the console output is not valid base64: " + err.Error(),
			Hint:    "ECS returned text that is not base64; `bootlog get --raw` prints it as received",
			Raw:     b64,
			Err:     err,
		}
	}
	return data, nil
}

// imageFormat names the image format of b from its magic bytes: "png", "jpeg" or "" for anything
// else. The API reference says screenshots are JPEG, but its own example is a PNG, so the bytes
// decide.
func imageFormat(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg"
	}
	return ""
}
