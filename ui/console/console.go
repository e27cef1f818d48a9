package console

import (
	"bufio"
	"bytes"
	"io"
)

// Options controls rendering.
type Options struct {
	// Color keeps SGR styling; false gives plain text (NO_COLOR, --no-color, pipes, the viewer's
	// colour toggle).
	Color bool
	// TabWidth is the distance between tab stops; zero or less means 8, the terminal default.
	// Values above 64 are treated as 64.
	TabWidth int
}

// Render converts decoded console bytes into a Document. It never fails: every byte sequence has a
// rendering, and nothing in the result can act on a terminal except the SGR sequences bootlog
// itself emits. Render reads data without copying it and does not retain it; data must not be
// modified while Render runs.
func Render(data []byte, opts Options) Document {
	r := newRenderer(data, opts, false)
	r.run()
	return r.document()
}

// RenderShared is Render for input that is kept and never modified afterwards, such as a log the
// viewer holds for saving: a line whose plain text is exactly the bytes it came from (most lines
// of a boot log: no escapes, controls or overwrites) points into data instead of into a copy, so
// the document costs little more than data itself. data must not be modified while the Document
// is in use, and stays in memory as long as any of its lines does.
func RenderShared(data []byte, opts Options) Document {
	r := newRenderer(data, opts, true)
	r.run()
	return r.document()
}

// RenderTail renders only the last n lines of data, as Render would: the result does not retain
// data, so a caller that read more than the lines it shows can let the rest go. It costs what
// those lines cost, whatever the size of data, so a viewer can show the end of a large log at
// once and render the whole of it meanwhile. The one difference from the whole log's last n
// lines: colours set before the tail and still in effect at its start are not known, so those
// lines start uncoloured.
func RenderTail(data []byte, opts Options, n int) Document {
	return Render(data[tailStart(data, n):], opts)
}

// tailStart returns the offset in data of the first of its last n lines. A final "\n" ends the
// last line rather than starting an empty one, as in Render.
func tailStart(data []byte, n int) int {
	end := len(data)
	if end > 0 && data[end-1] == '\n' {
		end--
	}
	for ; n > 0; n-- {
		i := bytes.LastIndexByte(data[:end], '\n')
		if i < 0 {
			return 0
		}
		if n == 1 {
			return i + 1
		}
		end = i
	}
	return len(data)
}

// WriteText renders data and writes it to w, one line per "\n". This is what `bootlog get` prints
// by default; pass Options{Color: false} when w is not a terminal. Each line is written as it is
// rendered and nothing is kept, so memory does not grow with the log: 5 MB of empty lines once
// cost 704 MB as a Document of five million strings.
func WriteText(w io.Writer, data []byte, opts Options) error {
	bw := bufio.NewWriterSize(w, 64*1024)
	r := newRendererTo(data, opts, false, bw)
	r.run()
	if r.ln.width > 0 {
		r.endLine()
	}
	if r.outErr != nil {
		return r.outErr
	}
	return bw.Flush()
}
