package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"
	"gopkg.in/ini.v1"
)

// CredentialCheck is one local credential source Load looked at, in the chain's order. Load
// never contacts the network, so a usable source may still be rejected by the server.
type CredentialCheck struct {
	Source string // e.g. `aliyun CLI profile "dev" (~/.aliyun/config.json)`
	Usable bool   // credentials-go would get credentials from it without an error
	Detail string // what was found: "mode AK", "not set", "not found", ...

	AccessKeyID string // masked key ID this source supplies, "" when none or not applicable
	SecretSet   bool   // an AccessKey secret is present
	TokenSet    bool   // a security token is present
	// Fetched means the keys are not in the source itself: they are fetched (STS, sign-in, a
	// process, a URL) at the first request and again before they expire.
	Fetched bool
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

// The aliyun CLI's variables for an AccessKey and the profile name, in the CLI's order: the first
// one set wins. The bare ACCESS_KEY_ID family the CLI also reads is left out on purpose: names
// that generic are set by unrelated tools, and would silently pick the identity.
var (
	accessKeyIDVars     = []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID"}
	accessKeySecretVars = []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET"}
	securityTokenVars   = []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}
	profileVars         = []string{"ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"}
)

// firstEnv returns the value of the first variable of names that is set, and its name.
func firstEnv(env func(string) string, names []string) (value, name string) {
	for _, n := range names {
		if v := env(n); v != "" {
			return v, n
		}
	}
	return "", ""
}

// credentialRequest is what resolveCredentials works from.
type credentialRequest struct {
	// explicitProfile, when set, is the only source: the CLI profile of that name.
	explicitProfile string
	// env and home must describe the same process environment credentials-go reads (main passes
	// os.Getenv and the user's home), or the report will disagree with it: a few of its
	// builders read variables bootlog does not pass (ALIBABA_CLOUD_IMDSV1_DISABLED, ...).
	env  func(string) string
	home string
	cli  *cliConfig
	// cliPath is the aliyun CLI configuration file; cliErr is why it could not be read.
	cliPath string
	cliErr  error
	now     time.Time
	// stsEndpoint overrides the STS host of the OIDC variables' role and of the roles bootlog
	// builds over an External profile (tests point it at a local
	// fake); empty means credentials-go's choice from ALIBABA_CLOUD_STS_REGION and
	// ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED.
	stsEndpoint string
}

// credentialPlan is what resolveCredentials decided.
type credentialPlan struct {
	chain   *credentialChain
	source  string
	checks  []CredentialCheck
	secrets []string
}

// resolveCredentials inspects, without network, every source of the chain and builds the chain
// of credentials-go providers over the usable ones, in this order: the environment's AccessKey,
// the OIDC variables, the aliyun CLI profile, the credentials file, a named ECS RAM role, the
// credentials URI, and last, unless disabled, the ECS instance's role found through the
// metadata service. That is credentials-go's default chain, except that an unnamed ECS role comes
// last: asking the metadata service off ECS costs seconds, and a credentials URI set by the
// operator says more than a role nobody named. With an explicit profile only that profile is
// consulted, as credentials-go's CLI provider does.
func resolveCredentials(r credentialRequest) credentialPlan {
	var p credentialPlan
	for _, names := range [][]string{accessKeySecretVars, securityTokenVars} {
		for _, n := range names {
			p.secrets = append(p.secrets, r.env(n))
		}
	}
	p.secrets = append(p.secrets, r.env("ALIBABA_CLOUD_OIDC_TOKEN"))
	p.secrets = append(p.secrets, uriSecrets(r.env("ALIBABA_CLOUD_CREDENTIALS_URI"))...)
	p.secrets = append(p.secrets, r.cli.secrets()...)

	var sources []credentialSource
	if r.explicitProfile != "" {
		sources = []credentialSource{cliProfileSource(r, r.explicitProfile)}
	} else {
		profile, _ := firstEnv(r.env, profileVars)
		cliName := profile
		if cliName == "" && r.cli != nil {
			cliName = r.cli.Current
		}
		ini, iniSecrets := iniSource(r.env, r.home, profile)
		p.secrets = append(p.secrets, iniSecrets...)
		sources = []credentialSource{
			envSource(r.env),
			oidcSource(r.env, r.stsEndpoint),
			cliProfileSource(r, cliName),
			ini,
			ecsRoleSource(r.env),
			uriSource(r.env),
		}
	}
	p.chain = newCredentialChain(sources)
	if r.explicitProfile == "" {
		p.chain.addLast(metadataRoleSource(r.env))
	}
	for _, s := range sources {
		p.checks = append(p.checks, s.check)
	}
	for _, c := range p.checks {
		if c.Usable {
			p.source = c.summary()
			return p
		}
	}
	if r.explicitProfile != "" {
		p.source = p.checks[0].summary()
	} else {
		p.source = "default credential chain (no local source found; ECS instance RAM role if running on ECS)"
	}
	return p
}

// credentialSource is one place credentials can come from: what Load found there, and how to
// build the credentials-go provider that asks it (nil when the check found it unusable).
type credentialSource struct {
	check CredentialCheck
	open  func() (providers.CredentialsProvider, error)
	// watch is a file whose change since open means the source was reconfigured (a new sign-in,
	// `aliyun configure`): after a failure the source is rebuilt and asked once more.
	watch string
}

func envSource(env func(string) string) credentialSource {
	id, idVar := firstEnv(env, accessKeyIDVars)
	secret, secretVar := firstEnv(env, accessKeySecretVars)
	token, tokenVar := firstEnv(env, securityTokenVars)
	var s credentialSource
	c := &s.check
	c.Source = "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)"
	if idVar != "" || secretVar != "" {
		c.Source = fmt.Sprintf("environment variables (%s, %s)", orName(idVar, accessKeyIDVars[0]), orName(secretVar, accessKeySecretVars[0]))
	}
	c.AccessKeyID, c.SecretSet, c.TokenSet = maskKeyID(id), secret != "", token != ""
	switch {
	case id == "" && secret == "":
		c.Detail = "not set (nor the ALIBABACLOUD_ and ALICLOUD_ aliases)"
	case id == "":
		c.Detail = "ALIBABA_CLOUD_ACCESS_KEY_ID not set"
	case secret == "":
		c.Detail = "ALIBABA_CLOUD_ACCESS_KEY_SECRET not set"
	case token != "":
		c.Usable, c.Detail = true, "STS token from "+tokenVar
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewStaticSTSCredentialsProviderBuilder().WithAccessKeyId(id).WithAccessKeySecret(secret).WithSecurityToken(token).Build()
		}
	default:
		c.Usable, c.Detail = true, "AccessKey pair"
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(id).WithAccessKeySecret(secret).Build()
		}
	}
	return s
}

func orName(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return name
}

func oidcSource(env func(string) string, stsEndpoint string) credentialSource {
	var s credentialSource
	c := &s.check
	c.Source = "OIDC role (ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_ROLE_ARN)"
	c.Fetched = true
	file, arn, role := env("ALIBABA_CLOUD_OIDC_TOKEN_FILE"), env("ALIBABA_CLOUD_OIDC_PROVIDER_ARN"), env("ALIBABA_CLOUD_ROLE_ARN")
	token := env("ALIBABA_CLOUD_OIDC_TOKEN")
	switch {
	case file == "" && token == "" && arn == "":
		c.Detail = "not set"
		return s
	case (file == "" && token == "") || arn == "" || role == "":
		c.Detail = "incomplete: all three variables are needed"
		return s
	case token == "":
		if _, err := os.Stat(file); err != nil {
			c.Detail = fmt.Sprintf("token file %s unreadable", file)
			return s
		}
	}
	c.Usable, c.Detail = true, "role "+role
	vpc := strings.EqualFold(env("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"), "true")
	session, region := env("ALIBABA_CLOUD_ROLE_SESSION_NAME"), env("ALIBABA_CLOUD_STS_REGION")
	s.open = func() (providers.CredentialsProvider, error) {
		// The token file is re-read at every refresh, so a rotated token (Kubernetes RRSA)
		// is picked up.
		return providers.NewOIDCCredentialsProviderBuilder().
			WithOIDCTokenFilePath(file).WithOIDCToken(token).WithOIDCProviderARN(arn).WithRoleArn(role).
			WithRoleSessionName(session).WithStsRegionId(region).WithEnableVpc(vpc).WithSTSEndpoint(stsEndpoint).
			Build()
	}
	return s
}

func cliProfileSource(r credentialRequest, name string) credentialSource {
	var s credentialSource
	c := &s.check
	where := tildePath(r.home, r.cliPath)
	c.Source = fmt.Sprintf("aliyun CLI profile %q (%s)", name, where)
	if name == "" {
		c.Source = fmt.Sprintf("aliyun CLI profile (%s)", where)
	}
	if strings.EqualFold(r.env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") {
		c.Detail = "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"
		return s
	}
	if r.cliErr != nil {
		c.Detail = "file " + r.cliErr.Error()
		return s
	}
	if len(r.cli.Profiles) == 0 {
		c.Detail = "no profiles in the file"
		return s
	}
	if name == "" {
		c.Detail = "no profile selected (the file has no current profile)"
		return s
	}
	prof := r.cli.profile(name)
	if prof == nil {
		c.Detail = fmt.Sprintf("no such profile (profiles: %s)", r.cli.names())
		return s
	}
	c.AccessKeyID, c.SecretSet, c.TokenSet = maskKeyID(prof.AccessKeyID), prof.AccessKeySecret != "", prof.StsToken != ""
	c.Usable, c.Detail = r.cli.usable(prof, r.env, r.now, 0)
	if !c.Usable {
		return s
	}
	if prof.Mode != "AK" && prof.Mode != "StsToken" {
		// Whatever keys the file holds for the other modes are a cache of fetched ones.
		c.Fetched, c.AccessKeyID, c.SecretSet, c.TokenSet = true, "", false, false
	}
	path := r.cliPath
	switch prof.Mode {
	case "CredentialsURI":
		// credentials-go's CLI provider has no such mode; its URL provider speaks the same
		// protocol the CLI does (a JSON object with the STS triple and Expiration).
		uri := prof.credentialsURI(r.env)
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewURLCredentialsProviderBuilder().WithUrl(uri).Build()
		}
	case "External":
		// bootlog runs the process itself (external.go). credentials-go's CLI provider would
		// write every fetched key back into config.json; its ExternalCredentialsProvider, which
		// bootlog used before, prints the command and the process's whole output to os.Stdout
		// when that output is not JSON (providers/external.go, lines 138-139, in
		// credentials-go v1.4.14), secret included, past Redact and into piped output or the TUI.
		command := prof.ProcessCommand
		s.open = func() (providers.CredentialsProvider, error) {
			return newExternalProvider(name, command)
		}
	case "ChainableRamRoleArn":
		if root, roles := r.cli.externalRoot(prof); root != nil {
			// Rooted in an External profile: credentials-go's CLI provider would run that
			// process through the provider described above, with the same print and a write
			// back into config.json, so bootlog builds the roles over its own.
			endpoint := r.stsEndpoint
			s.open = func() (providers.CredentialsProvider, error) {
				return externalRoleChain(root, roles, endpoint)
			}
			break
		}
		fallthrough
	default:
		// OAuth must go through the CLI provider: it rotates the refresh token and writes the
		// new one back, as the aliyun CLI does, or the CLI's own copy would go stale.
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewCLIProfileCredentialsProviderBuilder().WithProfileFile(path).WithProfileName(name).Build()
		}
	}
	s.watch = path
	return s
}

// iniSource mirrors credentials-go's ProfileCredentialsProvider with the same ini library.
func iniSource(env func(string) string, home, profile string) (credentialSource, []string) {
	path := env("ALIBABA_CLOUD_CREDENTIALS_FILE")
	if path == "" {
		path = filepath.Join(home, ".alibabacloud", "credentials")
	}
	section := profile
	if section == "" {
		section = "default"
	}
	var s credentialSource
	c := &s.check
	c.Source = fmt.Sprintf("credentials file %s [%s]", tildePath(home, path), section)
	if _, err := os.Stat(path); err != nil {
		c.Detail = "not found"
		return s, nil
	}
	f, err := ini.Load(path)
	if err != nil {
		c.Detail = "not a valid ini file"
		return s, nil
	}
	var secrets []string
	for _, sec := range f.Sections() {
		secrets = append(secrets, sec.Key("access_key_secret").String())
	}
	sec, err := f.GetSection(section)
	if err != nil {
		c.Detail = "no such section"
		return s, secrets
	}
	id, secret := sec.Key("access_key_id").String(), sec.Key("access_key_secret").String()
	switch typ := sec.Key("type").String(); typ {
	case "access_key":
		c.AccessKeyID, c.SecretSet = maskKeyID(id), secret != ""
		if id == "" || secret == "" {
			c.Detail = "type access_key but access_key_id or access_key_secret is empty"
		} else {
			c.Usable, c.Detail = true, "type access_key"
		}
	case "ecs_ram_role":
		c.Usable, c.Detail, c.Fetched = true, fmt.Sprintf("type ecs_ram_role, role %q (works only on an ECS instance)", sec.Key("role_name").String()), true
	case "ram_role_arn":
		if id == "" || secret == "" || sec.Key("role_arn").String() == "" || sec.Key("role_session_name").String() == "" {
			c.Detail = "type ram_role_arn but access_key_id, access_key_secret, role_arn or role_session_name is empty"
		} else {
			c.Usable, c.Detail, c.Fetched = true, "type ram_role_arn", true
		}
	case "":
		c.Detail = "section has no type"
	default:
		c.Detail = fmt.Sprintf("type %q is not supported (access_key, ecs_ram_role, ram_role_arn)", typ)
	}
	if c.Usable {
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewProfileCredentialsProviderBuilder().WithProfileName(section).Build()
		}
		s.watch = path
	}
	return s, secrets
}

// ecsRoleSource counts the ECS role only when the operator named it; the check never calls the
// metadata service, which costs seconds off ECS.
func ecsRoleSource(env func(string) string) credentialSource {
	var s credentialSource
	c := &s.check
	c.Source = "ECS instance RAM role (ALIBABA_CLOUD_ECS_METADATA)"
	c.Fetched = true
	switch role := env("ALIBABA_CLOUD_ECS_METADATA"); {
	case strings.EqualFold(env("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true"):
		c.Detail = "disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"
	case role != "":
		c.Usable, c.Detail = true, fmt.Sprintf("role %q (works only on an ECS instance)", role)
		s.open = func() (providers.CredentialsProvider, error) {
			return providers.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(role).Build()
		}
	default:
		c.Detail = "not set (on an ECS instance the role is also looked up last; set it to skip the lookup)"
	}
	return s
}

// metadataRoleSource is the unnamed ECS role, found through the metadata service; nothing when
// the role was named (ecsRoleSource has it) or the metadata service is disabled.
func metadataRoleSource(env func(string) string) *credentialSource {
	if env("ALIBABA_CLOUD_ECS_METADATA") != "" || strings.EqualFold(env("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true") {
		return nil
	}
	return &credentialSource{
		check: CredentialCheck{Source: "ECS instance RAM role (metadata service)"},
		open: func() (providers.CredentialsProvider, error) {
			return providers.NewECSRAMRoleCredentialsProviderBuilder().Build()
		},
	}
}

func uriSource(env func(string) string) credentialSource {
	var s credentialSource
	c := &s.check
	c.Source = "credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)"
	c.Fetched = true
	uri := env("ALIBABA_CLOUD_CREDENTIALS_URI")
	if uri == "" {
		c.Detail = "not set"
		return s
	}
	c.Usable, c.Detail = true, "set"
	s.open = func() (providers.CredentialsProvider, error) {
		return providers.NewURLCredentialsProviderBuilder().WithUrl(uri).Build()
	}
	return s
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
