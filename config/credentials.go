package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"gopkg.in/ini.v1"
)

// CredentialCheck is one local credential source Load looked at, in the SDK's chain order. Load
// never contacts the network, so a usable source may still be rejected by the server.
type CredentialCheck struct {
	Source string // e.g. `aliyun CLI profile "dev" (~/.aliyun/config.json)`
	Usable bool   // the SDK would get credentials from it without an error
	Detail string // what was found: "mode AK", "not set", "not found", ...

	AccessKeyID string // masked key ID this source supplies, "" when none or not applicable
	SecretSet   bool   // an AccessKey secret is present
	TokenSet    bool   // a security token is present
}

// String is the check as one line for the first-run screen.
func (c CredentialCheck) String() string {
	return c.Source + ": " + c.Detail
}

// summary merges source and detail for CredentialSource: `aliyun CLI profile "dev"
// (~/.aliyun/config.json, mode AK)`.
func (c CredentialCheck) summary() string {
	if strings.HasSuffix(c.Source, ")") {
		return strings.TrimSuffix(c.Source, ")") + ", " + c.Detail + ")"
	}
	return c.Source + " (" + c.Detail + ")"
}

// HasCredentials reports whether any local source looks usable, and lists every source tried, for
// the first-run screen and NoCredentialsHelp.
func (c Config) HasCredentials() (bool, []string) {
	ok := false
	tried := make([]string, 0, len(c.CredentialChecks))
	for _, ch := range c.CredentialChecks {
		ok = ok || ch.Usable
		tried = append(tried, ch.String())
	}
	return ok, tried
}

// credentialPlan is what resolveCredentials decided.
type credentialPlan struct {
	provider credentials.CredentialsProvider
	source   string
	checks   []CredentialCheck
	secrets  []string
}

// resolveCredentials builds the SDK provider and inspects, without network, the same sources it
// will read. With an explicit profile only that CLI profile is consulted, as the SDK's CLI provider
// does; otherwise the default chain: env, OIDC, CLI profile, credentials file, ECS RAM role,
// credentials URI.
//
// The SDK reads os.Getenv and $HOME itself; env and home must describe the same process
// environment (main passes os.Getenv and the user's home), or the report will disagree with it.
func resolveCredentials(explicitProfile string, env func(string) string, home string, cli *cliConfig, cliErr error) credentialPlan {
	var p credentialPlan
	for _, name := range []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"} {
		p.secrets = append(p.secrets, env(name))
	}
	p.secrets = append(p.secrets, cli.secrets()...)

	if explicitProfile != "" {
		p.provider = credentials.NewCLIProfileCredentialsProviderBuilder().WithProfileName(explicitProfile).Build()
		p.checks = []CredentialCheck{checkCLIProfile(explicitProfile, env, home, cli, cliErr)}
	} else {
		p.provider = credentials.NewDefaultCredentialsProvider()
		cliName := env("ALIBABA_CLOUD_PROFILE")
		if cliName == "" && cli != nil {
			cliName = cli.Current
		}
		ini, iniSecrets := checkINI(env, home)
		p.secrets = append(p.secrets, iniSecrets...)
		p.checks = []CredentialCheck{
			checkEnv(env),
			checkOIDC(env),
			checkCLIProfile(cliName, env, home, cli, cliErr),
			ini,
			checkECSRole(env),
			checkURI(env),
		}
	}
	for _, c := range p.checks {
		if c.Usable {
			p.source = c.summary()
			return p
		}
	}
	if explicitProfile != "" {
		p.source = p.checks[0].summary()
	} else {
		p.source = "default credential chain (no local source found; ECS instance RAM role if running on ECS)"
	}
	return p
}

func checkEnv(env func(string) string) CredentialCheck {
	c := CredentialCheck{Source: "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)"}
	id, secret, token := env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), env("ALIBABA_CLOUD_SECURITY_TOKEN")
	c.AccessKeyID, c.SecretSet, c.TokenSet = maskKeyID(id), secret != "", token != ""
	switch {
	case id == "" && secret == "":
		c.Detail = "not set"
	case id == "":
		c.Detail = "ALIBABA_CLOUD_ACCESS_KEY_ID not set"
	case secret == "":
		c.Detail = "ALIBABA_CLOUD_ACCESS_KEY_SECRET not set"
	case token != "":
		c.Usable, c.Detail = true, "STS token from ALIBABA_CLOUD_SECURITY_TOKEN"
	default:
		c.Usable, c.Detail = true, "AccessKey pair"
	}
	return c
}

func checkOIDC(env func(string) string) CredentialCheck {
	c := CredentialCheck{Source: "OIDC role (ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_ROLE_ARN)"}
	file, arn, role := env("ALIBABA_CLOUD_OIDC_TOKEN_FILE"), env("ALIBABA_CLOUD_OIDC_PROVIDER_ARN"), env("ALIBABA_CLOUD_ROLE_ARN")
	switch {
	case file == "" && arn == "":
		c.Detail = "not set"
	case file == "" || arn == "" || role == "":
		c.Detail = "incomplete: all three variables are needed"
	default:
		if _, err := os.Stat(file); err != nil {
			c.Detail = fmt.Sprintf("token file %s unreadable", file)
		} else {
			c.Usable, c.Detail = true, "role "+role
		}
	}
	return c
}

func checkCLIProfile(name string, env func(string) string, home string, cli *cliConfig, cliErr error) CredentialCheck {
	c := CredentialCheck{Source: fmt.Sprintf("aliyun CLI profile %q (%s)", name, tildePath(home, cliConfigPath(home)))}
	if name == "" {
		c.Source = fmt.Sprintf("aliyun CLI profile (%s)", tildePath(home, cliConfigPath(home)))
	}
	if strings.EqualFold(env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") {
		c.Detail = "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"
		return c
	}
	if cliErr != nil {
		c.Detail = "file " + cliErr.Error()
		return c
	}
	if len(cli.Profiles) == 0 {
		c.Detail = "no profiles in the file"
		return c
	}
	if name == "" {
		c.Detail = "no profile selected (the file has no current profile)"
		return c
	}
	prof := cli.profile(name)
	if prof == nil {
		c.Detail = fmt.Sprintf("no such profile (profiles: %s)", cli.names())
		return c
	}
	c.AccessKeyID, c.SecretSet, c.TokenSet = maskKeyID(prof.AccessKeyID), prof.AccessKeySecret != "", prof.StsToken != ""
	c.Usable, c.Detail = cli.usable(prof, 0)
	return c
}

// checkINI mirrors the SDK's ProfileCredentialsProvider with the same ini library.
func checkINI(env func(string) string, home string) (CredentialCheck, []string) {
	path := env("ALIBABA_CLOUD_CREDENTIALS_FILE")
	if path == "" {
		path = filepath.Join(home, ".alibabacloud", "credentials")
	}
	section := env("ALIBABA_CLOUD_PROFILE")
	if section == "" {
		section = "default"
	}
	c := CredentialCheck{Source: fmt.Sprintf("credentials file %s [%s]", tildePath(home, path), section)}
	if _, err := os.Stat(path); err != nil {
		c.Detail = "not found"
		return c, nil
	}
	f, err := ini.Load(path)
	if err != nil {
		c.Detail = "not a valid ini file"
		return c, nil
	}
	var secrets []string
	for _, s := range f.Sections() {
		secrets = append(secrets, s.Key("access_key_secret").String())
	}
	s, err := f.GetSection(section)
	if err != nil {
		c.Detail = "no such section"
		return c, secrets
	}
	id, secret := s.Key("access_key_id").String(), s.Key("access_key_secret").String()
	switch typ := s.Key("type").String(); typ {
	case "access_key":
		c.AccessKeyID, c.SecretSet = maskKeyID(id), secret != ""
		if id == "" || secret == "" {
			c.Detail = "type access_key but access_key_id or access_key_secret is empty"
		} else {
			c.Usable, c.Detail = true, "type access_key"
		}
	case "ecs_ram_role":
		c.Usable, c.Detail = true, fmt.Sprintf("type ecs_ram_role, role %q (works only on an ECS instance)", s.Key("role_name").String())
	case "ram_role_arn":
		c.AccessKeyID, c.SecretSet = maskKeyID(id), secret != ""
		if id == "" || secret == "" || s.Key("role_arn").String() == "" || s.Key("role_session_name").String() == "" {
			c.Detail = "type ram_role_arn but access_key_id, access_key_secret, role_arn or role_session_name is empty"
		} else {
			c.Usable, c.Detail = true, "type ram_role_arn"
		}
	case "":
		c.Detail = "section has no type"
	default:
		c.Detail = fmt.Sprintf("type %q is not supported (access_key, ecs_ram_role, ram_role_arn)", typ)
	}
	return c, secrets
}

// checkECSRole never calls the metadata service: that costs up to two seconds off ECS. The role
// counts only when the operator named it.
func checkECSRole(env func(string) string) CredentialCheck {
	c := CredentialCheck{Source: "ECS instance RAM role (ALIBABA_CLOUD_ECS_METADATA)"}
	switch role := env("ALIBABA_CLOUD_ECS_METADATA"); {
	case strings.EqualFold(env("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true"):
		c.Detail = "disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"
	case role != "":
		c.Usable, c.Detail = true, fmt.Sprintf("role %q (works only on an ECS instance)", role)
	default:
		c.Detail = "not set (only on an ECS instance; set it to the instance's RAM role name)"
	}
	return c
}

func checkURI(env func(string) string) CredentialCheck {
	c := CredentialCheck{Source: "credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)"}
	if env("ALIBABA_CLOUD_CREDENTIALS_URI") == "" {
		c.Detail = "not set"
	} else {
		c.Usable, c.Detail = true, "set"
	}
	return c
}

// maskKeyID keeps enough of an AccessKey ID to tell keys apart. The ID is not a secret (it is sent
// in clear on every request) but there is no need to print it whole.
func maskKeyID(id string) string {
	if id == "" {
		return ""
	}
	if len(id) <= 8 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + strings.Repeat("*", len(id)-8) + id[len(id)-4:]
}

// tildePath shortens paths under home for display.
func tildePath(home, p string) string {
	if home == "" {
		return p
	}
	if rel, err := filepath.Rel(home, p); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
		return filepath.Join("~", rel)
	}
	return p
}
