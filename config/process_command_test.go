package config

import (
	"slices"
	"testing"
)

func TestSplitProcessCommand(t *testing.T) {
	cases := []struct {
		in      string
		windows bool
		want    []string
		err     string
	}{
		{in: "helper --json", want: []string{"helper", "--json"}},
		{in: "  helper \t --json\n", want: []string{"helper", "--json"}},
		{in: `"/opt/my tools/helper" --profile 'prod eu'`, want: []string{"/opt/my tools/helper", "--profile", "prod eu"}},
		{in: `helper "" x`, want: []string{"helper", "", "x"}},
		{in: `helper a\ b`, want: []string{"helper", "a b"}},
		{in: `helper "a\"b\\c\$d\e"`, want: []string{"helper", `a"b\c$d\e`}},
		{in: `helper 'a\"b'`, want: []string{"helper", `a\"b`}},
		{in: "helper \\\n--json", want: []string{"helper", "--json"}},
		{in: "helper \"a\\\nb\"", want: []string{"helper", "ab"}},
		{in: `helper -t=^$`, want: []string{"helper", "-t=^$"}},
		{in: `pre"fix"'ed'`, want: []string{"prefixed"}},
		{in: `helper x\`, err: "invalid process_command: it ends with a backslash"},
		{in: `helper "x`, err: "invalid process_command: a quote is not closed"},
		{in: `helper 'x`, err: "invalid process_command: a quote is not closed"},
		{in: "   ", err: "process_command is empty"},
		{in: `"" --json`, err: "process_command is empty"},

		{in: `C:\Tools\helper.exe --json`, windows: true, want: []string{`C:\Tools\helper.exe`, "--json"}},
		{in: `"C:\Program Files\helper.exe" "say \"hi\"" x\`, windows: true, want: []string{`C:\Program Files\helper.exe`, `say "hi"`, `x\`}},
		{in: `"a\\b"`, windows: true, want: []string{`a\\b`}},
	}
	for _, tc := range cases {
		got, err := splitCommandFor(tc.in, tc.windows)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q (windows %v): %q, %v; want error %q", tc.in, tc.windows, got, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q (windows %v): %q, %v; want %q", tc.in, tc.windows, got, err, tc.want)
		}
	}
}
