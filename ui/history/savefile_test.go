package history

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSaveFileNameAndMode(t *testing.T) {
	dir := t.TempDir()
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	path, err := SaveFile(dir, "web-1", "i-bp1abc", lu, []byte("log"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "web-1_i-bp1abc_20261126-140322.log"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(path); string(b) != "log" {
		t.Errorf("content = %q", b)
	}
}

func TestSaveFileNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	path, err := SaveFile(dir, "web-1", "i-1", lu, []byte("original"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = SaveFile(dir, "web-1", "i-1", lu, []byte("replacement"))
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.Path != path || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second SaveFile error = %v", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "original" {
		t.Errorf("file was changed to %q", b)
	}
}

func TestWriteNewRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o600)
	link := filepath.Join(dir, "link.log")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := WriteNew(link, []byte("overwrite")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew through a symlink: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("symlink target changed to %q", b)
	}
	// A dangling symlink is refused too: O_EXCL does not follow it.
	dangling := filepath.Join(dir, "dangling.log")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	if err := WriteNew(dangling, []byte("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew through a dangling symlink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("dangling symlink target was created")
	}
}

func TestWriteNewMissingDirectory(t *testing.T) {
	err := WriteNew(filepath.Join(t.TempDir(), "no", "such", "dir.log"), []byte("x"))
	if err == nil || errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew into a missing directory: %v", err)
	}
}

func TestSaveFileSanitisesNames(t *testing.T) {
	dir := t.TempDir()
	lu := time.Date(2026, 11, 26, 14, 3, 22, 0, time.UTC)
	cases := []struct {
		name, id, want string
	}{
		{"../../etc/passwd", "i-1", "etc-passwd_i-1_20261126-140322.log"},
		{"web server #1", "i-2", "web-server-1_i-2_20261126-140322.log"},
		{".hidden", "i-3", "hidden_i-3_20261126-140322.log"},
		{"--flag", "i-4", "flag_i-4_20261126-140322.log"},
		{"网站服务器", "i-5", "网站服务器_i-5_20261126-140322.log"},
		{"a\\b:c", "i-6", "a-b-c_i-6_20261126-140322.log"},
		{"", "i-7", "i-7_20261126-140322.log"},
		{"x\u202egnp.exe", "i-8", "x-gnp.exe_i-8_20261126-140322.log"},
		{"under_score", "i-9", "under-score_i-9_20261126-140322.log"},
	}
	for _, c := range cases {
		path, err := SaveFile(dir, c.name, c.id, lu, []byte("x"))
		if err != nil {
			t.Errorf("%q: %v", c.name, err)
			continue
		}
		if filepath.Dir(path) != dir || filepath.Base(path) != c.want {
			t.Errorf("SaveFile(%q) = %s, want %s in %s", c.name, path, c.want, dir)
		}
	}
	long := strings.Repeat("n", 300)
	path, err := SaveFile(dir, long, "i-10", time.Time{}, []byte("x"))
	if err != nil || len(filepath.Base(path)) > 2*maxNamePart+10 {
		t.Errorf("long name: %s, %v", path, err)
	}
	path, err = SaveFile(dir, "/", "", time.Time{}, []byte("x"))
	if err != nil || filepath.Base(path) != "bootlog.log" {
		t.Errorf("nothing usable: %s, %v", path, err)
	}
}

// A writer that fails halfway leaves no partial file behind, and its error is what the caller
// gets; one that succeeds leaves exactly what it wrote, 0600.
func TestCreateNewStreamsAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.log")
	errDisk := errors.New("no space left on device")
	err := CreateNew(broken, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a log\n"); err != nil {
			return err
		}
		return errDisk
	})
	if !errors.Is(err, errDisk) {
		t.Fatalf("CreateNew = %v, want the writer's error", err)
	}
	if _, err := os.Lstat(broken); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the partial file is still there (%v)", err)
	}

	good := filepath.Join(dir, "good.log")
	if err := CreateNew(good, func(w io.Writer) error {
		for _, l := range []string{"one\n", "two\n"} {
			if _, err := io.WriteString(w, l); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(good)
	if err != nil || string(got) != "one\ntwo\n" {
		t.Fatalf("file = %q, %v", got, err)
	}
	if fi, _ := os.Stat(good); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, want 0600", fi.Mode().Perm())
	}
	var exists *ExistsError
	if err := CreateNew(good, func(io.Writer) error { t.Fatal("wrote over an existing file"); return nil }); !errors.As(err, &exists) {
		t.Fatalf("CreateNew over an existing file = %v, want *ExistsError", err)
	}
}
