package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// TestHostileStringsNeverReachTheTerminal serves testdata/hostile.json, whose instance name, ID,
// OS name, zone, region local name, console text, API error code and message, and a non-JSON 5xx
// body carry OSC 52, OSC 2, OSC 8, APC, DCS, ESC c, CR, C1 controls and a bidi override, and runs
// every command that prints them. Nothing but SGR may reach stdout or stderr, and the visible part
// of each string must still be there (a test that printed nothing would pass otherwise).
func TestHostileStringsNeverReachTheTerminal(t *testing.T) {
	fx, err := emulator.LoadFixtures(filepath.Join("testdata", "hostile.json"))
	if err != nil {
		t.Fatal(err)
	}
	startFixtures(t, fx)
	evilID := fx.Instances[0].InstanceID
	// A profile name from the aliyun CLI's file reaches `bootlog config`.
	home := os.Getenv("HOME")
	writeCLIConfig(t, home, fx.Instances[0].InstanceName)

	tests := []struct {
		name string
		args []string
		code int
		// visible must appear in stdout+stderr: proof the hostile string was printed, defused.
		visible []string
	}{
		{"list", []string{"list"}, exitOK, []string{"evil-web", "EvilOS", "cn-hangzhou-h", "i-bp1evil", "Click to fix"}},
		{"list all regions", []string{"list", "--all-regions"}, exitOK, []string{"evil-web", "EvilOS"}},
		{"list json", []string{"list", "--json"}, exitOK, []string{"evil-web", "EvilOS"}},
		{"scan", []string{"scan"}, exitOK, []string{"evil-web", "i-bp1evil", "never started"}},
		{"scan json", []string{"scan", "--json"}, exitOK, []string{"evil-web"}},
		{"get", []string{"get", evilID}, exitOK, []string{"login:"}}, // the CR returns over "boot ok", as on a terminal
		{"get json", []string{"get", "--json", evilID}, exitOK, []string{"boot ok"}},
		// Found by name: the lookup's notes and the console pass the same sanitiser.
		{"get by name", []string{"get", "evil-web*"}, exitOK, []string{"login:"}},
		{"ambiguous name", []string{"get", "*"}, exitUsage, []string{"evil-web", "Click to fix", "matches 4 instances"}},
		{"api error", []string{"get", "i-bp1denied0000000002"}, exitAPI, []string{"Forbidden.RAM", "You are not authorized", "-end"}},
		{"non-JSON 5xx", []string{"get", "i-bp1gateway000000003"}, exitAPI, []string{"server fault"}},
		{"invalid base64", []string{"get", "i-bp1notbase64000004"}, exitAPI, []string{"not valid base64"}},
		{"unknown instance", []string{"get", "i-bp1missing" + "\x1b]52;c;eA==\x07" + "\u009b2J"}, exitAPI, []string{"not found"}},
		{"screenshot error", []string{"screenshot", "-o", filepath.Join(t.TempDir(), "s.png"), "i-bp1denied" + "\x1bc"}, exitAPI, []string{"not found"}},
		{"config", []string{"config", "--profile", fx.Instances[0].InstanceName}, exitOK, []string{"evil-web"}},
		{"usage error", []string{"get", "--bogus\x1b]2;t\x07", "x"}, exitUsage, []string{"--bogus"}},
		{"settings error", []string{"config", "--region", "cn\x1b]2;t\x07"}, exitUsage, []string{"invalid region"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout %q\nstderr %q", code, tc.code, out, errOut)
			}
			requireOnlySGR(t, "stdout", out)
			requireOnlySGR(t, "stderr", errOut)
			for _, v := range tc.visible {
				if !strings.Contains(out+errOut, v) {
					t.Errorf("output lacks %q\nstdout %q\nstderr %q", v, out, errOut)
				}
			}
		})
	}

	// JSON escaping keeps the data: jq gets back exactly what ECS sent.
	_, out, _ := runCmd("list", "--json")
	var rows []listJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if rows[0].Name != fx.Instances[0].InstanceName || rows[0].InstanceID != evilID {
		t.Fatalf("list --json changed the data: %q %q", rows[0].Name, rows[0].InstanceID)
	}
}

// requireOnlySGR fails when s holds anything a terminal would act on other than an SGR colour
// sequence: another escape sequence, a C0 control other than newline and tab, DEL, a C1 control
// (as UTF-8 or as a raw byte) or a bidi control.
func requireOnlySGR(t fataler, name, s string) {
	t.Helper()
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			if n := sgrLen(s[i:]); n > 0 {
				i += n
				continue
			}
			t.Fatalf("%s: escape sequence other than SGR at byte %d: %q", name, i, s[i:min(len(s), i+16)])
		}
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			t.Fatalf("%s: control byte %#x at %d: %q", name, c, i, s[max(0, i-16):min(len(s), i+16)])
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			t.Fatalf("%s: invalid UTF-8 byte %#x at %d", name, c, i)
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("%s: C1 control U+%04X at %d", name, r, i)
		case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			t.Fatalf("%s: bidi control U+%04X at %d", name, r, i)
		}
		i += size
	}
}

// sgrLen is the length of the SGR sequence (ESC [ params m) at the start of s, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// writeCLIConfig writes an aliyun CLI config.json under home whose current profile is named name.
func writeCLIConfig(t *testing.T, home, name string) {
	t.Helper()
	conf := map[string]any{
		"current": name,
		"profiles": []map[string]string{{
			"name": name, "mode": "AK", "region_id": "cn-hangzhou",
			"access_key_id": emulator.DefaultAccessKeyID, "access_key_secret": emulator.DefaultAccessKeySecret,
		}},
	}
	data, err := json.Marshal(conf)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(home, ".aliyun")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRequireOnlySGRCatchesEachSequence(t *testing.T) {
	// The checker itself must fail on every hostile form, or the test above proves nothing.
	for _, bad := range []string{"\x1b]52;c;eA==\x07", "\x1b]2;t\x07", "\x1b]8;;u\x1b\\", "\x1b_a\x1b\\", "\x1bP1$r\x1b\\",
		"\x1bc", "a\rb", "\u009b2J", "\x9b", "\u202e", "\x1b[2J", "\x7f"} {
		ft := &fakeT{}
		func() {
			defer func() { _ = recover() }()
			requireOnlySGR(ft, "s", bad)
		}()
		if !ft.failed {
			t.Errorf("%q passed the check", bad)
		}
	}
	ok := &fakeT{}
	requireOnlySGR(ok, "s", "plain \x1b[1;31mred\x1b[0m text\n\ttab")
	if ok.failed {
		t.Error("SGR and plain text failed the check")
	}
}

// fataler is the part of testing.T requireOnlySGR uses, so its own test can watch it fail.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// fakeT records a failure and stops the check, as t.Fatalf would.
type fakeT struct{ failed bool }

func (f *fakeT) Helper() {}

func (f *fakeT) Fatalf(string, ...any) {
	f.failed = true
	panic("fatal")
}
