package console

// Placeholders make invisible or dangerous characters visible instead of letting them act on the
// operator's terminal or silently reorder text. They are plain ASCII so their width is exact and
// search can find them (a search for "^G" finds BELs).

// c0Placeholders holds caret notation for every C0 control and DEL, indexed by byte value
// (DEL is stored at index 0x20).
var c0Placeholders = func() (t [0x21]string) {
	for c := range 0x20 {
		t[c] = "^" + string(rune(c+0x40))
	}
	t[0x20] = "^?"
	return t
}()

// controlPlaceholder returns caret notation for a C0 control or DEL.
func controlPlaceholder(c byte) string {
	if c == 0x7f {
		return c0Placeholders[0x20]
	}
	return c0Placeholders[c]
}

const hexDigits = "0123456789ABCDEF"

// c1Placeholders and rawC1Placeholders are built once so that a log full of C1 junk does not
// allocate per character.
var c1Placeholders, rawC1Placeholders = func() (runes, raw [0x20]string) {
	for c := range 0x20 {
		runes[c] = formatRune(rune(0x80 + c))
		raw[c] = string([]byte{'<', '0', 'x', hexDigits[(0x80+c)>>4], hexDigits[c&0xf], '>'})
	}
	return runes, raw
}()

// formatRune returns "<U+XXXX>" for a code point in the Basic Multilingual Plane.
func formatRune(r rune) string {
	b := []byte("<U+0000>")
	for i := 6; i >= 3; i-- {
		b[i] = hexDigits[r&0xf]
		r >>= 4
	}
	return string(b)
}

// runePlaceholder returns "<U+XXXX>" for a C1 control or bidi formatting code point.
func runePlaceholder(r rune) string {
	if isC1(r) {
		return c1Placeholders[r-0x80]
	}
	return formatRune(r)
}

// rawBytePlaceholder returns "<0xXX>" for a byte that is not part of valid UTF-8 and lies in the C1
// range 0x80–0x9F. An 8-bit terminal would execute such a byte (0x9B is CSI), so it is shown as what
// it was rather than folded into U+FFFD like other invalid bytes.
func rawBytePlaceholder(c byte) string {
	return rawC1Placeholders[c-0x80]
}

// isBidiControl reports whether r is a bidirectional embedding, override, isolate or mark. These
// reorder the text around them when displayed (the "Trojan Source" trick), so they are never passed
// through.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// isC1 reports whether r is a C1 control code point.
func isC1(r rune) bool { return r >= 0x80 && r <= 0x9F }
