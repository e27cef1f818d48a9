package cli

import (
	"bufio"
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

// writeGetJSON writes j with data as its output: the same bytes as writeJSON with Output set to
// string(data), but the output is escaped straight into the writer. Whole, a 10 MB log was held
// as a string, then as JSON in a growing buffer, then once more with the terminal controls
// escaped: about ten times the log.
func writeGetJSON(w io.Writer, j getJSON, data []byte) error {
	j.Output = ""
	var head bytes.Buffer
	if err := writeJSON(&head, j); err != nil {
		return err
	}
	doc := head.Bytes()
	// Output is the last field, so its empty value is the last "" in the text.
	at := bytes.LastIndex(doc, []byte(`""`))
	if at < 0 {
		return fmt.Errorf("json: no output field in %q", doc)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(doc[:at+1]) //nolint:errcheck // bufio keeps the first error for Flush.
	writeJSONText(bw, data)
	bw.Write(doc[at+1:]) //nolint:errcheck // See above.
	return bw.Flush()
}

// writeJSONText writes src as the inside of a JSON string, escaped as writeJSON escapes it:
// encoding/json's rules (HTML characters, C0 controls, invalid UTF-8 as \ufffd, U+2028 and
// U+2029), then writeJSON's terminal controls (DEL, C1, bidi). Written directly, it leaves no
// garbage behind, which matters because the log already holds the garbage collector's target
// high. Errors are kept by bw for its Flush.
func writeJSONText(bw *bufio.Writer, src []byte) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(src); {
		b := src[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' && (b != 0x7f || !terminalControl(0x7f)) {
				i++
				continue
			}
			bw.Write(src[start:i]) //nolint:errcheck // See above.
			switch b {
			case '"', '\\':
				bw.WriteByte('\\') //nolint:errcheck // See above.
				bw.WriteByte(b)    //nolint:errcheck // See above.
			case '\b':
				bw.WriteString(`\b`) //nolint:errcheck // See above.
			case '\f':
				bw.WriteString(`\f`) //nolint:errcheck // See above.
			case '\n':
				bw.WriteString(`\n`) //nolint:errcheck // See above.
			case '\r':
				bw.WriteString(`\r`) //nolint:errcheck // See above.
			case '\t':
				bw.WriteString(`\t`) //nolint:errcheck // See above.
			default:
				bw.WriteString(`\u00`)   //nolint:errcheck // See above.
				bw.WriteByte(hex[b>>4])  //nolint:errcheck // See above.
				bw.WriteByte(hex[b&0xF]) //nolint:errcheck // See above.
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRune(src[i:])
		// Escapes go out a byte or a constant at a time: a slice built for each would be
		// garbage, and a log has hundreds of thousands of them.
		switch {
		case c == utf8.RuneError && size == 1:
			bw.Write(src[start:i])   //nolint:errcheck // See above.
			bw.WriteString(`\ufffd`) //nolint:errcheck // See above.
		case c == '\u2028' || c == '\u2029':
			bw.Write(src[start:i])   //nolint:errcheck // See above.
			bw.WriteString(`\u202`)  //nolint:errcheck // See above.
			bw.WriteByte(hex[c&0xF]) //nolint:errcheck // See above.
		case terminalControl(c):
			bw.Write(src[start:i])       //nolint:errcheck // See above.
			fmt.Fprintf(bw, `\u%04x`, c) //nolint:errcheck // See above.
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	bw.Write(src[start:]) //nolint:errcheck // See above.
}
