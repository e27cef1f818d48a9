package config

import (
	"strings"
	"testing"
)

func TestValidateEndpoint(t *testing.T) {
	good := []string{"http://127.0.0.1:8080", "https://ecs.cn-hangzhou.aliyuncs.com", "https://ecs.aliyuncs.com/",
		"127.0.0.1:8080", "ecs-vpc.cn-beijing.aliyuncs.com", "localhost", "[::1]:9000", "http://[::1]:9000"}
	bad := []string{"", "ftp://x", "http://", "http://host/path", "http://host?x=1", "http://u:p@host",
		"host:port", "host:0", "host:70000", "bad host", "a..b", "://x"}
	for _, s := range good {
		if err := validateEndpoint(s); err != nil {
			t.Errorf("%q rejected: %v", s, err)
		}
	}
	for _, s := range bad {
		if err := validateEndpoint(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestEndpointAndVPCPrecedence(t *testing.T) {
	home := t.TempDir()
	writeFile(t, DefaultSettingsPath(mapEnv(nil), home), "endpoint = \"file.example.com\"\nvpc = true\n")
	env := map[string]string{"ALIBABA_CLOUD_ECS_ENDPOINT": "http://127.0.0.1:9000", "ALIBABA_CLOUD_ENDPOINT_TYPE": "public"}

	cfg, err := Load(Flags{Endpoint: "https://flag.example.com", VPC: boolp(false)}, mapEnv(env), home)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Endpoint != "https://flag.example.com" || cfg.EndpointSource != "flag --endpoint" || cfg.VPC || cfg.VPCSource != "flag --vpc" {
		t.Errorf("flags: %q %q %v %q", cfg.Endpoint, cfg.EndpointSource, cfg.VPC, cfg.VPCSource)
	}
	cfg, err = Load(Flags{}, mapEnv(env), home)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Endpoint != "http://127.0.0.1:9000" || cfg.EndpointSource != "env ALIBABA_CLOUD_ECS_ENDPOINT" || cfg.VPC {
		t.Errorf("env: %q %q vpc %v", cfg.Endpoint, cfg.EndpointSource, cfg.VPC)
	}
	cfg, err = Load(Flags{}, mapEnv(map[string]string{"ALIBABA_CLOUD_ENDPOINT_TYPE": "VPC"}), home)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.VPC || cfg.Endpoint != "file.example.com" || !strings.HasPrefix(string(cfg.EndpointSource), "file ") {
		t.Errorf("env vpc / file endpoint: %q %q vpc %v", cfg.Endpoint, cfg.EndpointSource, cfg.VPC)
	}
	cfg, err = Load(Flags{}, mapEnv(nil), home)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.VPC || !strings.HasPrefix(string(cfg.VPCSource), "file ") {
		t.Errorf("file vpc: %v %q", cfg.VPC, cfg.VPCSource)
	}
	if _, err := Load(Flags{Endpoint: "ftp://x"}, mapEnv(nil), home); err == nil || !strings.Contains(err.Error(), "--endpoint") {
		t.Errorf("bad flag endpoint: %v", err)
	}
	if _, err := Load(Flags{}, mapEnv(map[string]string{"ALIBABA_CLOUD_ECS_ENDPOINT": "x y"}), home); err == nil ||
		!strings.Contains(err.Error(), "ALIBABA_CLOUD_ECS_ENDPOINT") {
		t.Errorf("bad env endpoint: %v", err)
	}
}
