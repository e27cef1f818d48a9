package main

import (
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui"
)

// maxViewBytes bounds what `bootlog view` reads, so a mistaken `view /dev/zero` fails cleanly
// instead of eating memory; saved consoles are kilobytes, odd ones a few megabytes.
const maxViewBytes = 512 << 20

func runView(args []string, env environ, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommonFlags("view", stderr)
	c.fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bootlog view FILE|-\n\nOpens a saved or piped console log in the viewer (search, findings, wrap) without talking to ECS.")
		c.fs.PrintDefaults()
	}
	pos, code, ok := c.parseExactly(args, 1)
	if !ok {
		return code
	}
	name, data, err := readViewInput(pos[0], stdin)
	if err != nil {
		return usageError(stderr, "%s", err)
	}
	cfg, err := config.Load(c.configFlags(), env.get, env.homeDir())
	if err != nil {
		return usageError(stderr, "%s", err)
	}
	model := ui.New(nil, cfg, ui.Options{File: &ui.FileSource{Name: name, Data: data}})
	opts := []tea.ProgramOption{tea.WithOutput(stdout)}
	if pos[0] == "-" {
		// The log came on stdin, so keys must come from the terminal itself.
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return usageError(stderr, "view -: no terminal to read keys from: %s", err)
		}
		defer tty.Close()
		opts = append(opts, tea.WithInput(tty))
	} else {
		opts = append(opts, tea.WithInput(stdin))
	}
	if _, err := tea.NewProgram(model, opts...).Run(); err != nil {
		fmt.Fprintf(stderr, "bootlog: %s\n", err)
		return exitAPI
	}
	return exitOK
}

// readViewInput reads FILE or stdin ("-"), refusing directories and anything over maxViewBytes.
func readViewInput(arg string, stdin io.Reader) (string, []byte, error) {
	name, r := "stdin", stdin
	if arg != "-" {
		f, err := os.Open(arg)
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return "", nil, fmt.Errorf("%s is a directory", arg)
		}
		name, r = arg, f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxViewBytes+1))
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxViewBytes {
		return "", nil, fmt.Errorf("%s is larger than %d MiB", name, maxViewBytes>>20)
	}
	return name, data, nil
}
