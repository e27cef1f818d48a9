package emulator

// removeConsoleSymbols is RemoveSymbols=true. The API does not document the set, so the
// emulator removes what makes console text hard to read as plain text: ANSI/VT escape sequences
// (CSI such as colours and cursor moves, OSC titles and links, DCS/SOS/PM/APC strings, charset
// designations and other two-byte escapes), carriage returns and every other C0 control
// character and DEL, keeping only '\n' and '\t'. UTF-8 text is left alone: bytes >= 0x80 are
// never treated as 8-bit C1 controls, because in UTF-8 they are parts of characters.
func removeConsoleSymbols(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x1b:
			i = skipEscape(b, i) - 1
		case c == '\n' || c == '\t':
			out = append(out, c)
		case c < 0x20 || c == 0x7f:
			// Dropped.
		default:
			out = append(out, c)
		}
	}
	return out
}

// skipEscape returns the index just past the escape sequence starting at b[i] == ESC. An
// unterminated sequence runs to the end of the input, as a terminal would swallow it.
func skipEscape(b []byte, i int) int {
	i++ // ESC
	if i >= len(b) {
		return i
	}
	switch c := b[i]; {
	case c == '[': // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
		i++
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x3f {
			i++
		}
		if i < len(b) && b[i] >= 0x40 && b[i] <= 0x7e {
			i++
		}
		return i
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_': // OSC, DCS, SOS, PM, APC.
		for i++; i < len(b); i++ {
			if b[i] == 0x07 {
				return i + 1
			}
			if b[i] == 0x1b && i+1 < len(b) && b[i+1] == '\\' {
				return i + 2
			}
		}
		return i
	case c >= 0x20 && c <= 0x2f: // Intermediates, e.g. ESC ( B: then one final byte.
		for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
			i++
		}
		if i < len(b) {
			i++
		}
		return i
	default: // Two-byte escapes such as ESC c, ESC 7, ESC M.
		return i + 1
	}
}
