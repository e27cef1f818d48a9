package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// collectMsgs runs cmd and every command in the batches it returns, and gives back the messages
// other than the harness's recorded ticks. Nothing is fed to Update.
func collectMsgs(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := exec(c).(type) {
		case nil, scheduledTick:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			out = append(out, msg)
		}
	}
	return out
}

// clipboardOf returns what the messages of cmd put on the clipboard through OSC 52, and whether
// any did. tea.SetClipboard's message type is unexported, so it is recognised by name.
func clipboardOf(t *testing.T, cmd tea.Cmd) (string, bool) {
	t.Helper()
	for _, msg := range collectMsgs(cmd) {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
			return reflect.ValueOf(msg).String(), true
		}
	}
	return "", false
}

// pressCmd sends one key without draining, and returns the command Update gave back.
func pressCmd(h *harness, k string) tea.Cmd {
	_, cmd := h.m.Update(keyMsg(k))
	return cmd
}

func TestSaveLogNeverOverwrites(t *testing.T) {
	saveDir := t.TempDir()
	h := newHarness(t, standardFetcher(), testConfig(), Options{SaveDir: saveDir})
	h.selectID(webID)
	h.press("enter", "ctrl+s")
	want := filepath.Join(saveDir, "web-01_i-bp1webaaaaaaaaaaaaa1_20261126-140322.log")
	b, err := os.ReadFile(want)
	if err != nil || !bytes.Equal(b, bootLog(60)) {
		t.Fatalf("saved file: %v (%d bytes)", err, len(b))
	}
	if fi, _ := os.Stat(want); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600", fi.Mode().Perm())
	}
	if h.m.toast.text != "saved "+want {
		t.Errorf("toast %q", h.m.toast.text)
	}
	// Saving again refuses and says which file is in the way.
	os.WriteFile(want, []byte("operator's notes"), 0o600)
	h.press("ctrl+s")
	h.mustContain("✗ not saved: web-01_i-bp1webaaaaaaaaaaaaa1_20261126-140322.log already exists in ")
	banner := h.m.bannerView()
	if !strings.Contains(h.m.banner.Error(), saveDir) || !strings.Contains(h.m.banner.Error(), "never overwrites") {
		t.Fatalf("banner %q", h.m.banner)
	}
	if strings.Contains(banner, "refresh failed") || strings.Contains(banner, "retry") {
		t.Fatalf("banner frames a save failure as a refresh failure: %q", banner)
	}
	if b, _ := os.ReadFile(want); string(b) != "operator's notes" {
		t.Fatal("existing file overwritten")
	}
	// A successful save later clears that banner.
	os.Remove(want)
	h.press("ctrl+s")
	if h.m.banner != nil {
		t.Fatalf("banner after a successful save: %v", h.m.banner)
	}
}

func TestSaveLogDefaultsToCurrentDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	h := newHarness(t, standardFetcher(), testConfig(), Options{})
	h.selectID(webID)
	h.press("enter", "ctrl+s")
	name := "web-01_i-bp1webaaaaaaaaaaaaa1_20261126-140322.log"
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil || h.m.toast.text != "saved "+filepath.Join(dir, name) {
		t.Fatalf("save into the current directory: %v, toast %q", err, h.m.toast.text)
	}
	h.press("ctrl+s")
	h.mustContain("✗ not saved: " + name + " already exists in the current")
	if want := name + " already exists in the current directory; bootlog never overwrites a file"; !strings.HasSuffix(h.m.banner.Error(), want) {
		t.Fatalf("banner %q", h.m.banner)
	}
}

func TestCopyLineMatchAndTop(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("g", "j", "j")
	got, ok := clipboardOf(t, pressCmd(h, "y"))
	if !ok || got != h.m.viewer.doc.Plain[2] {
		t.Fatalf("y without a match copied %q, want the top line %q", got, h.m.viewer.doc.Plain[2])
	}
	if h.m.toast.text != "sent 1 line to the clipboard (OSC 52)" {
		t.Errorf("toast %q", h.m.toast.text)
	}
	h.press("/")
	h.typeText("unit 42 ")
	h.press("enter")
	got, _ = clipboardOf(t, pressCmd(h, "y"))
	if !strings.Contains(got, "Starting unit 42 of the boot") {
		t.Fatalf("y with a match copied %q", got)
	}
}

func TestCopyWholeLogIsPlainText(t *testing.T) {
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte("\x1b[32mOK\x1b[0m\tstarted\r\nbell\a\n"), testNow)
	h := openWeb(t, f)
	got, ok := clipboardOf(t, pressCmd(h, "Y"))
	if !ok {
		t.Fatal("Y produced no clipboard message")
	}
	if got != "OK      started\nbell^G" {
		t.Fatalf("Y copied %q", got)
	}
	if h.m.toast.text != "sent 2 lines to the clipboard (OSC 52)" {
		t.Errorf("toast %q", h.m.toast.text)
	}
}

func TestCopyCLICommand(t *testing.T) {
	h := openWeb(t, standardFetcher())
	got, ok := clipboardOf(t, pressCmd(h, "c"))
	want := "aliyun ecs GetInstanceConsoleOutput --profile default --RegionId cn-hangzhou --InstanceId i-bp1webaaaaaaaaaaaaa1 | jq -r .ConsoleOutput | base64 -d"
	if !ok || got != want {
		t.Fatalf("c copied %q", got)
	}
	if h.m.toast.text != "sent the aliyun CLI command to the clipboard (OSC 52)" {
		t.Errorf("toast %q", h.m.toast.text)
	}
	if q := shellQuote("it's; rm"); q != `'it'\''s; rm'` {
		t.Errorf("shellQuote = %s", q)
	}
}

func TestHandoffCommandConstruction(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		kind string
		env  func(string) string
		want []string
	}{
		{"pager", env(), []string{"less", "+42g", "/t/x.log"}},
		{"pager", env("PAGER", "less -S"), []string{"less", "-S", "+42g", "/t/x.log"}},
		{"pager", env("PAGER", "/usr/bin/more"), []string{"/usr/bin/more", "+42", "/t/x.log"}},
		{"pager", env("PAGER", "cat"), []string{"cat", "/t/x.log"}},
		{"editor", env(), []string{"vi", "+42", "/t/x.log"}},
		{"editor", env("EDITOR", "/usr/bin/nvim"), []string{"/usr/bin/nvim", "+42", "/t/x.log"}},
		{"editor", env("EDITOR", "code --wait"), []string{"code", "--wait", "/t/x.log"}},
		{"editor", env("EDITOR", "hx"), []string{"hx", "/t/x.log:42"}},
		{"editor", env("EDITOR", "  "), []string{"vi", "+42", "/t/x.log"}},
	}
	for _, c := range cases {
		cmd := handoffCommand(c.kind, c.env, "/t/x.log", 42)
		if !reflect.DeepEqual(cmd.Args, c.want) {
			t.Errorf("%s %q: args %q, want %q", c.kind, c.env("PAGER")+c.env("EDITOR"), cmd.Args, c.want)
		}
	}
	if got := handoffCommand("pager", env(), "/t/x.log", 0).Args; got[1] != "+1g" {
		t.Errorf("line 0 opens at %q", got[1])
	}
}

// execOf digs the ExecCommand out of the message tea.Exec returns (unexported in bubbletea).
func execOf(t *testing.T, cmd tea.Cmd) *handoffExec {
	t.Helper()
	for _, msg := range collectMsgs(cmd) {
		if fmt.Sprintf("%T", msg) != "tea.execMsg" {
			continue
		}
		f := reflect.ValueOf(msg).FieldByName("cmd")
		if f.IsNil() || f.Elem().Type() != reflect.TypeOf(&handoffExec{}) {
			t.Fatalf("exec command is %v", f.Elem().Type())
		}
		// Rebuild the fields that matter through reflection, which may read unexported fields.
		p := f.Elem().Elem()
		x := &handoffExec{kind: p.FieldByName("kind").String(), line: int(p.FieldByName("line").Int())}
		lines := p.FieldByName("lines")
		for i := 0; i < lines.Len(); i++ {
			x.lines = append(x.lines, lines.Index(i).String())
		}
		return x
	}
	t.Fatal("no tea.Exec message")
	return nil
}

func TestPagerAndEditorKeysOpenAtTopLine(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.press("g", "j", "j", "j")
	x := execOf(t, pressCmd(h, "p"))
	if x.kind != "pager" || x.line != 4 || len(x.lines) != 60 || x.lines[0] != h.m.viewer.doc.Plain[0] {
		t.Fatalf("pager exec: kind %s line %d, %d lines", x.kind, x.line, len(x.lines))
	}
	x = execOf(t, pressCmd(h, "e"))
	if x.kind != "editor" || x.line != 4 {
		t.Fatalf("editor exec: kind %s line %d", x.kind, x.line)
	}
	// In the only-matching view the line is the log's, not the row's.
	h.press("/")
	h.typeText("unit 30 ")
	h.press("enter", "&", "g")
	// "unit 30" is log line 30 (index 29); two context lines above it, the view starts at line 28.
	if x = execOf(t, pressCmd(h, "p")); x.line != 28 {
		t.Fatalf("only-matching pager line %d, want 28 (the first context line)", x.line)
	}
}

func TestHandoffExecUsesPrivateTempCopyAndRemovesIt(t *testing.T) {
	tmp := t.TempDir()
	script := filepath.Join(tmp, "vi")
	// A stand-in editor named vi, so it gets "+N": it prints its arguments, the copy's mode
	// and contents.
	os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\"\nstat -c %a \"$2\"\ncat \"$2\"\n"), 0o700)
	x := &handoffExec{
		kind: "editor", lines: []string{"first", "second"}, line: 2, tmpDir: tmp,
		getenv: func(k string) string {
			if k == "EDITOR" {
				return script
			}
			return ""
		},
	}
	var out bytes.Buffer
	x.SetStdin(strings.NewReader(""))
	x.SetStdout(&out)
	x.SetStderr(&out)
	if err := x.Run(); err != nil {
		t.Fatalf("Run: %v (%s)", err, out.String())
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[0], "+2 "+filepath.Join(tmp, "bootlog-")) {
		t.Fatalf("editor output %q", out.String())
	}
	path := strings.TrimPrefix(lines[0], "+2 ")
	if lines[1] != "600" || lines[2] != "first" || lines[3] != "second" {
		t.Fatalf("copy mode/content: %q", lines[1:])
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("temporary copy left behind: %v", err)
	}
	// A pager that cannot be found is an error, and the copy is still removed.
	x.kind = "pager"
	x.getenv = func(string) string { return filepath.Join(tmp, "no-such-pager") }
	if err := x.Run(); err == nil {
		t.Fatal("missing pager ran")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
		t.Fatalf("temporary directory holds %d entries, want only the script", len(entries))
	}
}

func TestPagerFailureShowsBanner(t *testing.T) {
	h := openWeb(t, standardFetcher())
	h.send(handoffDoneMsg{what: "pager", err: errors.New(`exec: "nope": executable file not found in $PATH`)})
	h.mustContain(`✗ pager: exec: "nope": executable file not found in $PATH`)
	h.send(handoffDoneMsg{what: "editor"})
	if h.m.banner != nil || !strings.Contains(h.m.toast.text, "temporary copy was deleted") {
		t.Fatalf("after the editor: banner %v, toast %q", h.m.banner, h.m.toast.text)
	}
}

func TestHandoffKeysInHelp(t *testing.T) {
	h := openWeb(t, standardFetcher())
	var found []string
	for _, col := range h.m.FullHelp() {
		for _, b := range col {
			if b.Enabled() {
				found = append(found, b.Help().Key)
			}
		}
	}
	for _, want := range []string{"ctrl+s", "y", "Y", "c", "p", "e"} {
		if !strings.Contains(" "+strings.Join(found, " ")+" ", " "+want+" ") {
			t.Errorf("full help lacks %s: %v", want, found)
		}
	}
	// With nothing on screen only the CLI command applies.
	f := standardFetcher()
	f.consoleErr[webID] = errors.New("boom")
	h = openWeb(t, f)
	k := h.m.keys
	if k.Save.Enabled() || k.CopyLine.Enabled() || k.CopyAll.Enabled() || k.Pager.Enabled() || k.Editor.Enabled() || !k.CopyCommand.Enabled() {
		t.Fatal("hand-off keys offered without a log")
	}
}

// TestSaveIsSanitisedRawOnlyOnRequest: ctrl+s writes what the viewer shows, so a hostile log
// saved and later cat-ed replays none of its sequences; alt+s writes the raw bytes under a name
// that says so; both toasts name the full path (issue 12, item 14).
func TestSaveIsSanitisedRawOnlyOnRequest(t *testing.T) {
	saveDir := t.TempDir()
	hostile := "boot \x1b]52;c;ZXZpbA==\a ok\n\x1b]0;pwned title\a\x1b[2Jcleared\n"
	f := standardFetcher()
	f.consoles[webID] = consoleFor(webID, []byte(hostile), testNow.Add(-time.Minute))
	h := newHarness(t, f, testConfig(), Options{SaveDir: saveDir})
	h.selectID(webID)
	h.press("enter", "ctrl+s")
	shown := filepath.Join(saveDir, "web-01_i-bp1webaaaaaaaaaaaaa1_20261126-140822.log")
	b, err := os.ReadFile(shown)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b, "\x1b\a") || !strings.Contains(string(b), "boot") || !strings.Contains(string(b), "cleared") {
		t.Fatalf("ctrl+s saved %q", b)
	}
	if h.m.toast.text != "saved "+shown {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	h.send(tea.KeyPressMsg{Code: 's', Mod: tea.ModAlt})
	raw := filepath.Join(saveDir, "web-01_i-bp1webaaaaaaaaaaaaa1.raw_20261126-140822.log")
	if b, err := os.ReadFile(raw); err != nil || string(b) != hostile {
		t.Fatalf("alt+s saved %q, %v", b, err)
	}
	if fi, _ := os.Stat(raw); fi.Mode().Perm() != 0o600 {
		t.Errorf("raw mode %o", fi.Mode().Perm())
	}
}

// TestCLICommandReachesTheSameAccount: the copied command names the profile, and an endpoint
// that is not the public one (the demo's plain-HTTP emulator needs --insecure).
func TestCLICommandReachesTheSameAccount(t *testing.T) {
	for _, tc := range []struct{ profile, endpoint, want string }{
		{"", "", "aliyun ecs GetInstanceConsoleOutput --RegionId cn-hangzhou"},
		{"prod", "", "aliyun ecs GetInstanceConsoleOutput --profile prod --RegionId cn-hangzhou"},
		{"demo", "http://127.0.0.1:41234", "aliyun ecs GetInstanceConsoleOutput --profile demo --insecure --endpoint 127.0.0.1:41234 --RegionId cn-hangzhou"},
		{"x", "https://ecs-vpc.cn-hangzhou.aliyuncs.com/", "aliyun ecs GetInstanceConsoleOutput --profile x --endpoint ecs-vpc.cn-hangzhou.aliyuncs.com --RegionId cn-hangzhou"},
		{"it's", "", "aliyun ecs GetInstanceConsoleOutput --profile 'it'\\''s' --RegionId cn-hangzhou"},
	} {
		got := cliCommand("cn-hangzhou", webID, tc.profile, tc.endpoint)
		if !strings.HasPrefix(got, tc.want+" --InstanceId "+webID+" | jq -r .ConsoleOutput | base64 -d") {
			t.Errorf("profile %q endpoint %q: %s", tc.profile, tc.endpoint, got)
		}
	}
}
