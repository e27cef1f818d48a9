package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// TestGetRawPrintsInvalidBase64AsReceived: the hint of an invalid-base64 answer promises that
// --raw prints the text as received; it does, with a warning on stderr and exit 0.
func TestGetRawPrintsInvalidBase64AsReceived(t *testing.T) {
	fx, err := emulator.LoadFixtures(filepath.Join("testdata", "hostile.json"))
	if err != nil {
		t.Fatal(err)
	}
	startFixtures(t, fx)
	const id = "i-bp1notbase64000004"
	code, out, errOut := runCmd("get", "--raw", id)
	if code != exitOK || out != fx.Instances[3].Console.Base64 {
		t.Fatalf("exit %d, stdout %q, want %q", code, out, fx.Instances[3].Console.Base64)
	}
	if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, "not valid base64") {
		t.Fatalf("no warning on stderr: %q", errOut)
	}
	// Without --raw it stays an error whose hint names --raw.
	code, _, errOut = runCmd("get", id)
	if code != exitAPI || !strings.Contains(errOut, "--raw") {
		t.Fatalf("exit %d: %q", code, errOut)
	}
}

// TestGetRawRefusesATerminal: raw escapes must not run in the operator's terminal unless asked
// for with --force; piping and -o are unaffected (the other tests pipe).
func TestGetRawRefusesATerminal(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pseudo-terminal helper is Linux-only")
	}
	startWorld(t)
	ptmx, tty := openPTY(t)
	// Drain the terminal so a write never blocks on a full buffer.
	go func() { _, _ = io.Copy(io.Discard, ptmx) }()
	run := func(args ...string) (int, string) {
		var errb strings.Builder
		code := Run(context.Background(), args, strings.NewReader(""), tty, &errb)
		return code, errb.String()
	}
	code, errOut := run("get", "--raw", "i-bp1hostile00000001")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != exitUsage || len(lines) != 2 || !strings.Contains(lines[0], "--force") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if code, errOut := run("get", "--raw", "--force", "i-bp1hostile00000001"); code != exitOK {
		t.Fatalf("--force: exit %d, %q", code, errOut)
	}
	saved := filepath.Join(t.TempDir(), "raw.log")
	if code, errOut := run("get", "--raw", "-o", saved, "i-bp1hostile00000001"); code != exitOK {
		t.Fatalf("-o: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(saved); !strings.Contains(string(b), "\x1b]52;") {
		t.Fatalf("-o did not keep the raw bytes: %q", b)
	}
}

// TestDebugLogIsPrivateAndSanitised: --debug refuses a symbolic link, makes an existing file 0600
// and writes no escape sequence from a server message.
func TestDebugLogIsPrivateAndSanitised(t *testing.T) {
	fx, err := emulator.LoadFixtures(filepath.Join("testdata", "hostile.json"))
	if err != nil {
		t.Fatal(err)
	}
	startFixtures(t, fx)
	dir := t.TempDir()

	target := filepath.Join(dir, "victim")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "debug.log")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	code, _, errOut := runCmd("get", "--debug", link, "i-bp1denied0000000002")
	if code != exitUsage || !strings.Contains(errOut, "symbolic link") {
		t.Fatalf("symlink: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Fatalf("the link's target was written: %q", b)
	}

	existing := filepath.Join(dir, "existing.log")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd("get", "--debug", existing, "i-bp1denied0000000002"); code != exitAPI {
		t.Fatalf("exit %d: %q", code, errOut)
	}
	st, err := os.Stat(existing)
	if err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Fatalf("debug log mode %v, %v", st.Mode(), err)
	}
	logged, err := os.ReadFile(existing)
	if err != nil || !strings.Contains(string(logged), "You are not authorized") {
		t.Fatalf("the error was not logged: %q %v", logged, err)
	}
	requireOnlySGR(t, "debug log", string(logged))
}

// TestWaitUpdateShowsProgressOnATerminal: the wait says what it waits for on a terminal's stderr,
// and erases that line before the final message; piped stderr gets only the final message.
func TestWaitUpdateShowsProgressOnATerminal(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pseudo-terminal helper is Linux-only")
	}
	startWorld(t)
	ptmx, tty := openPTY(t)
	screen := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx) // ends when the test closes the terminal side
		screen <- string(b)
	}()
	var out strings.Builder
	args := []string{"get", "--wait-update", "now", "--poll", "20ms", "--timeout", "300ms", "i-bp1linux0000000001"}
	if code := Run(context.Background(), args, strings.NewReader(""), &out, tty); code != exitTimeout {
		t.Fatalf("exit %d", code)
	}
	tty.Close()
	got := <-screen
	if !strings.Contains(got, "waiting for console output of i-bp1linux0000000001") || !strings.Contains(got, "next check in") {
		t.Fatalf("no progress line on the terminal: %q", got)
	}
	if !strings.Contains(got, "\r\x1b[Kbootlog: no console output newer") {
		t.Fatalf("the progress line was not erased before the final message: %q", got)
	}
	code, _, errOut := runCmd(args...)
	if code != exitTimeout || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "waiting") {
		t.Fatalf("piped stderr: exit %d, %q", code, errOut)
	}
}
