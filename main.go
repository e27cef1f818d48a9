// Command bootlog reads the boot/serial console output of Alibaba Cloud ECS instances in a terminal
// UI and from scripts. Everything lives in the packages; main only hands over to the command line.
package main

import (
	"os"

	"github.com/bootlog/bootlog/ui/cli"
)

func main() {
	os.Exit(cli.Main())
}
