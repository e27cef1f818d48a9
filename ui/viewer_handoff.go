package ui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
	"github.com/bootlog/bootlog/ui/console"
	"github.com/bootlog/bootlog/ui/history"
	"github.com/bootlog/bootlog/ui/imageview"
)

// Hand-off: getting the log out of bootlog to where the operator works on it. ctrl+s saves what
// the viewer shows (sanitised: a saved log that is later cat-ed replays nothing; colours kept
// when they are shown) under a descriptive name, alt+s the raw bytes as the VM wrote them, and
// neither ever overwrites a file; the toast names the full path; y, Y and c copy through OSC 52
// (the terminal's clipboard, which also works over SSH); p and e open a temporary copy in $PAGER
// or $EDITOR at the line on screen and delete it afterwards. Everything acts on what the viewer
// shows: the live log or a capture.

func newHandoffCtl(o Options, s config.Settings) handoffCtl {
	dir := o.SaveDir
	if dir == "" {
		dir = "."
	}
	// Inside tmux, OSC 52 is sent a second time wrapped for tmux (clipboard.go); the graphics
	// protocol for screenshots is chosen from the same environment. Both are decided once.
	return handoffCtl{
		saveDir: dir, getenv: os.Getenv, tmux: os.Getenv("TMUX") != "",
		gfx: imageview.Choose(os.Getenv, s.TmuxGraphics),
	}
}

// logSavedMsg answers the save key.
type logSavedMsg struct {
	path string
	err  error
}

// handoffDoneMsg reports that the pager or editor has exited.
type handoffDoneMsg struct {
	what string
	err  error
}

// enableHandoffKeys enables the hand-off keys that apply to what the viewer shows. A file opened
// with `bootlog view` is already saved and names no instance, so save and the CLI command are off.
func (v *viewer) enableHandoffKeys(k *KeyMap) {
	if v.hasContent() {
		enable(&k.CopyLine, &k.CopyAll, &k.Pager, &k.Editor)
		if !v.fileMode() {
			enable(&k.Save, &k.SaveRaw)
		}
	}
	if !v.fileMode() && v.inst.ID != "" {
		enable(&k.CopyCommand)
	}
}

// onHandoffKey handles the hand-off keys; ok is false for any other key.
func (v *viewer) onHandoffKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := &v.keys
	switch {
	case key.Matches(msg, k.Save):
		return v.saveLogCmd(false), true
	case key.Matches(msg, k.SaveRaw):
		return v.saveLogCmd(true), true
	case key.Matches(msg, k.CopyLine):
		line := v.anchorLine()
		if line < 0 || line >= len(v.doc.Plain) {
			return nil, true
		}
		return v.copyText(v.doc.Plain[line], "1 line"), true
	case key.Matches(msg, k.CopyAll):
		// The slice is never modified in place, so the command may read it.
		lines := v.doc.Plain
		return v.copyCmd(func() string { return strings.Join(lines, "\n") }, plural(len(lines), "line")), true
	case key.Matches(msg, k.CopyCommand):
		return v.copyText(cliCommand(v.region, v.inst.ID, v.cfg.Profile, v.cfg.Endpoint), "the aliyun CLI command"), true
	case key.Matches(msg, k.Pager):
		return v.handoffExecCmd("pager"), true
	case key.Matches(msg, k.Editor):
		return v.handoffExecCmd("editor"), true
	}
	return nil, false
}

// saveLogCmd writes the log into the save directory: the lines the viewer shows (sanitised, with
// their colours when colours are on), or with raw the bytes as the VM wrote them, under a name
// that says so. The toast names the absolute path.
func (v *viewer) saveLogCmd(raw bool) tea.Cmd {
	dir, name, id, lu := v.handoff.saveDir, v.inst.Name, v.inst.ID, v.out.LastUpdate
	data, doc, styled := v.out.Data, v.doc, !v.plainText && !v.noColor
	if raw {
		id += ".raw"
	}
	return func() tea.Msg {
		if !raw {
			data = shownText(doc, styled)
		}
		path, err := history.SaveFile(dir, name, id, lu, data)
		if abs, aerr := filepath.Abs(path); err == nil && aerr == nil {
			path = abs
		}
		return logSavedMsg{path: console.SafeLine(path), err: safeErr(err)}
	}
}

// shownText is the document's text as the viewer shows it, one line per "\n": styled, or plain.
func shownText(doc console.Document, styled bool) []byte {
	n := doc.Len()
	for _, l := range doc.Plain {
		n += len(l)
	}
	if styled {
		n += doc.StyleBytes()
	}
	b := make([]byte, 0, n)
	for i, l := range doc.Plain {
		if styled {
			l = doc.Line(i)
		}
		b = append(b, l...)
		b = append(b, '\n')
	}
	return b
}

// onLogSaved reports the save: the path in a toast, or a banner that names the file refused.
func (v *viewer) onLogSaved(msg logSavedMsg) tea.Cmd {
	var exists *history.ExistsError
	switch {
	case errors.As(msg.err, &exists):
		// The name first: a long directory would push it past the window's width.
		dir, name := filepath.Split(exists.Path)
		where := filepath.Clean(dir)
		if where == "." {
			where = "the current directory"
		}
		v.banner = &actionError{what: "not saved", err: fmt.Errorf("%s already exists in %s; bootlog never overwrites a file", name, where)}
		return nil
	case msg.err != nil:
		v.banner = &actionError{what: "not saved", err: msg.err}
		return nil
	}
	v.clearActionBanner()
	return v.showToast("saved "+msg.path, toastInfo)
}

// clearActionBanner removes a hand-off failure from the banner, leaving fetch errors alone.
func (v *viewer) clearActionBanner() {
	if ae := (*actionError)(nil); errors.As(v.banner, &ae) {
		v.banner = nil
	}
}

// handoffExecCmd suspends the program and runs the pager or editor on a copy of the log, starting
// at the top line on screen. The viewer keeps its state, so the operator comes back to the same
// place.
func (v *viewer) handoffExecCmd(kind string) tea.Cmd {
	x := &handoffExec{
		kind:   kind,
		lines:  v.doc.Plain,
		line:   v.topDocLine() + 1,
		getenv: v.handoff.getenv,
		tmpDir: v.handoff.tmpDir,
	}
	return tea.Exec(x, func(err error) tea.Msg { return handoffDoneMsg{what: kind, err: safeErr(err)} })
}

// onHandoffDone reports a pager or editor that could not run or failed.
func (v *viewer) onHandoffDone(msg handoffDoneMsg) tea.Cmd {
	if msg.err != nil {
		v.banner = &actionError{what: msg.what, err: msg.err}
		return nil
	}
	v.clearActionBanner()
	if msg.what == "editor" {
		// The operator may have edited the copy; say where those edits went.
		return v.showToast("editor closed; its temporary copy was deleted", toastInfo)
	}
	return nil
}

// topDocLine is the log line at the top of the view, through the only-matching line map.
func (v *viewer) topDocLine() int {
	top := v.lv.TopLine()
	lm := v.search.lineMap
	if lm == nil {
		return top
	}
	for i := min(top, len(lm)-1); i >= 0 && i < len(lm); i++ {
		if lm[i] >= 0 {
			return lm[i]
		}
	}
	return 0
}

// handoffExec is a tea.ExecCommand: the program releases the terminal, and Run writes the log's
// plain text to a new 0600 temporary file, runs the pager or editor on it and deletes it.
type handoffExec struct {
	kind   string   // "pager" or "editor"
	lines  []string // sanitised plain text, one element per line
	line   int      // 1-based line to open at
	getenv func(string) string
	tmpDir string

	stdin          io.Reader
	stdout, stderr io.Writer
}

// SetStdin is called by the program before Run.
func (x *handoffExec) SetStdin(r io.Reader) { x.stdin = r }

// SetStdout is called by the program before Run.
func (x *handoffExec) SetStdout(w io.Writer) { x.stdout = w }

// SetStderr is called by the program before Run.
func (x *handoffExec) SetStderr(w io.Writer) { x.stderr = w }

// Run writes the copy, runs the program on it and removes the copy whatever happens.
func (x *handoffExec) Run() error {
	f, err := os.CreateTemp(x.tmpDir, "bootlog-*.log") // CreateTemp creates the file 0600
	if err != nil {
		return fmt.Errorf("temporary copy: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	w := bufio.NewWriter(f)
	for _, l := range x.lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("temporary copy: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("temporary copy: %w", err)
	}
	cmd := handoffCommand(x.kind, x.getenv, path, x.line)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = x.stdin, x.stdout, x.stderr
	return cmd.Run()
}

// lineArgEditors take "+N" to open at line N.
var lineArgEditors = map[string]bool{
	"vi": true, "vim": true, "nvim": true, "view": true, "gvim": true, "nano": true, "pico": true,
	"emacs": true, "emacsclient": true, "micro": true, "kak": true, "joe": true, "jed": true,
	"mg": true, "ne": true,
}

// handoffCommand builds the pager (kind "pager") or editor command for path, opening at line when
// the program is known to accept it. The variables are read in the order gh reads its own: the
// pager is $BOOTLOG_PAGER, then $PAGER, then less; the editor $BOOTLOG_EDITOR, then $VISUAL, then
// $EDITOR, then vi. A value may carry arguments ("less -S", "code --wait"), split at spaces as
// shells commonly do.
func handoffCommand(kind string, getenv func(string) string, path string, line int) *osexec.Cmd {
	vars, fallback := []string{"BOOTLOG_PAGER", "PAGER"}, "less"
	if kind == "editor" {
		vars, fallback = []string{"BOOTLOG_EDITOR", "VISUAL", "EDITOR"}, "vi"
	}
	var spec string
	for _, v := range vars {
		if spec = strings.TrimSpace(getenv(v)); spec != "" {
			break
		}
	}
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		fields = []string{fallback}
	}
	name := filepath.Base(fields[0])
	args := append([]string(nil), fields[1:]...)
	line = max(line, 1)
	switch {
	case kind == "pager" && name == "less":
		// "+Ng" is less's "go to line N"; a bare "+N" is not a command to every version.
		args = append(args, fmt.Sprintf("+%dg", line))
	case kind == "pager" && name == "more":
		args = append(args, fmt.Sprintf("+%d", line))
	case kind == "editor" && lineArgEditors[name]:
		args = append(args, fmt.Sprintf("+%d", line))
	case kind == "editor" && (name == "hx" || name == "helix"):
		path = fmt.Sprintf("%s:%d", path, line)
	}
	return osexec.Command(fields[0], append(args, path)...)
}

// cliCommand is the aliyun CLI pipeline that prints the same console output, from the same
// account: the profile bootlog uses, and the endpoint when it is not the public one (the demo's
// emulator, plain HTTP on loopback, also needs --insecure).
func cliCommand(region, id, profile, endpoint string) string {
	cmd := "aliyun ecs GetInstanceConsoleOutput"
	if profile != "" {
		cmd += " --profile " + shellQuote(profile)
	}
	if endpoint != "" {
		host := endpoint
		if rest, ok := strings.CutPrefix(endpoint, "http://"); ok {
			host = rest
			cmd += " --insecure"
		} else {
			host = strings.TrimPrefix(host, "https://")
		}
		cmd += " --endpoint " + shellQuote(strings.TrimSuffix(host, "/"))
	}
	return cmd + " --RegionId " + shellQuote(region) +
		" --InstanceId " + shellQuote(id) + " | jq -r .ConsoleOutput | base64 -d"
}

// shellQuote leaves IDs as they are and single-quotes anything a shell would interpret.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:/", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
