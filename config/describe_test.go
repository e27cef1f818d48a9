package config

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	home := isolate(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), cliConfigJSON)
	settings := filepath.Join(home, ".config", "bootlog", "config.toml")
	writeFile(t, settings, "theme = \"light\"\nhistory_max = 7\n")
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-beijing")
	t.Setenv("NO_COLOR", "1")

	cfg, err := Load(Flags{Profile: "sts", Endpoint: "http://127.0.0.1:8080", Wrap: boolp(false)}, os.Getenv, home)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cfg.Describe(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	// Each row: key, value, source.
	rows := []struct{ key, value, source string }{
		{"settings file", settings, "read"},
		{"profile", "sts", "flag --profile"},
		{"region", "cn-beijing", "env ALIBABA_CLOUD_REGION_ID"},
		{"endpoint", "http://127.0.0.1:8080", "flag --endpoint"},
		{"vpc", "false", "default"},
		{"credentials", `aliyun CLI profile "sts" (~/.aliyun/config.json, mode StsToken)`, "usable source found locally"},
		{"access key id", "STS.*********0003", ""},
		{"access key secret", "set", ""},
		{"security token", "set", ""},
		{"follow_interval", "10s", "default"},
		{"wrap", "false", "flag --wrap"},
		{"theme", "light", "file " + settings},
		{"no_color", "true", "env NO_COLOR"},
		{"timestamp_zone", "UTC+8", "default"},
		{"history_max", "7", "file " + settings},
	}
	for _, r := range rows {
		re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(r.key) + `\s+` + regexp.QuoteMeta(r.value) + `\s*` + regexp.QuoteMeta(r.source) + `\s*$`)
		if !re.MatchString(got) {
			t.Errorf("no row %q %q %q in:\n%s", r.key, r.value, r.source, got)
		}
	}
	if !strings.Contains(got, `+ aliyun CLI profile "sts"`) {
		t.Errorf("tried list missing:\n%s", got)
	}
	for _, secret := range []string{"stsSecretValue0123456789ab", "CAIS+stsProfileTok/en==XYZ", "STS.stsKeyId00003"} {
		if strings.Contains(got, secret) {
			t.Errorf("Describe prints %q", secret)
		}
	}
}

func TestDescribeNoCredentials(t *testing.T) {
	home := isolate(t)
	cfg, err := Load(Flags{}, os.Getenv, home)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cfg.Describe(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"none found locally", "not found, defaults used", "(none: the TUI asks", "- environment variables", "- credentials URI"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "access key secret") {
		t.Errorf("secret row without a source:\n%s", got)
	}
}

func TestDescribeFetchedCredentials(t *testing.T) {
	home := isolate(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current": "ext", "profiles": [
		{"name": "ext", "mode": "External", "process_command": "sso-helper --json", "access_key_id": "STS.cachedKeyId0001", "access_key_secret": "cachedSecretValue0123"}]}`)
	cfg, err := Load(Flags{}, os.Getenv, home)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cfg.Describe(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !regexp.MustCompile(`(?m)^\s+access key\s+fetched at the first request, refreshed before expiry\s*$`).MatchString(got) {
		t.Errorf("no fetched-credentials row:\n%s", got)
	}
	// The keys a mode like External leaves in config.json are a cache, not the credentials.
	for _, stale := range []string{"access key secret", "STS.", "cachedSecretValue0123"} {
		if strings.Contains(got, stale) {
			t.Errorf("Describe shows %q for a fetched source:\n%s", stale, got)
		}
	}
}
