package console

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"unicode/utf8"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// moveLimit bounds how far right cursor moves (CUF, CHA, HPA, HPR) may go beyond a line's text.
// A real terminal stops at its right margin; without a bound, "ESC[99999999G" would make bootlog
// allocate gigabytes of padding from a few bytes of input.
const moveLimit = 512

// renderer holds the state of one Render call.
type renderer struct {
	data   []byte
	src    string // data viewed as a string, without a copy; see newRenderer
	color  bool
	tab    int
	parser *ansi.Parser
	cur    style // SGR state; like a terminal's, it carries over from line to line

	// plain holds the plain text of finished lines, then the current append-mode line, in
	// chunks: when one is nearly full the next line starts a new one, and the strings of
	// finished lines keep pointing into the old one, whose bytes are never written again (see
	// newChunk).
	plain []byte
	// styles collects where the SGR sequences of the lines that use a style go (see Document).
	styles styleBuilder
	// doc is the document being built; each line gets its strings as it ends.
	doc Document
	ln  line
	// expanded is the styled text of the current line when it is written out (WriteText).
	expanded []byte

	// share makes a line whose plain text is the very bytes it came from point into the input
	// instead of into plain (RenderShared). lineSrc is where the current line began in the input.
	share   bool
	lineSrc int
	// plainBase is where plain's array was when the current line began (see keep).
	plainBase *byte

	// out, when set, receives each line as it ends instead of the document (WriteText): memory
	// then stays at one line's worth whatever the log's size or line count. outErr is the first
	// write error; rendering goes on but writes nothing more.
	out    *bufio.Writer
	outErr error
}

func newRenderer(data []byte, opts Options, share bool) *renderer {
	return newRendererTo(data, opts, share, nil)
}

// newRendererTo is newRenderer writing each finished line to out instead of keeping a document,
// when out is not nil.
func newRendererTo(data []byte, opts Options, share bool, out *bufio.Writer) *renderer {
	tab := opts.TabWidth
	if tab <= 0 {
		tab = 8
	}
	tab = min(tab, 64)
	// Counting the newlines first (a vectorised pass) sizes the line slices exactly, where
	// growing them would leave as much garbage again on a big log.
	lines := 0
	if out == nil {
		lines = bytes.Count(data, []byte{'\n'}) + 1
	}
	r := &renderer{
		out:   out,
		share: share,
		data:  data,
		// Viewing the input as a string avoids copying megabytes. It is safe because the
		// document points into src only in RenderShared, whose caller keeps data unmodified.
		src:   unsafe.String(unsafe.SliceData(data), len(data)),
		color: opts.Color,
		tab:   tab,
		doc:   Document{Plain: make([]string, 0, lines)},
	}
	// A small input gets buffers of its own size at once; a big one gets chunks. A streaming
	// renderer reuses one small buffer, as it keeps no line.
	first := min(len(data)+len(data)/16+64, chunkSize)
	if out != nil {
		first = min(first, 64<<10)
	}
	r.plain = make([]byte, 0, first)
	r.plainBase = unsafe.SliceData(r.plain)
	if r.color && out == nil {
		// Sizing the styles by the lines with an escape avoids the garbage of growing them. A
		// style carried over from an earlier line can colour a line without one; append copes
		// with those.
		r.styles.grow(linesWithEscape(data) + 16)
	}
	return r
}

// linesWithEscape counts the lines of data that hold an ESC byte.
func linesWithEscape(data []byte) int {
	n := 0
	for {
		j := bytes.IndexByte(data, ansi.ESC)
		if j < 0 {
			return n
		}
		n++
		k := bytes.IndexByte(data[j:], '\n')
		if k < 0 {
			return n
		}
		data = data[j+k+1:]
	}
}

// run consumes the whole input.
func (r *renderer) run() {
	s := r.src
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			j := r.printableEnd(i + 1)
			if j < len(s) && s[j] >= 0xc0 {
				// The last ASCII byte may be the base of a cluster that continues with a combining
				// mark, a variation selector or a keycap, so it goes through the segmenter.
				if j-1 > i {
					r.writeASCII(s[i:j-1], r.cur)
				}
				i = r.clusterFrom(j - 1)
				continue
			}
			r.writeASCII(s[i:j], r.cur)
			i = j
			continue
		}
		switch {
		case c == '\n':
			r.endLine()
			i++
			r.lineSrc = i
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				r.endLine()
				i += 2
				r.lineSrc = i
				continue
			}
			r.ln.col = 0
			i++
		case c == '\b':
			if r.ln.col > 0 {
				r.ln.col--
			}
			i++
		case c == '\t':
			r.ln.col = (r.ln.col/r.tab + 1) * r.tab
			i++
		case c == ansi.ESC:
			i += r.escape(s[i:])
		case c < 0x20 || c == 0x7f:
			r.writeASCII(controlPlaceholder(c), r.placeholderStyle())
			i++
		case c < 0xa0:
			// A C1 byte outside any UTF-8 sequence. ansi.DecodeSequence would treat 0x9B as CSI
			// and swallow what follows; the operator should see it instead.
			r.writeASCII(rawBytePlaceholder(c), r.placeholderStyle())
			i++
		case c < 0xc0:
			r.writeCluster("\uFFFD", 1, r.cur)
			i++
		default:
			i = r.clusterFrom(i)
		}
	}
}

// printableEnd returns the index of the first byte at or after j that is not printable ASCII.
// Boot logs are mostly ASCII text, so this loop dominates; it tests eight bytes per step.
func (r *renderer) printableEnd(j int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	d := r.data
	for ; j+8 <= len(d); j += 8 {
		x := binary.LittleEndian.Uint64(d[j:])
		// A byte below 0x20 borrows in x-0x20…; a byte of 0x7f or more carries into (or already
		// has) its top bit in x+0x01…. Either sets a high bit that the mask catches.
		if ((x-0x20*ones)&^x|(x+0x01*ones|x))&high != 0 {
			break
		}
	}
	for j < len(d) && d[j] >= 0x20 && d[j] < 0x7f {
		j++
	}
	return j
}

// clusterFrom writes the grapheme cluster that starts at s[i] and returns the index after it.
func (r *renderer) clusterFrom(i int) int {
	s := r.src
	first, size := utf8.DecodeRuneInString(s[i:])
	if first == utf8.RuneError && size <= 1 {
		r.writeCluster("\uFFFD", 1, r.cur)
		return i + 1
	}
	if isC1(first) || isBidiControl(first) {
		r.writeASCII(runePlaceholder(first), r.placeholderStyle())
		return i + size
	}
	cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
	if len(cluster) > size && !cleanCluster(cluster[size:]) {
		// Invalid UTF-8 or a control inside the cluster: take the first rune alone and let the
		// main loop deal with the rest.
		cluster, w = ansi.FirstGraphemeCluster(s[i:i+size], ansi.GraphemeWidth)
	}
	if len(cluster) < size {
		cluster = s[i : i+size]
	}
	switch {
	case len(cluster) == 1:
		r.writeASCII(cluster, r.cur)
	case w <= 0:
		r.attach(cluster)
	default:
		r.writeCluster(cluster, w, r.cur)
	}
	return i + len(cluster)
}

// cleanCluster reports whether the tail of a grapheme cluster is valid UTF-8 free of anything that
// must become a placeholder. The segmenter already breaks around controls; this keeps that
// guarantee from depending on it.
func cleanCluster(s string) bool {
	for _, c := range s {
		if c == utf8.RuneError || c < 0x20 || c == 0x7f || isC1(c) || isBidiControl(c) {
			return false
		}
	}
	return true
}

// placeholderStyle is the style of a control placeholder: faint, so it reads as an annotation, on
// top of the surrounding colours so it stays in context.
func (r *renderer) placeholderStyle() style {
	if !r.color {
		return style{}
	}
	st := r.cur
	st.attr = st.attr&^attrBold | attrFaint
	return st
}

// escape consumes the escape sequence at the start of s and returns its length. SGR and the in-line
// cursor and erase sequences are interpreted; everything else is dropped.
func (r *renderer) escape(s string) int {
	// CSI parameters are collected only when the parser's fixed buffer can hold them; see
	// maxSGRSeparators. Everything else is decoded without collecting anything.
	var p *ansi.Parser
	if len(s) > 1 && s[1] == '[' && csiSeparators(s) <= maxSGRSeparators {
		p = r.csiParser()
	}
	seq, _, n, state := ansi.DecodeSequence(s, ansi.NormalState, p)
	if state != ansi.NormalState {
		// Unterminated at the end of the input: the rest is the sequence's payload, never text.
		return len(s)
	}
	if n <= 0 {
		return 1
	}
	if p == nil || len(seq) < 3 {
		return n
	}
	cmd := ansi.Cmd(p.Command())
	final := cmd.Final()
	if final != seq[len(seq)-1] || cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		// Invalid CSI, or ESC[?…m, ESC[>…m, ESC[ K and friends: private or other sequences,
		// not SGR or EL.
		return n
	}
	if final == 'm' && !r.color {
		return n
	}
	params := p.Params()
	arg := func(def int) int {
		v, _, _ := params.Param(0, def)
		if v <= 0 {
			return def
		}
		// Parameters are not bounded by the parser; anything past the move limit is clamped
		// below anyway, and this keeps the arithmetic far from overflow.
		return min(v, 1<<20)
	}
	l := &r.ln
	limit := max(l.width, moveLimit)
	switch final {
	case 'm':
		r.cur = applySGR(r.cur, params)
	case 'K':
		switch v, _, _ := params.Param(0, 0); v {
		case 0:
			r.eraseToEnd()
		case 1:
			r.eraseToStart()
		case 2:
			r.eraseLine()
		}
	case 'G', '`':
		l.col = min(arg(1)-1, limit)
	case 'C', 'a':
		l.col = min(l.col+arg(1), max(limit, l.col))
	case 'D':
		l.col = max(l.col-arg(1), 0)
	}
	return n
}

// csiSeparators counts the ';' and ':' in the parameter bytes of the CSI sequence at the start of s.
func csiSeparators(s string) int {
	c := 0
	for k := 2; k < len(s) && s[k] >= 0x30 && s[k] <= 0x3f; k++ {
		if s[k] == ';' || s[k] == ':' {
			c++
		}
	}
	return c
}

// csiParser returns the parser that collects CSI parameters, creating it on first use.
func (r *renderer) csiParser() *ansi.Parser {
	if r.parser == nil {
		// Only CSI sequences are decoded with it, so its string-data buffer can stay tiny
		// (ansi.NewParser would allocate 64 KB for it).
		r.parser = new(ansi.Parser)
		r.parser.SetParamsSize(maxSGRSeparators + 2)
		r.parser.SetDataSize(1)
	}
	return r.parser
}

// chunkSize is the size of the plain buffer's chunks. Growing one buffer by doubling
// would leave up to twice the text in garbage and slack on a big log; chunks leave at most one
// chunk of slack.
const chunkSize = 1 << 20

// chunkReserve is the room a chunk must have left for the next line to start in it.
const chunkReserve = 4 << 10

// endLine finishes the current line and starts the next.
func (r *renderer) endLine() {
	l := &r.ln
	if l.over {
		r.flushCells()
	}
	text := r.plain[l.start:]
	if r.out != nil {
		r.emitLine(text)
		return
	}
	if r.color {
		r.styleLine(len(r.doc.Plain), text)
	}
	var p string
	switch {
	case r.share && r.lineSrc+len(text) <= len(r.src) && string(text) == r.src[r.lineSrc:r.lineSrc+len(text)]:
		// The line is its input verbatim (no escapes, controls or overwrites): point at the
		// input and give the buffer its bytes back.
		p = r.src[r.lineSrc : r.lineSrc+len(text)]
		r.plain = r.plain[:l.start]
	case len(text) > 0:
		p = keep(&r.plain, l.start, r.plainBase)
	}
	r.doc.Plain = append(r.doc.Plain, p)
	rest := len(r.src) - r.lineSrc - len(text)
	r.plain = newChunk(r.plain, rest)
	r.plainBase = unsafe.SliceData(r.plain)
	l.start = len(r.plain)
	l.runs, l.segs, l.cells = l.runs[:0], l.segs[:0], l.cells[:0]
	l.width, l.col = 0, 0
	l.over = false
}

// emitLine writes the current line (plain text text, styled when colour is on) and a newline to
// r.out, then empties the buffers for the next line: nothing of it is kept.
func (r *renderer) emitLine(text []byte) {
	if r.outErr == nil {
		out := text
		if r.color {
			st := &r.styles
			st.s.at, st.s.off, st.s.enc = st.s.at[:0], st.s.off[:0], st.s.enc[:0]
			if r.styleLine(0, text) {
				r.expanded = st.s.appendExpanded(r.expanded[:0], unsafe.String(unsafe.SliceData(text), len(text)), st.s.enc)
				out = r.expanded
			}
		}
		_, r.outErr = r.out.Write(out)
		if r.outErr == nil {
			r.outErr = r.out.WriteByte('\n')
		}
	}
	r.plain = r.plain[:0]
	r.plainBase = unsafe.SliceData(r.plain)
	l := &r.ln
	l.start = 0
	l.runs, l.segs, l.cells = l.runs[:0], l.segs[:0], l.cells[:0]
	l.width, l.col = 0, 0
	l.over = false
}

// keep returns the finished text (*buf)[from:] as a string sharing its bytes, which nothing
// writes again. base is where *buf's array was when the text began. If append has moved the array
// since, the new one starts with a copy of the chunk's earlier lines, whose strings point into the
// old one; the text then moves to a fresh chunk, so that the copy becomes garbage instead of
// being kept alive beside the original.
func keep(buf *[]byte, from int, base *byte) string {
	b := *buf
	if from > 0 && unsafe.SliceData(b) != base {
		nb := make([]byte, len(b)-from, max(chunkSize, 2*(len(b)-from)))
		copy(nb, b[from:])
		*buf, b, from = nb, nb, 0
	}
	return unsafe.String(unsafe.SliceData(b[from:]), len(b)-from)
}

// newChunk returns buf, or a new empty chunk when buf has too little room left for another line.
// rest is about how much input is left: a buffer that can hold all of it is kept, so a small log's
// lines all lie in its first buffer.
func newChunk(buf []byte, rest int) []byte {
	if free := cap(buf) - len(buf); free >= chunkReserve || free >= rest {
		return buf
	}
	return make([]byte, 0, chunkSize)
}

// styleLine records in r.styles, as line i, where the SGR sequences of the current line go, if it
// uses any style; text is its plain text. Applied to text they give the line as it was printed
// before the document was sparse: each style change where its run starts, and a final reset.
func (r *renderer) styleLine(i int, text []byte) bool {
	l := &r.ln
	styled := false
	for _, rn := range l.runs {
		if rn.off < len(text) && rn.st != (style{}) {
			styled = true
			break
		}
	}
	if !styled || !r.styles.begin(i) {
		return false
	}
	prev := style{}
	for _, rn := range l.runs {
		if rn.off >= len(text) {
			break
		}
		if rn.st != prev {
			r.styles.insertStep(rn.off, prev, rn.st)
			prev = rn.st
		}
	}
	r.styles.insertStep(len(text), prev, style{})
	return true
}

// document finishes the last line and builds the Document. A final line is kept only if it has
// text, so "a\n" is one line, as a terminal would show it.
func (r *renderer) document() Document {
	if r.ln.width > 0 {
		r.endLine()
	}
	// The capacity is clipped so that a caller appending to Plain gets a copy instead of writing
	// into an array another Document may share.
	n := len(r.doc.Plain)
	r.doc.Plain = r.doc.Plain[:n:n]
	r.doc.sty = r.styles.set()
	return r.doc
}
