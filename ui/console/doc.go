// Package console turns the bytes a VM wrote to its serial port into display lines that are safe
// to put on the operator's terminal.
//
// # Pipeline
//
// Render walks the input once. Runs of printable ASCII are copied in bulk; everything else is
// recognised with the maintained parser in github.com/charmbracelet/x/ansi (ansi.DecodeSequence for
// escape sequences, ansi.FirstGraphemeCluster with grapheme widths for other text), never with a
// hand-written state machine. Each piece then acts on a model of the line under the cursor, the way
// a terminal would have acted on it:
//
//   - "\n" and "\r\n" end a line. A lone "\r" returns to column 0 and later text overwrites, so a
//     progress line keeps its final state, as the screen did. "\b" moves back one column; tabs move
//     to the next 8-column stop; ESC[nG, ESC[nC and ESC[nD move within the line; ESC[K, ESC[1K and
//     ESC[2K erase. Wide (CJK) characters take two columns and combining marks none.
//   - SGR sequences (16, 256 and 24-bit colour, bold, faint, italic, underline, reverse) update a
//     parsed per-cell style. Every other escape sequence - CSI, OSC (clipboard, title, hyperlinks),
//     DCS, APC, PM, SOS, bare ESC sequences such as ESC c, and a sequence left unterminated at the
//     end of the input - is consumed and dropped.
//   - C0 controls, DEL, C1 controls (raw bytes and code points) and bidirectional overrides,
//     isolates and marks become visible ASCII placeholders (^G, ^?, <0x9B>, <U+202E>), faint in
//     colour mode, so nothing in the log can hide or reorder text. Invalid UTF-8 becomes U+FFFD.
//
// When a line ends, its cells are written out as plain text and, if it uses any style, the
// positions of the SGR sequences bootlog builds itself from the parsed styles (Document.Line puts
// them in when the styled line is asked for). No input byte is ever copied to the output except
// printable text.
//
// # Why lines are self-contained and Plain is exact
//
// The viewer searches Plain with regular expressions and hands the matches to the viewport as byte
// ranges, which the viewport maps to screen columns by walking the ANSI-stripped line one grapheme
// at a time. That only works if Plain[i] is byte for byte the text of Line(i) without its SGR
// (Plain[i] == ansi.Strip(Line(i))) and contains nothing whose width a terminal would disagree
// with: no tabs, no escapes, no controls. Lines must also be self-contained, each ending with its
// style reset, because the viewport cuts, wraps, scrolls and highlights any line on its own; a
// colour left open would bleed into the next line, the gutter or the status bar. The fuzz target
// FuzzRender checks these properties on arbitrary input.
package console
