package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegionPrecedence(t *testing.T) {
	all := map[string]string{
		"ALIBABA_CLOUD_REGION_ID": "r-env1",
		"ALIBABACLOUD_REGION_ID":  "r-env2",
		"ALICLOUD_REGION_ID":      "r-env3",
		"REGION_ID":               "r-env4",
		"REGION":                  "r-env5",
	}
	without := func(keys ...string) map[string]string {
		m := map[string]string{}
		for k, v := range all {
			m[k] = v
		}
		for _, k := range keys {
			delete(m, k)
		}
		return m
	}
	tests := []struct {
		name     string
		flags    Flags
		env      map[string]string
		cli      bool   // write config.json (current "default" has region_id cn-hangzhou)
		file     string // settings file content
		want     string
		wantFrom string
	}{
		{"flag beats all", Flags{Region: "r-flag"}, all, true, `region = "r-file"`, "r-flag", "flag --region"},
		{"ALIBABA_CLOUD_REGION_ID", Flags{}, all, true, `region = "r-file"`, "r-env1", "env ALIBABA_CLOUD_REGION_ID"},
		{"ALIBABACLOUD_REGION_ID", Flags{}, without("ALIBABA_CLOUD_REGION_ID"), true, "", "r-env2", "env ALIBABACLOUD_REGION_ID"},
		{"ALICLOUD_REGION_ID", Flags{}, without("ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID"), true, "", "r-env3", "env ALICLOUD_REGION_ID"},
		{"REGION_ID", Flags{}, map[string]string{"REGION_ID": "r-env4", "REGION": "r-env5"}, true, "", "r-env4", "env REGION_ID"},
		{"REGION", Flags{}, map[string]string{"REGION": "r-env5"}, true, "", "r-env5", "env REGION"},
		{"current profile region_id", Flags{}, nil, true, `region = "r-file"`, "cn-hangzhou", `aliyun CLI profile "default" region_id`},
		{"--profile region_id", Flags{Profile: "dev"}, nil, true, "", "eu-central-1", `aliyun CLI profile "dev" region_id (flag --profile)`},
		{"ALIBABA_CLOUD_PROFILE region_id", Flags{}, map[string]string{"ALIBABA_CLOUD_PROFILE": "sts"}, true, "", "ap-southeast-1", "env ALIBABA_CLOUD_PROFILE"},
		{"settings-file profile region_id", Flags{}, nil, true, `profile = "dev"` + "\n" + `region = "r-file"`, "eu-central-1", `profile "dev"`},
		{"settings file", Flags{}, nil, false, `region = "r-file"`, "r-file", "file "},
		{"nothing", Flags{}, nil, false, "", "", "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			if tt.cli {
				writeFile(t, filepath.Join(home, ".aliyun", "config.json"), cliConfigJSON)
			}
			if tt.file != "" {
				writeFile(t, filepath.Join(home, ".config", "bootlog", "config.toml"), tt.file)
			}
			cfg, err := Load(tt.flags, mapEnv(tt.env), home)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Region != tt.want || !strings.Contains(string(cfg.RegionSource), tt.wantFrom) {
				t.Errorf("region %q from %q, want %q from %q", cfg.Region, cfg.RegionSource, tt.want, tt.wantFrom)
			}
			if err := cfg.RequireRegion(); (err != nil) != (tt.want == "") {
				t.Errorf("RequireRegion = %v with region %q", err, cfg.Region)
			}
		})
	}
}

func TestRegionErrors(t *testing.T) {
	home := t.TempDir()
	if _, err := Load(Flags{Region: "cn hangzhou"}, mapEnv(nil), home); err == nil || !strings.Contains(err.Error(), "--region") {
		t.Errorf("bad flag region: %v", err)
	}
	_, err := Load(Flags{}, mapEnv(map[string]string{"ALICLOUD_REGION_ID": "cn/x"}), home)
	if err == nil || !strings.Contains(err.Error(), "ALICLOUD_REGION_ID") {
		t.Errorf("bad env region should name the variable: %v", err)
	}
	cfg, err := Load(Flags{}, mapEnv(nil), home)
	if err != nil {
		t.Fatal(err)
	}
	var rr RegionRequiredError
	if err := cfg.RequireRegion(); !errors.As(err, &rr) {
		t.Fatalf("RequireRegion = %v", err)
	}
	for _, want := range []string{"--region", "ALIBABA_CLOUD_REGION_ID", "region_id", "aliyun configure", "settings file"} {
		if !strings.Contains(rr.Error(), want) {
			t.Errorf("RegionRequiredError lacks %q: %s", want, rr.Error())
		}
	}
}
