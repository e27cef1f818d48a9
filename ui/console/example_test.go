package console_test

import (
	"fmt"
	"os"

	"github.com/bootlog/bootlog/ui/console"
)

func ExampleRender() {
	log := []byte("[\x1b[0;32m  OK  \x1b[0m] Started Journal Service.\r\n" +
		"\x1b]0;pwned\x07Progress  10%\rProgress 100%\x1b[K\r\n" +
		"bell\x07 and \u202eoverride\n")
	doc := console.Render(log, console.Options{Color: true})
	for i := range doc.Lines() {
		fmt.Printf("%q\n%q\n", doc.Lines()[i], doc.Plain[i])
	}
	// Output:
	// "[\x1b[32m  OK  \x1b[m] Started Journal Service.\x1b[m"
	// "[  OK  ] Started Journal Service."
	// "Progress 100%"
	// "Progress 100%"
	// "bell\x1b[2m^G\x1b[m and \x1b[2m<U+202E>\x1b[moverride\x1b[m"
	// "bell^G and <U+202E>override"
}

func ExampleWriteText() {
	// Plain mode, as `bootlog get` prints when stdout is not a terminal.
	_ = console.WriteText(os.Stdout, []byte("eth0\tup\r\n\x1b[1mbold\x1b[0m\x1b[6n\n"), console.Options{})
	// Output:
	// eth0    up
	// bold
}
