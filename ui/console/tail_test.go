package console

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// RenderTail's lines are the whole log's last lines, for every n, with and without a final line
// end, CRLF or LF, and n beyond the line count.
func TestRenderTailIsTheEnd(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "line %d\r\n", i)
		if i%7 == 0 {
			b.WriteString("\n") // an empty line
		}
	}
	for _, data := range []string{b.String(), strings.TrimSuffix(b.String(), "\r\n"), "", "one", "one\n", "\n\n"} {
		whole := Render([]byte(data), Options{})
		for n := 0; n <= len(whole.Plain)+2; n++ {
			tail := RenderTail([]byte(data), Options{}, n)
			want := whole.Plain[max(len(whole.Plain)-n, 0):]
			if !slices.Equal(tail.Plain, want) {
				t.Fatalf("%q, n=%d: %q, want %q", data, n, tail.Plain, want)
			}
		}
	}
}
