package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch"
)

// TestGetJSONTimeFeedsWaitUpdate is `bootlog get ID --json | jq -r .lastUpdateTime` fed to
// --wait-update: the value is RFC 3339 with its zone, the same instant as the API's raw string
// (kept in lastUpdateTimeRaw), and --wait-update accepts it, waiting for a newer output.
func TestGetJSONTimeFeedsWaitUpdate(t *testing.T) {
	srv := startWorld(t)
	const id = "i-bp1linux0000000001"
	code, out, errOut := runCmd("get", "--json", id)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		LastUpdateTime    *string `json:"lastUpdateTime"`
		LastUpdateTimeRaw string  `json:"lastUpdateTimeRaw"`
		Region            string  `json:"region"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.LastUpdateTime == nil {
		t.Fatalf("%v: %s", err, out)
	}
	at, err := time.Parse(time.RFC3339, *got.LastUpdateTime)
	raw, ok := fetch.ParseLastUpdate(got.LastUpdateTimeRaw, nil)
	if err != nil || !ok || !at.Equal(raw) || got.Region != "cn-hangzhou" {
		t.Fatalf("lastUpdateTime %q (%v) is not the raw %q (%v); region %q", *got.LastUpdateTime, err, got.LastUpdateTimeRaw, ok, got.Region)
	}
	// Nothing newer yet: the wait times out.
	code, _, errOut = runCmd("get", "--wait-update", *got.LastUpdateTime, "--poll", "50ms", "--timeout", "300ms", id)
	if code != exitTimeout {
		t.Fatalf("no reboot: exit %d: %s", code, errOut)
	}
	// After a reboot the new output is printed.
	go func() {
		time.Sleep(100 * time.Millisecond)
		_ = srv.Reboot(id)
	}()
	code, out, errOut = runCmd("get", "--wait-update", *got.LastUpdateTime, "--poll", "100ms", "--timeout", "20s", "--json", id)
	var after struct {
		LastUpdateTime *string `json:"lastUpdateTime"`
	}
	if code != exitOK || json.Unmarshal([]byte(out), &after) != nil || after.LastUpdateTime == nil {
		t.Fatalf("after a reboot: exit %d: %s\n%s", code, errOut, out)
	}
	if newer, _ := time.Parse(time.RFC3339, *after.LastUpdateTime); !newer.After(at) {
		t.Fatalf("printed %s, not newer than %s", *after.LastUpdateTime, *got.LastUpdateTime)
	}
}

// TestGetColorAlwaysThroughAPipe is `bootlog get ID --color=always | cat`: the log's colours
// (SGR) survive the pipe and nothing else does; CLICOLOR_FORCE does the same, --no-color and
// --color=never are plain.
func TestGetColorAlwaysThroughAPipe(t *testing.T) {
	startWorld(t)
	for _, id := range []string{"i-bp1linux0000000001", "i-bp1hostile00000001"} {
		code, out, errOut := runCmd("get", "--color=always", id)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", id, code, errOut)
		}
		requireOnlySGR(t, id, out)
		if id == "i-bp1linux0000000001" && !strings.Contains(out, "\x1b[32mOK") {
			t.Fatalf("colour lost: %q", out)
		}
	}
	t.Setenv("NO_COLOR", "1") // --color=always and CLICOLOR_FORCE both beat it
	if _, out, _ := runCmd("get", "--color", "always", "i-bp1linux0000000001"); !strings.Contains(out, "\x1b[32m") {
		t.Fatalf("--color always under NO_COLOR: %q", out)
	}
	for _, tc := range []struct {
		force string
		args  []string
		color bool
	}{
		{"1", nil, true},
		{"yes", nil, true},
		{"0", nil, false},
		{"", nil, false},
		{"1", []string{"--no-color"}, false},
		{"1", []string{"--color=never"}, false},
	} {
		t.Setenv("CLICOLOR_FORCE", tc.force)
		code, out, errOut := runCmd(append([]string{"get", "i-bp1linux0000000001"}, tc.args...)...)
		if code != exitOK || strings.Contains(out, "\x1b[") != tc.color {
			t.Errorf("CLICOLOR_FORCE=%q %v: exit %d, colour %v, want %v (%s)", tc.force, tc.args, code, !tc.color, tc.color, errOut)
		}
	}
}

func TestColorFlagUsage(t *testing.T) {
	startWorld(t)
	for _, args := range [][]string{
		{"get", "--color=sometimes", "i-bp1linux0000000001"},
		{"get", "--no-color", "--color=always", "i-bp1linux0000000001"},
		{"view", "--color=rainbow", "x.log"},
	} {
		code, out, errOut := runCmd(args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "--color") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

// TestListJSONTimesAreUTC: every time in list --json is RFC 3339 in UTC, and the help states the
// field list with its stability promise.
func TestListJSONTimesAreUTC(t *testing.T) {
	startFixtures(t, findWorld())
	code, out, errOut := runCmd("list", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, r := range rows {
		for _, k := range []string{"creationTime", "startTime"} {
			v, _ := r[k].(string)
			if _, err := time.Parse(time.RFC3339, v); err != nil || !strings.HasSuffix(v, "Z") {
				t.Errorf("%s %s = %q", r["instanceId"], k, v)
			}
		}
	}
	_, help, _ := runCmd("list", "--help")
	for _, want := range []string{"These fields are stable", "instanceId", "privateIps", "creationTime, startTime", "RFC 3339 in UTC"} {
		if !strings.Contains(help, want) {
			t.Errorf("list --help lacks %q", want)
		}
	}
}
