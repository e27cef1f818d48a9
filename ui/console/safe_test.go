package console

import (
	"strings"
	"testing"
)

func TestSafeLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "web-prod-04", "web-prod-04"},
		{"unicode kept", "数据库-01 ü", "数据库-01 ü"},
		{"OSC 52 and title", "web\a\x1b]52;c;aGk=\a\x1b]2;pwned\a", "web^G^[]52;c;aGk=^G^[]2;pwned^G"},
		{"OSC 8 link", "\x1b]8;;http://evil\x1b\\Click\x1b]8;;\x1b\\", "^[]8;;http://evil^[\\Click^[]8;;^[\\"},
		{"reset", "i-\x1bc", "i-^[c"},
		{"CR and BS", "a\rb\bc", "a^Mb^Hc"},
		{"newline on one line", "a\nb", "a^Jb"},
		{"DEL", "a\x7f", "a^?"},
		{"C1 as UTF-8", "a\u009b31mb", "a<U+009B>31mb"},
		{"raw C1 byte", "a\x9b31m", "a<0x9B>31m"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"bidi override", "abc\u202edcba", "abc<U+202E>dcba"},
		{"APC and DCS", "\x1b_tmux\x1b\\\x1bPq\x1b\\", "^[_tmux^[\\^[Pq^[\\"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SafeLine(tc.in); got != tc.want {
				t.Errorf("SafeLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSafeTextKeepsLineBreaks(t *testing.T) {
	got := SafeText("first\r\nsecond\nthi\rrd\x1b[2J")
	want := "first\nsecond\nthi^Mrd^[[2J"
	if got != want {
		t.Errorf("SafeText = %q, want %q", got, want)
	}
}

func FuzzSafeLine(f *testing.F) {
	f.Add("web\a\x1b]52;c;aGk=\a")
	f.Add("\u009b\u202e\xff\x9b")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{SafeLine(s), SafeText(s)} {
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || isC1(r) || isBidiControl(r) {
					t.Fatalf("unsafe rune %U survived in %q", r, out)
				}
			}
			if strings.Contains(SafeLine(s), "\n") {
				t.Fatalf("SafeLine kept a line break: %q", out)
			}
		}
	})
}
