package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/bootlog/bootlog/ui/console"
)

// writeJSON writes v as indented JSON that is safe to print on a terminal. encoding/json escapes
// C0 controls but leaves DEL, C1 controls (U+0080-U+009F, which some terminals execute as 8-bit
// CSI/OSC) and bidi controls as they are; writeJSON escapes those too (\u009b), so a hostile
// instance name in `list --json` reaches jq intact and the terminal inert.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeJSONControls(buf.Bytes()))
	return err
}

// escapeJSONControls rewrites DEL, C1 and bidi control runes as \uXXXX escapes. Valid JSON can only
// hold them inside strings, where the escape means the same character.
func escapeJSONControls(b []byte) []byte {
	if !needsEscape(b) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if terminalControl(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func needsEscape(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if terminalControl(r) {
			return true
		}
		i += size
	}
	return false
}

// terminalControl reports whether r is a rune encoding/json leaves raw that console.SafeLine would
// not let through (DEL, C1 and bidi controls), so this escape and the display sanitiser agree on
// one definition.
func terminalControl(r rune) bool {
	if r < 0x7f || r == utf8.RuneError {
		return false
	}
	s := string(r)
	return console.SafeLine(s) != s
}
