package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// validateEndpoint accepts what fetch can point the SDK at: an http or https URL with a host and no
// path, or a bare host[:port] (the SDK's client.Domain form).
func validateEndpoint(s string) error {
	if s == "" {
		return fmt.Errorf("empty endpoint")
	}
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return fmt.Errorf("invalid endpoint URL %q: %v", s, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return fmt.Errorf("invalid endpoint %q: scheme must be http or https", s)
		}
		if u.Host == "" {
			return fmt.Errorf("invalid endpoint %q: no host", s)
		}
		if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("invalid endpoint %q: want scheme://host[:port] with no path, query or user", s)
		}
		return validateHostPort(u.Host, s)
	}
	return validateHostPort(s, s)
}

func validateHostPort(hp, orig string) error {
	host := hp
	if h, p, err := net.SplitHostPort(hp); err == nil {
		n, perr := strconv.Atoi(p)
		if perr != nil || n < 1 || n > 65535 {
			return fmt.Errorf("invalid endpoint %q: bad port %q", orig, p)
		}
		host = h
	} else if strings.Count(hp, ":") == 1 {
		return fmt.Errorf("invalid endpoint %q: %v", orig, err)
	}
	if host == "" {
		return fmt.Errorf("invalid endpoint %q: no host", orig)
	}
	if net.ParseIP(strings.Trim(host, "[]")) != nil {
		return nil
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 {
			return fmt.Errorf("invalid endpoint %q: bad host name %q", orig, host)
		}
		for _, r := range label {
			if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return fmt.Errorf("invalid endpoint %q: bad host name %q", orig, host)
			}
		}
	}
	return nil
}

// resolveEndpoint applies --endpoint > ALIBABA_CLOUD_ECS_ENDPOINT > the settings file.
func resolveEndpoint(flag string, env func(string) string, file *string, filePath string) (string, Source, error) {
	if flag != "" {
		if err := validateEndpoint(flag); err != nil {
			return "", "", fmt.Errorf("--endpoint: %w", err)
		}
		return flag, "flag --endpoint", nil
	}
	if v := env("ALIBABA_CLOUD_ECS_ENDPOINT"); v != "" {
		if err := validateEndpoint(v); err != nil {
			return "", "", fmt.Errorf("environment variable ALIBABA_CLOUD_ECS_ENDPOINT: %w", err)
		}
		return v, "env ALIBABA_CLOUD_ECS_ENDPOINT", nil
	}
	if file != nil {
		return *file, Source("file " + filePath), nil
	}
	return "", SourceDefault, nil
}
