package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui"
)

// maxViewBytes bounds what `bootlog view` reads, so a mistaken `view /dev/zero` fails cleanly
// instead of eating memory; saved consoles are kilobytes, odd ones a few megabytes.
const maxViewBytes = 512 << 20

func newViewCommand(env environ) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "view FILE|-",
		Short: "Open a saved log file (or - for stdin) in the viewer",
		Long: `Opens a saved or piped console log in the viewer (search, findings, wrap) without talking to ECS.

With - the log is read from stdin and keys from the terminal.`,
		Example: `  bootlog view web-1_i-bp1abcdefghijklmnop_20261130T101500Z.log
  bootlog get --raw i-bp1abcdefghijklmnop | bootlog view -
  journalctl -b -1 | bootlog view --line-numbers -`,
		Args: oneArg("FILE", "the log to open, or - to read it from stdin"),
		// Files complete as the shell does by default.
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
	}
	o := newOptions(cmd.Flags()).addConfigFile().addNoColor().addViewer()
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if _, err := o.colorMode(); err != nil {
			return usagef(cmd, "%s", err)
		}
		src, err := viewSource(args[0], cmd.InOrStdin())
		if err != nil {
			return usagef(cmd, "%s", err)
		}
		cfg, err := config.Load(o.configFlags(), env.get, env.homeDir())
		if err != nil {
			return usagef(cmd, "%s", config.Redact(err.Error()))
		}
		model := ui.New(nil, cfg, ui.Options{File: src})
		keys := cmd.InOrStdin()
		if args[0] == "-" {
			// The log came on stdin, so keys must come from the terminal itself.
			tty, err := os.Open("/dev/tty")
			if err != nil {
				return usagef(cmd, "view -: no terminal to read keys from: %s", err)
			}
			defer tty.Close()
			keys = tty
		}
		size := src.Size
		if src.Load == nil {
			size = int64(len(src.Data))
		}
		ctx, stop := context.WithCancel(cmd.Context())
		defer stop()
		limitViewMemory(ctx, size)
		return runTUI(model, keys, cmd.OutOrStdout())
	}
	return cmd
}

// viewTailBytes is the size from which a file is opened end first: only its last viewTailBytes
// are read before the viewer starts, and the whole file is read while they are on screen. Reading
// 100 MB takes a good part of a second; the end, which is where the viewer opens, takes nothing.
const viewTailBytes = 1 << 20

// Memory: the file is read into one buffer of its size (readViewInput), the lines point into it,
// and once it is loaded a soft memory limit holds the process near issue 16's budget (membudget.go).
//
// viewSource is the log to open: a large regular file as its end plus a loader for the whole,
// anything else read at once by readViewInput.
func viewSource(arg string, stdin io.Reader) (*ui.FileSource, error) {
	if arg != "-" {
		if st, err := os.Stat(arg); err == nil && st.Mode().IsRegular() && st.Size() > viewTailBytes {
			if st.Size() > maxViewBytes {
				return nil, fmt.Errorf("%s is larger than %d MiB", arg, maxViewBytes>>20)
			}
			tail, err := readTail(arg, st.Size())
			if err != nil {
				return nil, err
			}
			load := func() ([]byte, error) {
				_, data, err := readViewInput(arg, nil)
				return data, err
			}
			return &ui.FileSource{Name: arg, Load: load, Tail: tail, Size: st.Size()}, nil
		}
	}
	name, data, err := readViewInput(arg, stdin)
	if err != nil {
		return nil, err
	}
	return &ui.FileSource{Name: name, Data: data}, nil
}

// readTail reads the last viewTailBytes of the file at path, whose size is size.
func readTail(path string, size int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, viewTailBytes)
	n, err := f.ReadAt(buf, size-viewTailBytes)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	buf = buf[:n]
	// The first line is most likely cut; the viewer must not show half a line as a whole one.
	if i := bytes.IndexByte(buf, '\n'); i >= 0 {
		buf = buf[i+1:]
	}
	return buf, nil
}

// readViewInput reads FILE or stdin ("-"), refusing directories and anything over maxViewBytes.
func readViewInput(arg string, stdin io.Reader) (string, []byte, error) {
	name, r, size := "stdin", stdin, 0
	if arg != "-" {
		f, err := os.Open(arg)
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			return "", nil, fmt.Errorf("%s is a directory", arg)
		}
		if err == nil && st.Mode().IsRegular() && st.Size() <= maxViewBytes {
			// One buffer of the file's size: io.ReadAll's growing buffer leaves about as much
			// garbage again as the log, which doubled the peak memory of viewing a big file.
			size = int(st.Size())
		}
		name, r = arg, f
	}
	var buf bytes.Buffer
	buf.Grow(size + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(r, maxViewBytes+1)); err != nil {
		return "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	data := buf.Bytes()
	if len(data) > maxViewBytes {
		return "", nil, fmt.Errorf("%s is larger than %d MiB", name, maxViewBytes>>20)
	}
	return name, data, nil
}
