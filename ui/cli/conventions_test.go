package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// These tests pin the command-line conventions of issue 10: help on stdout with exit 0, short
// usage errors with exit 2, help and suggestions, per-command flags, completion and the man page.

func TestHelpGoesToStdout(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errOut := runCmd(args...)
		if code != exitOK || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
		head := strings.Join(strings.SplitN(out, "\n", 12), "\n")
		if !strings.Contains(head, "USAGE") || !strings.Contains(head, "bootlog [command]") {
			t.Fatalf("%v: the first lines show no usage:\n%s", args, head)
		}
		for _, c := range []string{"get", "list", "scan", "view", "screenshot", "emulator", "config", "completion", "man"} {
			if !strings.Contains(out, "\n    "+c+" ") {
				t.Errorf("%v: command %s not listed:\n%s", args, c, out)
			}
		}
	}
}

func TestGetHelpHasExamples(t *testing.T) {
	isolate(t)
	code, out, _ := runCmd("get", "--help")
	if code != exitOK || !strings.Contains(strings.ToLower(out), "example") || !strings.Contains(out, "bootlog get --wait-update now") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestHelpCommandShowsTheCommandsHelp(t *testing.T) {
	isolate(t)
	code, viaHelp, _ := runCmd("help", "list")
	_, viaFlag, _ := runCmd("list", "--help")
	if code != exitOK || viaHelp != viaFlag || !strings.Contains(viaHelp, "--all-regions") {
		t.Fatalf("exit %d; bootlog help list:\n%s\nbootlog list --help:\n%s", code, viaHelp, viaFlag)
	}
}

// TestUsageErrorsAreShort: the problem on one line, where to read more on the next, nothing on
// stdout, exit 2; never the whole usage.
func TestUsageErrorsAreShort(t *testing.T) {
	isolate(t)
	tests := []struct {
		args      []string
		firstLine string
		seeHelp   string
	}{
		{[]string{"lst"}, `bootlog: unknown command "lst"; did you mean "list"?`, "see 'bootlog --help'"},
		{[]string{"get"}, "bootlog get: missing INSTANCE: the instance whose console output to print", "see 'bootlog get --help'"},
		{[]string{"get", "--bogus", "i-x"}, "bootlog get: unknown flag: --bogus", "see 'bootlog get --help'"},
		{[]string{"--bogus"}, "bootlog: unknown flag: --bogus", "see 'bootlog --help'"},
		{[]string{"get", "a", "b"}, `bootlog get: unexpected argument "b"`, "see 'bootlog get --help'"},
		{[]string{"get", "--timeout", "soon", "i-x"}, `bootlog get: invalid argument "soon" for "--timeout"`, "see 'bootlog get --help'"},
		{[]string{"get", "--region"}, "bootlog get: flag needs an argument: --region", "see 'bootlog get --help'"},
		{[]string{"view", "--endpoint", "x", "saved.log"}, "bootlog view: unknown flag: --endpoint", "see 'bootlog view --help'"},
		{[]string{"list", "extra"}, `bootlog list: unexpected argument "extra"`, "see 'bootlog list --help'"},
		{[]string{"screenshot", "i-x"}, "bootlog screenshot: missing -o FILE", "see 'bootlog screenshot --help'"},
		{[]string{"help", "lsit"}, `bootlog help: no help topic "lsit"; did you mean "list"?`, "see 'bootlog help --help'"},
		{[]string{"completion"}, "bootlog completion: missing SHELL", "see 'bootlog completion --help'"},
		{[]string{"completion", "bsh"}, `bootlog completion: unknown command "bsh"; did you mean "bash"?`, "see 'bootlog completion --help'"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if code != exitUsage || out != "" || len(lines) != 2 {
				t.Fatalf("exit %d, stdout %q, stderr (%d lines) %q", code, out, len(lines), errOut)
			}
			if !strings.HasPrefix(lines[0], tc.firstLine) || lines[1] != tc.seeHelp {
				t.Fatalf("stderr %q, want %q then %q", errOut, tc.firstLine, tc.seeHelp)
			}
		})
	}
}

// TestEachCommandTakesOnlyItsFlags: the ECS flags exist where ECS is called, and only there.
func TestEachCommandTakesOnlyItsFlags(t *testing.T) {
	root := newRoot(environ{get: os.Getenv}, nil, nil, nil)
	ecs := []string{"profile", "region", "endpoint", "vpc", "debug", "demo", "demo-listen"}
	tests := []struct {
		cmd      string
		hasECS   bool
		has, not []string
	}{
		{"bootlog", true, []string{"instance", "wrap", "readonly", "follow-interval"}, []string{"json"}},
		{"get", true, []string{"raw", "json", "output", "wait-update", "force"}, []string{"wrap", "readonly", "instance"}},
		{"list", true, []string{"json", "all-regions"}, []string{"wrap", "raw", "no-color"}},
		{"scan", true, []string{"json", "all-regions", "problems", "wait-after-reboot"}, []string{"wrap", "raw", "instance"}},
		{"screenshot", true, []string{"output"}, []string{"json", "wrap"}},
		{"view", false, []string{"config", "wrap", "line-numbers", "no-color"}, []string{"instance", "readonly"}},
		{"emulator", false, []string{"listen", "fixtures", "latency", "rate-limit"}, []string{"config"}},
		{"config", false, []string{"profile", "region", "endpoint", "config", "demo"}, []string{"debug", "demo-listen", "json"}},
		{"version", false, nil, []string{"config"}},
		{"man", false, nil, []string{"config"}},
	}
	for _, tc := range tests {
		c := root
		if tc.cmd != "bootlog" {
			var err error
			if c, _, err = root.Find([]string{tc.cmd}); err != nil {
				t.Fatal(err)
			}
		}
		has := func(name string) bool { return c.Flags().Lookup(name) != nil }
		for _, f := range ecs {
			if tc.hasECS && !has(f) {
				t.Errorf("%s lacks --%s", tc.cmd, f)
			}
		}
		if !tc.hasECS && tc.cmd != "config" {
			for _, f := range ecs {
				if has(f) {
					t.Errorf("%s takes --%s but never calls ECS", tc.cmd, f)
				}
			}
		}
		for _, f := range tc.has {
			if !has(f) {
				t.Errorf("%s lacks --%s", tc.cmd, f)
			}
		}
		for _, f := range tc.not {
			if has(f) {
				t.Errorf("%s takes --%s, which it does not use", tc.cmd, f)
			}
		}
		if has("profile") && c.Flags().Lookup("profile").Shorthand != "p" {
			t.Errorf("%s: --profile has no -p", tc.cmd)
		}
	}
}

// TestEveryCommandIsDocumented: a one-line description and two or three examples each.
func TestEveryCommandIsDocumented(t *testing.T) {
	root := newRoot(environ{get: os.Getenv}, nil, nil, nil)
	forEach(root, func(c *cobra.Command) {
		if c.Hidden || c.Parent() != nil && c.Parent().Name() == "completion" {
			return // cobra's per-shell completion commands carry their own long instructions
		}
		if c.Short == "" || strings.Contains(c.Short, "\n") {
			t.Errorf("%s: Short %q is not one line", c.CommandPath(), c.Short)
		}
		examples := 0
		for _, l := range strings.Split(c.Example, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				examples++
			}
		}
		if examples < 2 || examples > 3 {
			t.Errorf("%s: %d examples, want 2 or 3:\n%s", c.CommandPath(), examples, c.Example)
		}
	})
}

func TestProfileShortFlag(t *testing.T) {
	startWorld(t)
	code, out, errOut := runCmd("config", "-p", "someprofile")
	if code != exitOK || !strings.Contains(out, "someprofile") || !strings.Contains(out, "flag --profile") {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
}

func TestCompletionScripts(t *testing.T) {
	isolate(t)
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errOut := runCmd("completion", shell)
		if code != exitOK || !strings.Contains(out, "bootlog") || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", shell, code, errOut)
		}
		// Each shell that is installed must parse its script.
		check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}}[shell]
		if check == nil {
			continue
		}
		if _, err := exec.LookPath(check[0]); err != nil {
			if shell == "bash" {
				t.Fatal("bash not installed")
			}
			continue
		}
		script := filepath.Join(t.TempDir(), "bootlog."+shell)
		if err := os.WriteFile(script, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(check[0], append(check[1:], script)...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", shell, check, err, msg)
		}
	}
}

// complete asks bootlog for completions the way the shell scripts do (cobra's hidden __complete
// command) and returns the candidates without the trailing directive line.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, errOut := runCmd(append([]string{"__complete"}, args...)...)
	if code != exitOK {
		t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l != "" && !strings.HasPrefix(l, ":") {
			got = append(got, l)
		}
	}
	return got
}

// TestCompletionUsesLocalFilesOnly completes --profile and --region from the aliyun CLI's file and
// the settings file, and instance IDs from the listing `bootlog list` cached, and checks that no
// completion sent a request to ECS.
func TestCompletionUsesLocalFilesOnly(t *testing.T) {
	srv := startWorld(t)
	home := os.Getenv("HOME")
	writeCLIConfig(t, home, "staging")
	settings := filepath.Join(home, ".config", "bootlog", "config.toml")
	if err := os.MkdirAll(filepath.Dir(settings), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, []byte("region = \"ap-southeast-1\"\nprofile = \"ops\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := complete(t, "get", "--profile", ""); !slices.Equal(got, []string{"ops", "staging"}) {
		t.Errorf("--profile: %q", got)
	}
	if got := complete(t, "list", "--region", ""); !slices.Equal(got, []string{"ap-southeast-1", "cn-hangzhou"}) {
		t.Errorf("--region: %q", got)
	}
	// Before any listing there is nothing to offer, and asking must not list instances.
	before := srv.Calls("DescribeInstances")
	if got := complete(t, "get", ""); len(got) != 0 {
		t.Errorf("instances before a listing: %q", got)
	}
	if code, _, errOut := runCmd("list"); code != exitOK {
		t.Fatalf("list: %s", errOut)
	}
	listed := srv.Calls("DescribeInstances")
	if listed == before {
		t.Fatal("list made no DescribeInstances call")
	}
	got := complete(t, "get", "i-bp1lin")
	if !slices.Equal(got, []string{"i-bp1linux0000000001\tweb-1 (cn-hangzhou)"}) {
		t.Errorf("instance IDs: %q", got)
	}
	if got := complete(t, "get", "erp"); len(got) != 1 || !strings.HasPrefix(got[0], "i-bp1windows00000001\t") {
		t.Errorf("by name: %q", got)
	}
	if got := complete(t, "--instance", ""); len(got) != 3 {
		t.Errorf("--instance: %q", got)
	}
	if got := complete(t, "get", "--region", "cn-shanghai", ""); len(got) != 0 {
		t.Errorf("another region's instances offered: %q", got)
	}
	if got := complete(t, "get", "--demo", ""); len(got) != 0 {
		t.Errorf("--demo offered the real account's instances: %q", got)
	}
	if n := srv.Calls("DescribeInstances") + srv.Calls("DescribeRegions"); n != listed {
		t.Fatalf("completion called ECS: %d calls after the listing's %d", n, listed)
	}
}

func TestManPage(t *testing.T) {
	isolate(t)
	code, out, errOut := runCmd("man")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{".TH BOOTLOG 1", "wait-update", "screenshot", ".SH EXIT STATUS", "4 scan found"} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
}

func TestVersionStamping(t *testing.T) {
	isolate(t)
	old := []string{buildVersion, buildCommit, buildDate}
	t.Cleanup(func() { buildVersion, buildCommit, buildDate = old[0], old[1], old[2] })
	buildVersion, buildCommit, buildDate = "v1.2.3", "0123456789abcdef0123", "2026-11-30T12:00:00Z"
	want := "bootlog v1.2.3 (commit 0123456789ab, built 2026-11-30T12:00:00Z)\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		if code, out, _ := runCmd(args...); code != exitOK || out != want {
			t.Errorf("%v: exit %d, %q, want %q", args, code, out, want)
		}
	}
}
