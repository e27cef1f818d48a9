package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// cliProfile is one profile of the aliyun CLI's config.json: the fields credentials-go reads for
// every mode, credentials_uri (a mode the CLI has and credentials-go lacks, which bootlog serves
// itself), and region_id, which bootlog uses as a region default.
type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	RegionID        string `json:"region_id"`
	RAMRoleARN      string `json:"ram_role_arn"`
	RAMRoleName     string `json:"ram_role_name"`
	ExpiredSeconds  int    `json:"expired_seconds"`
	SourceProfile   string `json:"source_profile"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCToken       string `json:"oidc_token"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
	ProcessCommand  string `json:"process_command"`
	CredentialsURI  string `json:"credentials_uri"`

	// The role fields credentials-go reads besides ram_role_arn, needed where bootlog builds
	// a role itself (a ChainableRamRoleArn chain rooted in an External profile).
	RAMSessionName string `json:"ram_session_name"`
	STSRegion      string `json:"sts_region"`
	EnableVPC      bool   `json:"enable_vpc"`
	Policy         string `json:"policy"`
	ExternalID     string `json:"external_id"`

	SSOSignInURL      string `json:"cloud_sso_sign_in_url"`
	SSOAccountID      string `json:"cloud_sso_account_id"`
	SSOAccessConfig   string `json:"cloud_sso_access_config"`
	SSOAccessToken    string `json:"access_token"`
	SSOAccessTokenExp int64  `json:"cloud_sso_access_token_expire"`

	OAuthSiteType     string `json:"oauth_site_type"`
	OAuthAccessToken  string `json:"oauth_access_token"`
	OAuthRefreshToken string `json:"oauth_refresh_token"`
}

// cliConfig is the aliyun CLI's config.json as `aliyun configure` writes it.
type cliConfig struct {
	Path     string        `json:"-"`
	Current  string        `json:"current"`
	Profiles []*cliProfile `json:"profiles"`
}

// cliConfigPath is the file credentials-go's CLI profile provider reads: ALIBABA_CLOUD_CONFIG_FILE,
// else $HOME/.aliyun/config.json. bootlog hands this path to the provider, so the report and the
// provider always read the same file.
func cliConfigPath(env func(string) string, home string) string {
	if p := env("ALIBABA_CLOUD_CONFIG_FILE"); p != "" {
		return p
	}
	return filepath.Join(home, ".aliyun", "config.json")
}

// errNoCLIConfig means the file does not exist, which is normal for operators without the CLI.
var errNoCLIConfig = errors.New("not found")

// readCLIConfig reads the aliyun CLI configuration at path. Its errors never quote the file: it
// holds secrets (credentials-go's own unmarshal error prints the whole file).
func readCLIConfig(path string) (*cliConfig, error) {
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

// ProfileModes lists the aliyun CLI profile modes bootlog can use, in the order `aliyun configure
// --mode` documents them. The first-run screens name them all.
func ProfileModes() []string {
	return []string{"AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn",
		"CloudSSO", "OAuth", "External", "CredentialsURI"}
}

// maxChain bounds source_profile recursion: credentials-go recurses without a bound, so a cycle
// would never end there; it is stopped here, before the provider is ever built.
const maxChain = 8

// minSessionSeconds is the shortest STS session credentials-go accepts for role modes.
const minSessionSeconds = 900

// usable reports whether credentials-go would build a provider from profile p and have something
// to ask with, mirroring the checks of its builders without any network, so that the first-run
// screen names what is missing. It cannot know whether the server will accept what it finds.
func (c *cliConfig) usable(p *cliProfile, env func(string) string, now time.Time, depth int) (bool, string) {
	need := func(what string, fields ...string) (bool, string) {
		for _, f := range fields {
			if f == "" {
				return false, "mode " + p.Mode + " but " + what + " is empty"
			}
		}
		return true, ""
	}
	ok, why := true, ""
	switch p.Mode {
	case "AK":
		ok, why = need("access_key_id or access_key_secret", p.AccessKeyID, p.AccessKeySecret)
	case "StsToken":
		ok, why = need("access_key_id, access_key_secret or sts_token", p.AccessKeyID, p.AccessKeySecret, p.StsToken)
	case "RamRoleArn":
		ok, why = need("access_key_id, access_key_secret or ram_role_arn", p.AccessKeyID, p.AccessKeySecret, p.RAMRoleARN)
	case "EcsRamRole":
		// Usable only on an ECS instance; the operator chose it, so trust them.
	case "OIDC":
		token := p.OIDCTokenFile
		if token == "" {
			token = p.OIDCToken
		}
		ok, why = need("oidc_token_file, oidc_provider_arn or ram_role_arn", token, p.OIDCProviderARN, p.RAMRoleARN)
	case "ChainableRamRoleArn":
		if depth >= maxChain {
			return false, "source_profile chain too deep (a cycle?)"
		}
		src := c.profile(p.SourceProfile)
		if src == nil {
			return false, fmt.Sprintf("mode ChainableRamRoleArn but source_profile %q does not exist", p.SourceProfile)
		}
		if src.Mode == "CredentialsURI" {
			return false, fmt.Sprintf("source_profile %q is in mode CredentialsURI, which cannot be a role's source", src.Name)
		}
		if ok, why := c.usable(src, env, now, depth+1); !ok {
			return false, fmt.Sprintf("source_profile %q: %s", src.Name, why)
		}
		ok, why = need("ram_role_arn", p.RAMRoleARN)
	case "CloudSSO":
		ok, why = need("cloud_sso_sign_in_url, cloud_sso_account_id or cloud_sso_access_config", p.SSOSignInURL, p.SSOAccountID, p.SSOAccessConfig)
		if ok && (p.SSOAccessToken == "" || p.SSOAccessTokenExp <= now.Unix()) {
			return false, fmt.Sprintf("CloudSSO sign-in expired or missing: sign in again with `aliyun configure --profile %s --mode CloudSSO`", p.Name)
		}
	case "OAuth":
		if _, known := oauthSites[strings.ToUpper(p.OAuthSiteType)]; !known {
			return false, fmt.Sprintf("mode OAuth but oauth_site_type %q is neither CN nor INTL", p.OAuthSiteType)
		}
		if p.OAuthRefreshToken == "" && p.OAuthAccessToken == "" {
			return false, fmt.Sprintf("mode OAuth but not signed in: run `aliyun configure --profile %s --mode OAuth`", p.Name)
		}
	case "External":
		ok, why = need("process_command", p.ProcessCommand)
		if _, err := splitProcessCommand(p.ProcessCommand); ok && err != nil {
			return false, "mode External but " + err.Error()
		}
	case "CredentialsURI":
		ok, why = need("credentials_uri (and ALIBABA_CLOUD_CREDENTIALS_URI is not set)", p.credentialsURI(env))
	case "":
		return false, "no mode set"
	default:
		return false, fmt.Sprintf("mode %q is not supported (supported: %s)", p.Mode, strings.Join(ProfileModes(), ", "))
	}
	if !ok {
		return false, why
	}
	if roleMode(p.Mode) && p.ExpiredSeconds != 0 && p.ExpiredSeconds < minSessionSeconds {
		return false, fmt.Sprintf("expired_seconds %d is below the %d s minimum of an STS session", p.ExpiredSeconds, minSessionSeconds)
	}
	return true, "mode " + p.Mode
}

// oauthSites are the site types credentials-go maps to its OAuth sign-in hosts.
var oauthSites = map[string]bool{"CN": true, "INTL": true}

// roleMode reports whether mode assumes a role through STS with expired_seconds as its duration.
func roleMode(mode string) bool {
	return mode == "RamRoleArn" || mode == "ChainableRamRoleArn" || mode == "OIDC"
}

// credentialsURI is the profile's URI, or ALIBABA_CLOUD_CREDENTIALS_URI as the CLI falls back to.
func (p *cliProfile) credentialsURI(env func(string) string) string {
	if p.CredentialsURI != "" {
		return p.CredentialsURI
	}
	return env("ALIBABA_CLOUD_CREDENTIALS_URI")
}

// secrets lists every secret the file holds, for Redact.
func (c *cliConfig) secrets() []string {
	var s []string
	if c == nil {
		return nil
	}
	for _, p := range c.Profiles {
		if p != nil {
			s = append(s, p.AccessKeySecret, p.StsToken, p.OIDCToken, p.SSOAccessToken, p.OAuthAccessToken, p.OAuthRefreshToken)
			s = append(s, uriSecrets(p.CredentialsURI)...)
		}
	}
	return s
}

// uriSecrets are the parts of a credentials URI that may carry a secret (a password, query
// values): credentials-go quotes the whole URL in its errors.
func uriSecrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return nil
	}
	var s []string
	if pw, ok := u.User.Password(); ok {
		s = append(s, pw)
	}
	for _, vs := range u.Query() {
		s = append(s, vs...)
	}
	return s
}
