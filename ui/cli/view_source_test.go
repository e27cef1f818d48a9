package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// A large file is opened end first: its last bytes from a line start, and a loader that reads
// the whole file; a small one is read at once.
func TestViewSourceLargeFileEndFirst(t *testing.T) {
	var b bytes.Buffer
	for i := 0; b.Len() <= viewTailBytes+4096; i++ {
		fmt.Fprintf(&b, "[%10d] line of the log\r\n", i)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.log")
	if err := os.WriteFile(big, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := viewSource(big, nil)
	if err != nil {
		t.Fatal(err)
	}
	if src.Load == nil || src.Data != nil || src.Size != int64(b.Len()) {
		t.Fatalf("large file: load %v, %d bytes of data, size %d", src.Load != nil, len(src.Data), src.Size)
	}
	if !bytes.HasSuffix(b.Bytes(), src.Tail) || len(src.Tail) > viewTailBytes || src.Tail[0] != '[' {
		t.Fatalf("tail of %d bytes is not the file's end from a line start: %q…", len(src.Tail), src.Tail[:20])
	}
	if data, err := src.Load(); err != nil || !bytes.Equal(data, b.Bytes()) {
		t.Fatalf("load: %d bytes, %v", len(data), err)
	}
	small := filepath.Join(dir, "small.log")
	if err := os.WriteFile(small, []byte("one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if src, err := viewSource(small, nil); err != nil || src.Load != nil || string(src.Data) != "one\n" {
		t.Fatalf("small file: %+v, %v", src, err)
	}
}
