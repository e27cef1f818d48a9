// Command bootlog reads the boot/serial console output of Alibaba Cloud ECS instances in a terminal UI.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "bootlog: under construction")
	os.Exit(2)
}
