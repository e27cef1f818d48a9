package history

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a store in a fresh directory with a fake clock that advances a second per call.
func openTest(t *testing.T, maxCount int, maxBytes int64) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "history"), maxCount, maxBytes)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	s.now = func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}
	return s
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestSavePermissionsAndLayout(t *testing.T) {
	s := openTest(t, 0, 0)
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.FixedZone("CST", 8*3600))
	c, saved, err := s.Save("cn-hangzhou", "i-bp1abc", lu, []byte("boot log\n"))
	if err != nil || !saved {
		t.Fatalf("Save = %v, %v", saved, err)
	}
	if got := mode(t, s.Dir()); got != 0o700 {
		t.Errorf("root mode %o", got)
	}
	if got := mode(t, filepath.Join(s.Dir(), "cn-hangzhou")); got != 0o700 {
		t.Errorf("region dir mode %o", got)
	}
	if got := mode(t, filepath.Join(s.Dir(), "cn-hangzhou", "i-bp1abc")); got != 0o700 {
		t.Errorf("instance dir mode %o", got)
	}
	if got := mode(t, c.Path); got != 0o600 {
		t.Errorf("file mode %o", got)
	}
	if filepath.Dir(c.Path) != filepath.Join(s.Dir(), "cn-hangzhou", "i-bp1abc") {
		t.Errorf("capture stored at %s", c.Path)
	}
	if c.Region != "cn-hangzhou" || c.InstanceID != "i-bp1abc" || c.Size != 9 || !c.LastUpdate.Equal(lu) {
		t.Errorf("capture = %+v", c)
	}
	got, err := s.Load(c)
	if err != nil || string(got) != "boot log\n" {
		t.Errorf("Load = %q, %v", got, err)
	}
	list, err := s.List("cn-hangzhou", "i-bp1abc")
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	if l := list[0]; l.Path != c.Path || !l.LastUpdate.Equal(lu) || !l.Fetched.Equal(c.Fetched) || l.Size != 9 || l.Hash != c.Hash {
		t.Errorf("List()[0] = %+v, want %+v", l, c)
	}
}

func TestSaveDedupesAgainstNewest(t *testing.T) {
	s := openTest(t, 0, 0)
	a, saved, err := s.Save("r", "i-1", time.Time{}, []byte("A"))
	if err != nil || !saved {
		t.Fatal(saved, err)
	}
	again, saved, err := s.Save("r", "i-1", time.Time{}, []byte("A"))
	if err != nil || saved || again.Path != a.Path {
		t.Fatalf("second identical Save = %+v, %v, %v", again, saved, err)
	}
	// A→B→A: the third is not identical to the newest (B), so it is stored.
	if _, saved, _ := s.Save("r", "i-1", time.Time{}, []byte("B")); !saved {
		t.Fatal("B not saved")
	}
	if _, saved, _ := s.Save("r", "i-1", time.Time{}, []byte("A")); !saved {
		t.Fatal("A after B not saved")
	}
	list, _ := s.List("r", "i-1")
	if len(list) != 3 {
		t.Fatalf("%d captures, want 3", len(list))
	}
	// Other instances are separate.
	if _, saved, _ := s.Save("r", "i-2", time.Time{}, []byte("A")); !saved {
		t.Error("same content for another instance was deduplicated")
	}
}

func TestListNewestFirst(t *testing.T) {
	s := openTest(t, 0, 0)
	for i := 0; i < 5; i++ {
		if _, _, err := s.Save("r", "i-1", time.Time{}, []byte(fmt.Sprint("capture ", i))); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.List("r", "i-1")
	if err != nil || len(list) != 5 {
		t.Fatalf("List = %d, %v", len(list), err)
	}
	for i, c := range list {
		b, err := s.Load(c)
		if err != nil || string(b) != fmt.Sprint("capture ", 4-i) {
			t.Errorf("list[%d] = %q, %v", i, b, err)
		}
		if i > 0 && !c.Fetched.Before(list[i-1].Fetched) {
			t.Errorf("list[%d] not older than list[%d]", i, i-1)
		}
	}
}

func TestListOrderWithStoppedClock(t *testing.T) {
	s := openTest(t, 0, 0)
	fixed := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return fixed }
	for _, d := range []string{"one", "two", "three"} {
		if _, _, err := s.Save("r", "i-1", time.Time{}, []byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.List("r", "i-1")
	if len(list) != 3 {
		t.Fatalf("%d captures", len(list))
	}
	if b, _ := s.Load(list[0]); string(b) != "three" {
		t.Errorf("newest = %q, want three", b)
	}
}

func TestListEmptyAndInvalid(t *testing.T) {
	s := openTest(t, 0, 0)
	if list, err := s.List("r", "i-none"); err != nil || len(list) != 0 {
		t.Errorf("List of unknown instance = %v, %v", list, err)
	}
	for _, bad := range [][2]string{{"", "i-1"}, {"r", ""}, {"..", "i-1"}, {"r", "../x"}, {"r/x", "i-1"}, {"r", `i\1`}, {"r", "."}} {
		if _, _, err := s.Save(bad[0], bad[1], time.Time{}, []byte("x")); err == nil {
			t.Errorf("Save(%q, %q) succeeded", bad[0], bad[1])
		}
		if _, err := s.List(bad[0], bad[1]); err == nil {
			t.Errorf("List(%q, %q) succeeded", bad[0], bad[1])
		}
	}
}

func TestPruneByCount(t *testing.T) {
	s := openTest(t, 3, 1<<20)
	for i := 0; i < 6; i++ {
		if _, _, err := s.Save("r", "i-1", time.Time{}, []byte(fmt.Sprint("log ", i))); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.List("r", "i-1")
	if len(list) != 3 {
		t.Fatalf("%d captures kept, want 3", len(list))
	}
	for i, c := range list {
		if b, _ := s.Load(c); string(b) != fmt.Sprint("log ", 5-i) {
			t.Errorf("kept %q at %d", b, i)
		}
	}
	// Only capture files remain in the directory: no temporary files, nothing pruned left over.
	entries, _ := os.ReadDir(filepath.Join(s.Dir(), "r", "i-1"))
	if len(entries) != 3 {
		t.Errorf("%d directory entries, want 3", len(entries))
	}
}

func TestPruneByBytes(t *testing.T) {
	s := openTest(t, 100, 250)
	for i := 0; i < 5; i++ {
		if _, _, err := s.Save("r", "i-1", time.Time{}, bytes.Repeat([]byte{byte('a' + i)}, 100)); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.List("r", "i-1")
	if len(list) != 2 {
		t.Fatalf("%d captures kept, want 2 (200 of 250 bytes)", len(list))
	}
	if b, _ := s.Load(list[0]); b[0] != 'e' {
		t.Errorf("newest kept is %q", b[0])
	}
	// A capture larger than the bound on its own is kept (it is the newest), and evicts the rest.
	big, saved, err := s.Save("r", "i-1", time.Time{}, bytes.Repeat([]byte("z"), 1000))
	if err != nil || !saved {
		t.Fatal(saved, err)
	}
	list, _ = s.List("r", "i-1")
	if len(list) != 1 || list[0].Path != big.Path {
		t.Errorf("after oversized save: %+v", list)
	}
}

func TestOpenDefaultsAndErrors(t *testing.T) {
	s, err := Open(t.TempDir(), 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	if s.maxCount != DefaultMaxPerInstance || s.maxBytes != DefaultMaxBytesPerInstance {
		t.Errorf("defaults = %d, %d", s.maxCount, s.maxBytes)
	}
	if _, err := Open("", 1, 1); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if _, err := Open(filepath.Join(file, "sub"), 1, 1); err == nil {
		t.Error("Open under a regular file succeeded")
	}
}

func TestAtomicWriteLeavesNoPartialFiles(t *testing.T) {
	s := openTest(t, 0, 0)
	if _, _, err := s.Save("r", "i-1", time.Time{}, []byte("first")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.Dir(), "r", "i-1")
	// A temporary file left by a crash mid-write is not a capture.
	if err := os.WriteFile(filepath.Join(dir, ".tmp-123.part"), []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Nor is anything else a user drops there.
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "a_b_c.log"), []byte("x"), 0o600)
	list, err := s.List("r", "i-1")
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if b, _ := s.Load(list[0]); string(b) != "first" {
		t.Errorf("capture = %q", b)
	}
	// Saving writes no temporary file that stays behind.
	if _, _, err := s.Save("r", "i-1", time.Time{}, []byte("second")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 5 { // two captures, the crash leftover, notes.txt, a_b_c.log
		t.Errorf("directory holds %v", names)
	}
}

func TestSaveFailsCleanlyWhenDirectoryIsReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	s := openTest(t, 0, 0)
	if _, _, err := s.Save("r", "i-1", time.Time{}, []byte("first")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.Dir(), "r", "i-1")
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if _, _, err := s.Save("r", "i-1", time.Time{}, []byte("second")); err == nil {
		t.Error("Save into a read-only directory succeeded")
	}
}

func TestLoadRefusesPathsOutsideTheStore(t *testing.T) {
	s := openTest(t, 0, 0)
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("secret"), 0o600)
	for _, p := range []string{outside, filepath.Join(s.Dir(), "..", "x"), "relative/path"} {
		if _, err := s.Load(Capture{Path: p}); err == nil || !strings.Contains(err.Error(), "not in the history directory") {
			t.Errorf("Load(%s) error = %v", p, err)
		}
	}
	if _, err := s.Load(Capture{Path: filepath.Join(s.Dir(), "r", "i-1", "missing.log")}); err == nil {
		t.Error("Load of a missing capture succeeded")
	}
}

func TestParseFileNameRoundTrip(t *testing.T) {
	f := time.Date(2026, 11, 26, 14, 10, 0, 123456789, time.UTC)
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	h := strings.Repeat("ab", 16)
	gf, glu, gh, ghealth, err := parseFileName(fileName(f, lu, h, ""))
	if err != nil || !gf.Equal(f) || !glu.Equal(lu) || gh != h || ghealth != "" {
		t.Errorf("round trip = %v %v %v %q %v", gf, glu, gh, ghealth, err)
	}
	_, glu, _, _, err = parseFileName(fileName(f, time.Time{}, h, ""))
	if err != nil || !glu.IsZero() {
		t.Errorf("zero last update = %v, %v", glu, err)
	}
	_, _, gh, ghealth, err = parseFileName(fileName(f, lu, h, "ok"))
	if err != nil || gh != h || ghealth != "ok" {
		t.Errorf("with health = %v %q %v", gh, ghealth, err)
	}
	for _, bad := range []string{"x.log", "a_b_" + h + ".log", fileName(f, lu, h, "") + ".part", fileName(f, lu, strings.Repeat("g", 32), ""),
		fileName(f, lu, h, "") + "_OK.log", strings.TrimSuffix(fileName(f, lu, h, ""), ".log") + "_OK.log",
		strings.TrimSuffix(fileName(f, lu, h, ""), ".log") + "_.log", strings.TrimSuffix(fileName(f, lu, h, "ok"), ".log") + "_x.log"} {
		if _, _, _, _, err := parseFileName(bad); err == nil {
			t.Errorf("parseFileName(%q) succeeded", bad)
		}
	}
}

func TestSaveHealthIsListed(t *testing.T) {
	s, err := Open(t.TempDir(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	if _, _, err := s.SaveHealth("cn-hangzhou", "i-1", lu, []byte("good boot\n"), "ok"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Save("cn-hangzhou", "i-1", lu, []byte("unjudged\n")); err != nil {
		t.Fatal(err)
	}
	c, saved, err := s.SaveHealth("cn-hangzhou", "i-1", lu, []byte("panic\n"), "critical")
	if err != nil || !saved || c.Health != "critical" {
		t.Fatalf("save = %+v %v %v", c, saved, err)
	}
	cs, err := s.List("cn-hangzhou", "i-1")
	if err != nil || len(cs) != 3 {
		t.Fatalf("list = %v %v", cs, err)
	}
	if cs[0].Health != "critical" || cs[1].Health != "" || cs[2].Health != "ok" {
		t.Fatalf("healths %q %q %q", cs[0].Health, cs[1].Health, cs[2].Health)
	}
	if data, err := s.Load(cs[2]); err != nil || string(data) != "good boot\n" {
		t.Fatalf("load the good capture = %q %v", data, err)
	}
	for _, bad := range []string{"OK", "a_b", "../x", strings.Repeat("a", 17)} {
		if _, _, err := s.SaveHealth("cn-hangzhou", "i-1", lu, []byte("x"), bad); err == nil {
			t.Errorf("SaveHealth with health %q succeeded", bad)
		}
	}
}

func TestDefaultDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := DefaultDir(env(map[string]string{"XDG_STATE_HOME": "/state"}), "/home/u"); got != filepath.Join("/state", "bootlog", "history") {
		t.Errorf("with XDG_STATE_HOME: %s", got)
	}
	// A relative XDG_STATE_HOME is invalid per the XDG spec and ignored.
	got := DefaultDir(env(map[string]string{"XDG_STATE_HOME": "state"}), "/home/u")
	if !strings.HasPrefix(got, "/home/u") || !strings.HasSuffix(got, filepath.Join("bootlog", "history")) {
		t.Errorf("relative XDG_STATE_HOME: %s", got)
	}
	if got := DefaultDir(env(nil), ""); got != "" {
		t.Errorf("no home: %q", got)
	}
}
