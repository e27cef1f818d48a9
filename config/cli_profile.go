package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// cliProfile is one profile of the aliyun CLI's config.json, with the fields the Go SDK reads plus
// region_id, which the SDK parses but never uses and bootlog uses as a region default.
type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	RegionID        string `json:"region_id"`
	RAMRoleARN      string `json:"ram_role_arn"`
	RAMRoleName     string `json:"ram_role_name"`
	SourceProfile   string `json:"source_profile"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
}

// cliConfig is ~/.aliyun/config.json as `aliyun configure` writes it.
type cliConfig struct {
	Path     string        `json:"-"`
	Current  string        `json:"current"`
	Profiles []*cliProfile `json:"profiles"`
}

// cliConfigPath is where the SDK looks: $HOME/.aliyun/config.json, hard-coded (the SDK ignores
// ALIBABA_CLOUD_CONFIG_FILE), so bootlog must look at exactly the same place.
func cliConfigPath(home string) string {
	return filepath.Join(home, ".aliyun", "config.json")
}

// errNoCLIConfig means the file does not exist, which is normal for operators without the CLI.
var errNoCLIConfig = errors.New("not found")

// readCLIConfig reads the aliyun CLI configuration. Its errors never quote the file: it holds
// secrets (the SDK's own unmarshal error prints the whole file).
func readCLIConfig(home string) (*cliConfig, error) {
	path := cliConfigPath(home)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoCLIConfig
	}
	if err != nil {
		return nil, fmt.Errorf("unreadable: %v", err)
	}
	conf := &cliConfig{}
	if err := json.Unmarshal(data, conf); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("not valid JSON (at byte %d)", se.Offset)
		}
		return nil, errors.New("not valid aliyun CLI configuration JSON")
	}
	conf.Path = path
	return conf, nil
}

func (c *cliConfig) profile(name string) *cliProfile {
	if c == nil {
		return nil
	}
	for _, p := range c.Profiles {
		if p != nil && p.Name == name {
			return p
		}
	}
	return nil
}

func (c *cliConfig) names() string {
	var n []string
	for _, p := range c.Profiles {
		if p != nil {
			n = append(n, p.Name)
		}
	}
	if len(n) == 0 {
		return "none"
	}
	return strings.Join(n, ", ")
}

// supportedModes are the modes the Go SDK's CLI profile provider implements; the CLI knows more
// (CloudSSO, OAuth, External, ...), which the SDK rejects with "unsupported profile mode".
const supportedModes = "AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn"

// usable reports whether the SDK would build a provider from profile p, mirroring the checks in
// getCredentialsProvider without any network: empty keys, unsupported modes and broken
// source_profile chains are caught here so the first-run screen can name them.
func (c *cliConfig) usable(p *cliProfile, depth int) (bool, string) {
	switch p.Mode {
	case "AK":
		if p.AccessKeyID == "" || p.AccessKeySecret == "" {
			return false, "mode AK but access_key_id or access_key_secret is empty"
		}
	case "StsToken":
		if p.AccessKeyID == "" || p.AccessKeySecret == "" || p.StsToken == "" {
			return false, "mode StsToken but access_key_id, access_key_secret or sts_token is empty"
		}
	case "RamRoleArn":
		if p.AccessKeyID == "" || p.AccessKeySecret == "" || p.RAMRoleARN == "" {
			return false, "mode RamRoleArn but access_key_id, access_key_secret or ram_role_arn is empty"
		}
	case "EcsRamRole":
		// Usable only on an ECS instance; the operator chose it, so trust them.
	case "OIDC":
		if p.OIDCTokenFile == "" || p.OIDCProviderARN == "" || p.RAMRoleARN == "" {
			return false, "mode OIDC but oidc_token_file, oidc_provider_arn or ram_role_arn is empty"
		}
	case "ChainableRamRoleArn":
		// The SDK recurses without a bound, so a cycle would never end there; stop here.
		if depth > 8 {
			return false, "source_profile chain too deep (a cycle?)"
		}
		src := c.profile(p.SourceProfile)
		if src == nil {
			return false, fmt.Sprintf("mode ChainableRamRoleArn but source_profile %q does not exist", p.SourceProfile)
		}
		if ok, why := c.usable(src, depth+1); !ok {
			return false, fmt.Sprintf("source_profile %q: %s", src.Name, why)
		}
		if p.RAMRoleARN == "" {
			return false, "mode ChainableRamRoleArn but ram_role_arn is empty"
		}
	case "":
		return false, "no mode set"
	default:
		return false, fmt.Sprintf("mode %q is not supported by the Alibaba Cloud Go SDK (supported: %s)", p.Mode, supportedModes)
	}
	return true, "mode " + p.Mode
}

// secrets lists every secret the file holds, for Redact.
func (c *cliConfig) secrets() []string {
	var s []string
	if c == nil {
		return nil
	}
	for _, p := range c.Profiles {
		if p != nil {
			s = append(s, p.AccessKeySecret, p.StsToken)
		}
	}
	return s
}
