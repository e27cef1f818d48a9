package fetch

import (
	"bytes"
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

func TestParseLastUpdate(t *testing.T) {
	utc8 := time.FixedZone("UTC+8", 8*3600)
	tokyo := time.FixedZone("UTC+9", 9*3600)
	tests := []struct {
		in       string
		zoneless *time.Location
		want     time.Time
		ok       bool
	}{
		// The zoneless form of the API examples is Beijing time unless configured otherwise.
		{"2018-03-22 10:04:57", nil, time.Date(2018, 3, 22, 2, 4, 57, 0, time.UTC), true},
		{"2018-03-22 10:04:57", time.UTC, time.Date(2018, 3, 22, 10, 4, 57, 0, time.UTC), true},
		{"2018-03-22 10:04:57", tokyo, time.Date(2018, 3, 22, 1, 4, 57, 0, time.UTC), true},
		{"  2018-03-22 10:04:57\n", nil, time.Date(2018, 3, 22, 2, 4, 57, 0, time.UTC), true},
		{"2018-03-22T10:04:57", nil, time.Date(2018, 3, 22, 2, 4, 57, 0, time.UTC), true},
		{"2018-03-22 10:04", nil, time.Date(2018, 3, 22, 2, 4, 0, 0, time.UTC), true},
		{"2018-03-22 10:04:57.123", nil, time.Date(2018, 3, 22, 2, 4, 57, 123e6, time.UTC), true},
		// Forms with a zone keep it, whatever the configured zone.
		{"2018-03-22T10:04:57Z", tokyo, time.Date(2018, 3, 22, 10, 4, 57, 0, time.UTC), true},
		{"2018-03-22T10:04Z", nil, time.Date(2018, 3, 22, 10, 4, 0, 0, time.UTC), true},
		{"2018-03-22T10:04:57+08:00", time.UTC, time.Date(2018, 3, 22, 2, 4, 57, 0, time.UTC), true},
		{"2018-03-22T10:04:57.5-02:00", nil, time.Date(2018, 3, 22, 12, 4, 57, 5e8, time.UTC), true},
		{"2018-03-22T10:04+08:00", nil, time.Date(2018, 3, 22, 2, 4, 0, 0, time.UTC), true},
		{"2018-03-22 10:04:57Z", nil, time.Date(2018, 3, 22, 10, 4, 57, 0, time.UTC), true},
		{"", nil, time.Time{}, false},
		{"   ", nil, time.Time{}, false},
		{"yesterday", nil, time.Time{}, false},
		{"2018-13-22 10:04:57", nil, time.Time{}, false},
		{"2018-03-22 25:04:57", nil, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseLastUpdate(tt.in, tt.zoneless)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseLastUpdate(%q, %v) = %v, %v; want %v, %v", tt.in, tt.zoneless, got, ok, tt.want, tt.ok)
		}
	}
	// The default zone is a fixed +8 hours, not the machine's local zone.
	got, _ := ParseLastUpdate("2018-03-22 10:04:57", nil)
	if _, off := got.Zone(); off != 8*3600 {
		t.Errorf("zoneless default offset = %d, want %d", off, 8*3600)
	}
	if !got.Equal(time.Date(2018, 3, 22, 10, 4, 57, 0, utc8)) {
		t.Errorf("got %v", got)
	}
}

func TestDecodeConsole(t *testing.T) {
	text := []byte("[  OK  ] Started \x1b[0;32mOpenSSH\x1b[0m.\r\nlogin: \xff\xfe binary")
	std := base64.StdEncoding.EncodeToString(text)
	wrapped := ""
	for i := 0; i < len(std); i += 20 {
		wrapped += std[i:min(i+20, len(std))] + "\r\n"
	}
	tests := []struct {
		name string
		in   string
		want []byte
	}{
		{"plain", std, text},
		{"line breaks", wrapped, text},
		{"spaces and tabs", " \t" + std[:8] + " " + std[8:] + "\n", text},
		{"missing padding", base64.RawStdEncoding.EncodeToString([]byte("ab")), []byte("ab")},
		{"empty", "", []byte{}},
		{"only whitespace", "\n\r\n ", []byte{}},
	}
	for _, tt := range tests {
		got, err := DecodeConsole(tt.in)
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("%s: DecodeConsole = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestDecodeConsoleInvalid(t *testing.T) {
	for _, raw := range []string{
		"this is not base64!",
		"QUJD$$$$",
		"A",                  // one stray character cannot be padded into a quantum
		"QUJD\nRA==QUJD",     // padding in the middle
		"-_-_",               // URL alphabet is not the standard one
		"<html>502</html>\n", // a proxy's page
	} {
		data, err := DecodeConsole(raw)
		var fe *Error
		if !errors.As(err, &fe) {
			t.Fatalf("DecodeConsole(%q) = %q, %v; want *Error", raw, data, err)
		}
		if fe.Kind != KindInvalidBase64 || fe.Raw != raw || data != nil {
			t.Errorf("DecodeConsole(%q): kind %v raw %q data %q", raw, fe.Kind, fe.Raw, data)
		}
		if fe.Hint == "" || fe.Message == "" {
			t.Errorf("DecodeConsole(%q): no hint or message: %+v", raw, fe)
		}
	}
}

func TestImageFormat(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "png"},
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, "jpeg"},
		{[]byte("GIF89a"), ""},
		{[]byte{0xFF, 0xD8}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := imageFormat(tt.in); got != tt.want {
			t.Errorf("imageFormat(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
