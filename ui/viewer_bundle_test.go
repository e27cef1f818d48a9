package ui

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/bundle"
)

// TestBundleKeyWritesEveryMember: after a screenshot and a watched reboot, X writes one archive
// with the log as shown and as received, the findings, the screenshot, the timeline and the
// RequestIds; a second X in the same second refuses to overwrite it.
func TestBundleKeyWritesEveryMember(t *testing.T) {
	dir := t.TempDir()
	f := rebootingFetcher()
	pic := testPNG(t)
	f.screenshot = func(id string, n int) (fetch.Screenshot, error) {
		return fetch.Screenshot{InstanceID: id, Image: pic, Format: "png", RequestID: "SHOT-REQ"}, nil
	}
	h := newHarness(t, f, testConfig(), Options{SaveDir: dir})
	h.selectID(webID)
	h.press("enter", "S", "esc", "B", "y")
	for range 3 {
		h.fireTicks(rebootTickMsg{})
	}
	if h.m.viewer.reboot.active {
		t.Fatal("the watch did not end")
	}
	if !h.m.keys.Bundle.Enabled() {
		t.Fatal("X is not offered")
	}
	h.press("X")
	path := filepath.Join(dir, bundle.FileName(webID, testNow))
	if h.m.toast.text != "incident bundle saved "+path {
		t.Fatalf("toast %q", h.m.toast.text)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("archive: %v", err)
	}
	members := readTarGz(t, path)
	prefix := strings.TrimSuffix(filepath.Base(path), ".tar.gz") + "/"
	get := func(name string) []byte {
		t.Helper()
		b, ok := members[prefix+name]
		if !ok {
			t.Fatalf("no %s in %v", name, keys(members))
		}
		return b
	}
	if got := string(get("console.log")); !strings.Contains(got, "(after the reboot)") || strings.Contains(got, "Starting unit") {
		t.Errorf("console.log is not the new boot's log: %q", got[:min(len(got), 200)])
	}
	if string(get("console.raw")) != newBootLog {
		t.Errorf("console.raw differs from the bytes received")
	}
	if b := get("screenshot.png"); string(b) != string(pic) {
		t.Error("screenshot differs")
	}
	var tl []bundle.Event
	if err := json.Unmarshal(get("timeline.json"), &tl); err != nil || len(tl) < 3 || tl[0].Action != "reboot" || tl[0].Status != "Running" {
		t.Fatalf("timeline %s: %v", get("timeline.json"), err)
	}
	if last := tl[len(tl)-1]; last.Status != "new boot log" {
		t.Errorf("timeline ends %+v", last)
	}
	var fs []bundle.Finding
	if err := json.Unmarshal(get("findings.json"), &fs); err != nil {
		t.Fatal(err)
	}
	for _, fd := range fs {
		if fd.Severity == "" || fd.Kind == "" || fd.Line < 1 || fd.Text == "" {
			t.Errorf("finding %+v", fd)
		}
	}
	ids := string(get("request-ids.txt"))
	if !strings.Contains(ids, "SHOT-REQ") || !strings.Contains(ids, "REQ-1") {
		t.Errorf("request-ids.txt %q", ids)
	}
	var inst bundle.Instance
	if err := json.Unmarshal(get("instance.json"), &inst); err != nil || inst.ID != webID || inst.Name != "web-01" || inst.Region != "cn-hangzhou" {
		t.Errorf("instance.json %s", get("instance.json"))
	}
	h.press("X")
	if h.m.banner == nil || !strings.Contains(h.m.banner.Error(), "never overwrites") {
		t.Fatalf("second X: banner %v", h.m.banner)
	}
}

// TestBundleFindingsOfAPanic: the findings of a failed boot reach findings.json with their
// explanation and remedy.
func TestBundleFindingsOfAPanic(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, standardFetcher(), testConfig(), Options{SaveDir: dir})
	h.selectID(webID)
	h.press("enter", "X")
	members := readTarGz(t, filepath.Join(dir, bundle.FileName(webID, testNow)))
	var fs []bundle.Finding
	for name, b := range members {
		if strings.HasSuffix(name, "/findings.json") {
			if err := json.Unmarshal(b, &fs); err != nil {
				t.Fatal(err)
			}
		}
	}
	found := false
	for _, f := range fs {
		if f.Severity == "critical" && f.Line == 59 && strings.Contains(f.Text, "Kernel panic") && f.Explanation != "" && f.Remedy != "" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no kernel panic at line 59 in %+v", fs)
	}
}

func readTarGz(t *testing.T, path string) map[string][]byte {
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
		out[hdr.Name] = b
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
