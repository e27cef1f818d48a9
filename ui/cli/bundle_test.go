package cli

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// untar opens the archive at path and returns its members by base name.
func untar(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	out := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out[filepath.Base(hdr.Name)] = b
	}
}

func TestBundleCommandWritesEveryMember(t *testing.T) {
	startWorld(t)
	path := filepath.Join(t.TempDir(), "incident.tar.gz")
	code, out, errOut := runCmd("bundle", "i-bp1hostile00000001", "-o", path)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, "saved "+path+" (") || !strings.Contains(out, "screenshot included") {
		t.Fatalf("stdout %q", out)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("archive: %v", err)
	}
	m := untar(t, path)
	for _, name := range []string{"instance.json", "console.log", "console.raw", "findings.json", "timeline.json", "request-ids.txt", "screenshot.png"} {
		if _, ok := m[name]; !ok {
			t.Fatalf("no %s in the archive", name)
		}
	}
	if strings.ContainsAny(string(m["console.log"]), "\x1b\a") {
		t.Error("console.log carries escape sequences")
	}
	if !strings.ContainsAny(string(m["console.raw"]), "\x1b") {
		t.Error("console.raw is not the raw log")
	}
	var inst struct{ ID, Name, Region string }
	if err := json.Unmarshal(m["instance.json"], &inst); err != nil || inst.ID != "i-bp1hostile00000001" || inst.Region != "cn-hangzhou" {
		t.Errorf("instance.json %s", m["instance.json"])
	}
	if ids := strings.Fields(string(m["request-ids.txt"])); len(ids) != 2 {
		t.Errorf("request-ids.txt %q: want the console's and the screenshot's", m["request-ids.txt"])
	}
	var fs []map[string]any
	if err := json.Unmarshal(m["findings.json"], &fs); err != nil {
		t.Fatal(err)
	}
	// A second run refuses to overwrite.
	code, _, errOut = runCmd("bundle", "i-bp1hostile00000001", "-o", path)
	if code == exitOK || !strings.Contains(errOut, "never overwrites") {
		t.Fatalf("second run: exit %d, %q", code, errOut)
	}
}

func TestBundleCommandDefaultNameAndErrors(t *testing.T) {
	startWorld(t)
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, errOut := runCmd("bundle", "i-bp1linux0000000001")
	if code != exitOK {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "bootlog-i-bp1linux0000000001-*.tar.gz"))
	if len(matches) != 1 || !strings.Contains(out, matches[0]) {
		t.Fatalf("files %v, stdout %q", matches, out)
	}
	code, _, errOut = runCmd("bundle", "i-bp1nope")
	if code != exitAPI || !strings.Contains(errOut, "not found") {
		t.Fatalf("unknown instance: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd("bundle")
	if code != exitUsage {
		t.Fatalf("no ID: exit %d, %q", code, errOut)
	}
}
