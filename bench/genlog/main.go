// Command genlog writes a realistic serial-console log of a given size (see package benchlog) to a
// file, for bench/sidebyside and for trying bootlog on a big log by hand.
//
// Usage: go run ./bench/genlog SIZE FILE   (SIZE in bytes, or with a K, M or G suffix, powers of 1000)
package main

import (
	"fmt"
	"os"

	"github.com/bootlog/bootlog/bench/benchlog"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genlog SIZE FILE (SIZE like 108M)")
		os.Exit(2)
	}
	size, err := benchlog.ParseSize(os.Args[1])
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
