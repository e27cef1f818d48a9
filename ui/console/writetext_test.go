package console

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// documentText is what WriteText printed before it streamed: the Document's lines, each ended by
// a newline.
func documentText(data []byte, opts Options) string {
	var b strings.Builder
	for _, l := range Render(data, opts).Lines() {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestWriteTextStreamsWhatRenderRenders: streaming changes nothing in the output, in colour or
// not, for logs with styles carried across lines, overwrites, controls, wide text and a line
// longer than the streaming buffer.
func TestWriteTextStreamsWhatRenderRenders(t *testing.T) {
	inputs := []string{
		"",
		"one line without newline",
		"a\nb\r\nc\n\n\n",
		"\x1b[1;31mred starts\nstill red\x1b[0m\nplain\n",
		"progress 10%\rprogress 99%\rdone        \n",
		"bell\a esc\x1b]52;c;aGk=\a \x9b2J \u202e bidi\n",
		"中文日志 ✓ \t tab\x1b[32m green\n",
		strings.Repeat("x", 200<<10) + "\n" + "\x1b[33m" + strings.Repeat("y", 70<<10),
	}
	for _, in := range inputs {
		for _, color := range []bool{false, true} {
			opts := Options{Color: color}
			var out bytes.Buffer
			if err := WriteText(&out, []byte(in), opts); err != nil {
				t.Fatal(err)
			}
			if want := documentText([]byte(in), opts); out.String() != want {
				t.Errorf("color=%v input %.40q: streamed %d bytes, document %d bytes, differ", color, in, out.Len(), len(want))
			}
		}
	}
}

// TestWriteTextMemoryDoesNotGrowWithLines: five million empty lines (issue 11: 704 MB in
// `bootlog get`) are written with a bounded allocation, not one per line.
func TestWriteTextMemoryDoesNotGrowWithLines(t *testing.T) {
	data := bytes.Repeat([]byte{'\n'}, 5_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	if err := WriteText(writerFunc(func(p []byte) (int, error) { n += len(p); return len(p), nil }), data, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n != len(data) {
		t.Fatalf("wrote %d bytes, want %d", n, len(data))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("allocated %d MiB for 5 MB of newlines; want a few", alloc>>20)
	}
}

// TestWriteTextReportsWriteErrors: a failing writer (a closed pipe) ends with its error.
func TestWriteTextReportsWriteErrors(t *testing.T) {
	broken := errors.New("broken pipe")
	err := WriteText(writerFunc(func([]byte) (int, error) { return 0, broken }), bytes.Repeat([]byte("line\n"), 100_000), Options{})
	if !errors.Is(err, broken) {
		t.Fatalf("err = %v, want the writer's", err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
