package console

import (
	"strings"
	"unicode/utf8"
)

// SafeLine makes a short server- or file-controlled string (an instance name, ID, zone, OS name,
// region name, error message, file name) safe to put on one line of a terminal, a window title or
// stderr. Unlike Render it interprets nothing, not even SGR: these strings never carry styling of
// their own, so every escape, C0 or C1 control, DEL, bidi control, and line break becomes the same
// visible placeholder the console renderer uses, and invalid UTF-8 becomes U+FFFD (or <0xXX> for a
// raw C1 byte, which an 8-bit terminal would execute). The result has no byte that can move the
// cursor, start a sequence or reorder text, and its display width is what it looks like.
func SafeLine(s string) string { return safe(s, false) }

// SafeText is SafeLine for multi-line text (an error body, a hint): "\n" is kept as a line break,
// a "\r\n" pair counts as one, and everything else SafeLine replaces is replaced.
func SafeText(s string) string { return safe(s, true) }

func safe(s string, keepNewlines bool) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case keepNewlines && c == '\n':
				b.WriteByte('\n')
			case keepNewlines && c == '\r' && i+1 < len(s) && s[i+1] == '\n':
				// The '\n' that follows writes the break.
			case c < 0x20 || c == 0x7f:
				b.WriteString(controlPlaceholder(c))
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if c >= 0x80 && c <= 0x9f {
				b.WriteString(rawBytePlaceholder(c))
			} else {
				b.WriteRune(utf8.RuneError)
			}
		case isC1(r) || isBidiControl(r):
			b.WriteString(runePlaceholder(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlainASCII reports whether s is printable ASCII only, the common case that needs no copy.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}
