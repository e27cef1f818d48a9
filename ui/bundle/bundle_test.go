package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/ui/findings"
	"github.com/bootlog/bootlog/ui/history"
)

// readArchive opens a tar.gz and returns its members by name, checking each header.
func readArchive(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	out := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if hdr.Typeflag != tar.TypeReg || hdr.Mode != 0o600 || strings.Contains(hdr.Name, "..") {
			t.Errorf("member %s: type %c mode %o", hdr.Name, hdr.Typeflag, hdr.Mode)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[hdr.Name] = b
	}
	return out
}

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR fake")

func sample() Bundle {
	at := time.Date(2026, 11, 30, 14, 3, 5, 0, time.UTC)
	raw := []byte("[    1.0] Linux\r\n\x1b]0;evil title\a[    2.0] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\r\n")
	plain := []string{"[    1.0] Linux", "[    2.0] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"}
	return Bundle{
		Instance:   Instance{ID: "i-bp1abc", Name: "web-01", Region: "cn-hangzhou", Status: "Running", OSType: "linux", LastUpdate: at.Add(-time.Minute), FetchedAt: at},
		CreatedAt:  at,
		Text:       plain,
		Raw:        raw,
		Findings:   FromFindings(findings.Scan(plain, findings.DefaultRules())),
		Timeline:   []Event{{At: at.Add(-time.Minute), Action: "reboot", Status: "Running"}, {At: at, Status: "Stopping"}},
		RequestIDs: []string{"REQ-1", "REQ-2"},
		Screenshot: pngBytes,
	}
}

func TestArchiveMembers(t *testing.T) {
	b := sample()
	data, err := Archive(b)
	if err != nil {
		t.Fatal(err)
	}
	m := readArchive(t, data)
	dir := "bootlog-i-bp1abc-20261130T140305Z/"
	want := []string{"instance.json", "console.log", "console.raw", "findings.json", "timeline.json", "request-ids.txt", "screenshot.png"}
	if len(m) != len(want) {
		t.Fatalf("%d members, want %d: %v", len(m), len(want), m)
	}
	for _, n := range want {
		if _, ok := m[dir+n]; !ok {
			t.Fatalf("no %s", n)
		}
	}
	if got := string(m[dir+"console.log"]); got != strings.Join(b.Text, "\n")+"\n" || strings.ContainsAny(got, "\x1b\a") {
		t.Errorf("console.log %q", got)
	}
	if !bytes.Equal(m[dir+"console.raw"], b.Raw) {
		t.Errorf("console.raw %q", m[dir+"console.raw"])
	}
	if !bytes.Equal(m[dir+"screenshot.png"], pngBytes) {
		t.Error("screenshot differs")
	}
	if got := string(m[dir+"request-ids.txt"]); got != "REQ-1\nREQ-2\n" {
		t.Errorf("request-ids.txt %q", got)
	}
	var inst Instance
	if err := json.Unmarshal(m[dir+"instance.json"], &inst); err != nil || inst.ID != "i-bp1abc" || inst.Region != "cn-hangzhou" || !inst.FetchedAt.Equal(b.CreatedAt) {
		t.Errorf("instance.json %s: %v", m[dir+"instance.json"], err)
	}
	var fs []Finding
	if err := json.Unmarshal(m[dir+"findings.json"], &fs); err != nil || len(fs) != 1 {
		t.Fatalf("findings.json %s: %v", m[dir+"findings.json"], err)
	}
	if f := fs[0]; f.Severity != "critical" || f.Line != 2 || !strings.Contains(f.Text, "Kernel panic") || f.Kind == "" || f.Explanation == "" || f.Remedy == "" {
		t.Errorf("finding %+v", f)
	}
	var tl []Event
	if err := json.Unmarshal(m[dir+"timeline.json"], &tl); err != nil || len(tl) != 2 || tl[0].Action != "reboot" || tl[1].Status != "Stopping" {
		t.Errorf("timeline.json %s: %v", m[dir+"timeline.json"], err)
	}
}

func TestArchiveWithoutScreenshotOrFindings(t *testing.T) {
	b := sample()
	b.Screenshot, b.Findings, b.Timeline, b.RequestIDs = []byte("not an image"), nil, nil, nil
	data, err := Archive(b)
	if err != nil {
		t.Fatal(err)
	}
	m := readArchive(t, data)
	dir := "bootlog-i-bp1abc-20261130T140305Z/"
	for name := range m {
		if strings.Contains(name, "screenshot") {
			t.Errorf("%s stored for bytes that are not an image", name)
		}
	}
	if string(m[dir+"findings.json"]) != "[]\n" || string(m[dir+"timeline.json"]) != "[]\n" || len(m[dir+"request-ids.txt"]) != 0 {
		t.Errorf("empty lists: %q %q %q", m[dir+"findings.json"], m[dir+"timeline.json"], m[dir+"request-ids.txt"])
	}
}

func TestWriteIsPrivateAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName("i-bp1abc", time.Date(2026, 11, 30, 14, 3, 5, 0, time.UTC)))
	if filepath.Base(path) != "bootlog-i-bp1abc-20261130T140305Z.tar.gz" {
		t.Fatalf("name %s", filepath.Base(path))
	}
	if err := Write(path, sample()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode().Perm(), err)
	}
	data, _ := os.ReadFile(path)
	readArchive(t, data)
	os.WriteFile(path, []byte("ticket notes"), 0o600)
	err = Write(path, sample())
	var ee *history.ExistsError
	if !errors.As(err, &ee) || !errors.Is(err, fs.ErrExist) || ee.Path != path {
		t.Fatalf("second write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "ticket notes" {
		t.Fatal("overwritten")
	}
	// A symlink planted at the path is refused too.
	link := filepath.Join(dir, "link.tar.gz")
	os.Symlink(filepath.Join(dir, "target"), link)
	if err := Write(link, sample()); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("symlink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "target")); err == nil {
		t.Fatal("wrote through a symlink")
	}
}

func TestFileNameCannotNameAPath(t *testing.T) {
	at := time.Date(2026, 11, 30, 14, 3, 5, 0, time.UTC)
	for _, id := range []string{"../../etc/passwd", "i-\x1b]0;x\a", "", "...."} {
		n := FileName(id, at)
		if strings.ContainsAny(n, "/\x1b\a") || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, "-20261130T140305Z.tar.gz") {
			t.Errorf("%q → %q", id, n)
		}
	}
}

func TestAddRequestIDBounded(t *testing.T) {
	var ids []string
	for _, id := range []string{"A", "A", "", "B", "C", "D"} {
		ids = AddRequestID(ids, id, 3)
	}
	if strings.Join(ids, ",") != "B,C,D" {
		t.Fatalf("ids %v", ids)
	}
}
