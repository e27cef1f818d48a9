// Command genlog writes a realistic serial-console log of a given size (see package benchlog) to a
// file, for bench/sidebyside and for trying bootlog on a big log by hand.
//
// Usage: go run ./bench/genlog SIZE FILE   (SIZE in bytes, or with a K, M or G suffix, powers of 1000)
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/bootlog/bootlog/bench/benchlog"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genlog SIZE FILE (SIZE like 108M)")
		os.Exit(2)
	}
	size, err := parseSize(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(2)
	}
	f, err := os.Create(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
	if err := benchlog.Write(f, size); err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
}

// parseSize reads "64K", "108M", "1G" or a plain byte count.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1000, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1000*1000, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1000*1000*1000, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q: want a positive byte count such as 65536 or 108M", s)
	}
	return n * mult, nil
}
