package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestListAllRegionsIsNotAllOrNothing (issue 12, item 10): one region's DescribeInstances failing
// still prints every other region's instances, names the failed region on stderr and exits 1;
// scan --all-regions does the same.
func TestListAllRegionsIsNotAllOrNothing(t *testing.T) {
	startFixtures(t, findWorld())
	code, out, errOut := runCmd("list", "--all-regions")
	if code != exitAPI {
		t.Fatalf("exit %d, want %d: %s", code, exitAPI, errOut)
	}
	for _, want := range []string{"web-1", "web-2", "bj-db-1", "fra-web-1", "cn-beijing", "eu-central-1"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "usw-web-1") || !strings.Contains(errOut, "region us-west-1 failed: ") || !strings.Contains(errOut, "server fault") {
		t.Fatalf("stdout:\n%s\nstderr %q", out, errOut)
	}
	code, out, _ = runCmd("list", "--all-regions", "--json")
	var rows []listJSON
	if code != exitAPI || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 5 {
		t.Fatalf("--json: exit %d, %d rows\n%s", code, len(rows), out)
	}
	code, out, errOut = runCmd("scan", "--all-regions")
	if code != exitAPI || !strings.Contains(out, "fra-web-1") || !strings.Contains(errOut, "region us-west-1 failed: ") {
		t.Fatalf("scan: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestListAllRegionsEveryRegionFails: nothing to print, every region named, exit 1.
func TestListAllRegionsEveryRegionFails(t *testing.T) {
	fx := findWorld()
	for i := range fx.Instances {
		fx.Instances[i].Fault = fx.Instances[len(fx.Instances)-1].Fault
	}
	startFixtures(t, fx)
	code, out, errOut := runCmd("list", "--all-regions")
	if code != exitAPI || out != "" || strings.Count(errOut, "failed: ") != 4 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// rfc3339 is a time with its zone as the CLI prints it.
var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)`)

// TestTimesShowTheirZone (issue 12, item 11): a time on stderr carries its zone, in the form
// JSON uses and --wait-update accepts.
func TestTimesShowTheirZone(t *testing.T) {
	startWorld(t)
	code, _, errOut := runCmd("get", "--wait-update", "2026-01-02T03:04:05+08:00", "--poll", "50ms", "--timeout", "200ms", "i-bp1windows00000001")
	// Windows has no serial console: the wait ends at once with the API's answer, not a time.
	if code != exitAPI {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd("get", "--wait-update", "now", "--poll", "50ms", "--timeout", "200ms", "i-bp1linux0000000001")
	if code != exitTimeout || !rfc3339.MatchString(errOut) {
		t.Fatalf("exit %d: the time in %q has no zone", code, errOut)
	}
	startFixtures(t, k8sNodes(t, 50, 50))
	code, out, _ := runCmd("scan")
	if code != exitOK || len(rfc3339.FindAllString(out, -1)) != 2 {
		t.Fatalf("scan of a stale node: exit %d, want two zoned times:\n%s", code, out)
	}
}

// TestConfigFits80Columns (issue 12): every line of `bootlog config` fits 80 columns, with a long
// settings path and a long endpoint, and nothing is lost in the wrapping.
func TestConfigFits80Columns(t *testing.T) {
	startWorld(t)
	deep := filepath.Join(t.TempDir(), strings.Repeat("very-long-directory-name/", 4), "config.toml")
	if err := os.MkdirAll(filepath.Dir(deep), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(deep, []byte("wrap = false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"config"}, {"config", "--demo"}, {"config", "--config", deep, "--region", "ap-southeast-1"}} {
		code, out, errOut := runCmd(args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%v: %d columns: %q", args, w, l)
			}
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{"KEY VALUE SOURCE", "credential sources, in the order bootlog tries them:",
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET): AccessKey pair", "access key secret set", "ALIBABA_CLOUD_ROLE_ARN", "env ALIBABA_CLOUD_ECS_ENDPOINT"} {
			if args[len(args)-1] == "--demo" && strings.Contains(want, "ENDPOINT") {
				continue
			}
			if !strings.Contains(flat, want) {
				t.Errorf("%v: lacks %q:\n%s", args, want, out)
			}
		}
	}
}

// TestDemoHistoryIsApart (issue 12): --demo keeps its capture history in a directory of its own,
// so the demo's made-up boots never mix with the real account's captures of the same region.
func TestDemoHistoryIsApart(t *testing.T) {
	state := t.TempDir()
	env := environ{get: func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	}}
	real, demo := historyDir(env, false), historyDir(env, true)
	if real != filepath.Join(state, "bootlog", "history") || demo != filepath.Join(real, "demo") {
		t.Fatalf("real %q, demo %q", real, demo)
	}
}
