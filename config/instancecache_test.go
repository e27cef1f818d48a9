package config

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestInstanceCachePath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := InstanceCachePath(env(map[string]string{"XDG_CACHE_HOME": "/xdg"}), "/home/op"); got != filepath.Join("/xdg", "bootlog", "instances.json") {
		t.Errorf("XDG_CACHE_HOME: %s", got)
	}
	// A relative XDG_CACHE_HOME is ignored, as the XDG spec says.
	got := InstanceCachePath(env(map[string]string{"XDG_CACHE_HOME": "rel"}), "/home/op")
	if runtime.GOOS == "linux" && got != filepath.Join("/home/op", ".cache", "bootlog", "instances.json") {
		t.Errorf("default: %s", got)
	}
}

func TestInstanceCacheReplacesOnlyTheListedRegions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "instances.json")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(SaveInstanceCache(path, "prod", []string{"cn-hangzhou"}, []CachedInstance{
		{ID: "i-hz1", Name: "web-1", Region: "cn-hangzhou"}, {ID: "i-hz2", Name: "web-2", Region: "cn-hangzhou"}}))
	must(SaveInstanceCache(path, "prod", []string{"cn-shanghai"}, []CachedInstance{{ID: "i-sh1", Name: "db", Region: "cn-shanghai"}}))
	must(SaveInstanceCache(path, "dev", []string{"cn-hangzhou"}, []CachedInstance{{ID: "i-dev", Region: "cn-hangzhou"}}))
	// A new listing of prod's cn-hangzhou drops i-hz2 and keeps the rest.
	must(SaveInstanceCache(path, "prod", []string{"cn-hangzhou"}, []CachedInstance{{ID: "i-hz1", Name: "web-1", Region: "cn-hangzhou"}}))
	got, err := LoadInstanceCache(path)
	must(err)
	var ids []string
	for _, c := range got {
		ids = append(ids, c.Profile+"/"+c.ID)
	}
	slices.Sort(ids)
	if want := []string{"dev/i-dev", "prod/i-hz1", "prod/i-sh1"}; !slices.Equal(ids, want) {
		t.Fatalf("cache = %v, want %v", ids, want)
	}
	// All regions (nil) replaces everything of the profile.
	must(SaveInstanceCache(path, "prod", nil, []CachedInstance{{ID: "i-sg", Region: "ap-southeast-1"}}))
	got, _ = LoadInstanceCache(path)
	if len(got) != 2 || got[0].ID != "i-sg" || got[1].ID != "i-dev" {
		t.Fatalf("after an all-regions listing: %+v", got)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		must(err)
		dir, err := os.Stat(filepath.Dir(path))
		must(err)
		if st.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
			t.Fatalf("modes: file %v, dir %v", st.Mode().Perm(), dir.Mode().Perm())
		}
	}
}

func TestInstanceCacheSanitises(t *testing.T) {
	path := filepath.Join(t.TempDir(), "instances.json")
	hostile := "web\x1b]52;c;eA==\x07\u009b2J\u202e\r\n\tname"
	err := SaveInstanceCache(path, "p\x1bc", []string{"cn-hangzhou"}, []CachedInstance{
		{ID: "i-ok", Name: hostile, Region: "cn-hangzhou"},
		{ID: "i-bad\x1bc", Name: "x", Region: "cn-hangzhou"}, // not an ID: dropped
		{ID: "i-bad2", Name: "x", Region: "cn hang\x07zhou"}, // not a region: dropped
		{ID: "i-long", Name: strings.Repeat("é", 200), Region: "cn-hangzhou"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadInstanceCache(path)
	if err != nil || len(got) != 2 {
		t.Fatalf("%+v %v", got, err)
	}
	if got[0].Name != "web]52;c;eA==2Jname" || got[0].Profile != "pc" {
		t.Errorf("name %q, profile %q", got[0].Name, got[0].Profile)
	}
	if n := got[1].Name; len(n) > 128 || !strings.HasPrefix(n, "éé") || strings.ContainsRune(n, '\uFFFD') {
		t.Errorf("long name cut badly: %d bytes %q", len(n), n)
	}
	// A hand-edited file is sanitised on the way in too.
	if err := os.WriteFile(path, []byte(`{"version":1,"instances":[{"id":"i-x","name":"a\u001b]2;t\u0007b","region":"cn-hangzhou"},{"id":"\u001bc"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = LoadInstanceCache(path)
	if err != nil || len(got) != 1 || got[0].Name != "a]2;tb" {
		t.Fatalf("edited file: %+v %v", got, err)
	}
}

func TestInstanceCacheBounds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "instances.json")
	if got, err := LoadInstanceCache(path); err != nil || got != nil {
		t.Fatalf("missing file: %v %v", got, err)
	}
	many := make([]CachedInstance, maxCachedInstances+500)
	for i := range many {
		many[i] = CachedInstance{ID: fmt.Sprintf("i-%06d", i), Region: "cn-hangzhou"}
	}
	if err := SaveInstanceCache(path, "p", nil, many); err != nil {
		t.Fatal(err)
	}
	got, err := LoadInstanceCache(path)
	if err != nil || len(got) != maxCachedInstances {
		t.Fatalf("%d entries, %v", len(got), err)
	}
	if err := os.WriteFile(path, make([]byte, maxCacheBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadInstanceCache(path); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("oversized file: %v", err)
	}
	// A corrupt cache is not an obstacle to saving a new listing.
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadInstanceCache(path); err == nil {
		t.Fatal("corrupt file loaded without error")
	}
	if err := SaveInstanceCache(path, "p", nil, many[:1]); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadInstanceCache(path); err != nil || len(got) != 1 {
		t.Fatalf("after replacing a corrupt cache: %v %v", got, err)
	}
}

func TestCompletionProfilesAndRegions(t *testing.T) {
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"dev","profiles":[{"name":"dev","mode":"AK","region_id":"cn-shanghai"},{"name":"prod\u001bc","mode":"AK","region_id":"bad region"}]}`)
	writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), "[default]\ntype = access_key\n[ci]\ntype = access_key\n")
	writeFile(t, filepath.Join(home, ".config", "bootlog", "config.toml"), "region = \"ap-southeast-1\"\nprofile = \"dev\"\n")
	env := func(string) string { return "" }
	if got := CompletionProfiles(env, home, ""); !slices.Equal(got, []string{"ci", "default", "dev", "prodc"}) {
		t.Errorf("profiles %q", got)
	}
	if got := CompletionRegions(env, home, ""); !slices.Equal(got, []string{"ap-southeast-1", "cn-shanghai"}) {
		t.Errorf("regions %q", got)
	}
	// A settings file named on the line that does not exist gives no suggestions, not an error.
	if got := CompletionRegions(env, home, filepath.Join(home, "nope.toml")); !slices.Equal(got, []string{"cn-shanghai"}) {
		t.Errorf("regions with a missing --config: %q", got)
	}
}
