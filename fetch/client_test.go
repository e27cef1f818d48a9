package fetch

import (
	"errors"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in             string
		scheme, domain string
		ok             bool
	}{
		{"", "HTTPS", "", true},
		{"http://127.0.0.1:8080", "HTTP", "127.0.0.1:8080", true},
		{"http://127.0.0.1:8080/", "HTTP", "127.0.0.1:8080", true},
		{"HTTPS://ecs-vpc.cn-hangzhou.aliyuncs.com", "HTTPS", "ecs-vpc.cn-hangzhou.aliyuncs.com", true},
		{"https://[::1]:8443", "HTTPS", "[::1]:8443", true},
		{"ecs.cn-beijing.aliyuncs.com", "HTTPS", "ecs.cn-beijing.aliyuncs.com", true},
		{"localhost:8080", "HTTPS", "localhost:8080", true},
		{" http://127.0.0.1:8080 ", "HTTP", "127.0.0.1:8080", true},
		{"ftp://host", "", "", false},
		{"http://", "", "", false},
		{"http://host/path", "", "", false},
		{"http://host/?a=b", "", "", false},
		{"http://user:pw@host", "", "", false},
		{"http://host:notaport", "", "", false},
		{"http://host:99999", "", "", false},
	}
	for _, tt := range tests {
		scheme, domain, err := parseEndpoint(tt.in)
		if (err == nil) != tt.ok || scheme != tt.scheme || domain != tt.domain {
			t.Errorf("parseEndpoint(%q) = %q, %q, %v", tt.in, scheme, domain, err)
		}
		var fe *Error
		if err != nil && (!errors.As(err, &fe) || fe.Kind != KindInvalidRequest) {
			t.Errorf("parseEndpoint(%q): error %v is not a KindInvalidRequest *Error", tt.in, err)
		}
	}
}

func TestNewDefaultsAndValidation(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := c.opts
	if o.Timeout.Seconds() != 15 || o.RatePerSecond != 10 || o.Burst != 20 || o.PageConcurrency != 20 || o.MaxPages != 200 ||
		o.Retry.MaxAttempts != 4 || o.ZonelessLocation == nil || c.config.Scheme != "HTTPS" || c.config.AutoRetry {
		t.Errorf("defaults: %+v scheme %s autoretry %v", o, c.config.Scheme, c.config.AutoRetry)
	}
	if c.Region() != "" {
		t.Errorf("Region() = %q", c.Region())
	}
	if _, err := New(Options{Region: "cn hangzhou"}); err == nil {
		t.Error("a region with a space was accepted")
	}
	if _, err := New(Options{Endpoint: "gopher://x"}); err == nil {
		t.Error("a gopher endpoint was accepted")
	}
	c2, _ := New(Options{Region: "eu-central-1", Endpoint: "http://127.0.0.1:8080"})
	if c2.Region() != "eu-central-1" || c2.domain != "127.0.0.1:8080" || c2.config.Scheme != "HTTP" {
		t.Errorf("emulator client: region %q domain %q scheme %q", c2.Region(), c2.domain, c2.config.Scheme)
	}
}
