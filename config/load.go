package config

import (
	"strings"
	"time"
)

// Load resolves the configuration from the command-line flags, the environment (env; main passes
// os.Getenv) and the files under home. It reads only local files: credentials are fetched lazily
// through credentials-go at the first request, so Load also inspects the same sources itself to
// say which one will supply them. A missing settings file is fine; a bad one is an error naming file, line and key.
func Load(f Flags, env func(string) string, home string) (Config, error) {
	if env == nil {
		env = func(string) string { return "" }
	}
	var c Config

	c.SettingsFile = f.SettingsFile
	if c.SettingsFile == "" {
		c.SettingsFile = DefaultSettingsPath(env, home)
	}
	file, found, err := readSettingsFile(c.SettingsFile, f.SettingsFile != "")
	if err != nil {
		return Config{}, err
	}
	c.SettingsFileFound = found
	fromFile := Source("file " + c.SettingsFile)

	cliPath := cliConfigPath(env, home)
	cli, cliErr := readCLIConfig(cliPath)
	if cliErr != nil {
		cli = nil
	}

	// Profile: --profile > ALIBABACLOUD_PROFILE, ALIBABA_CLOUD_PROFILE, ALICLOUD_PROFILE (the
	// aliyun CLI's order) > settings file > the CLI's current profile.
	explicit := ""
	envProfile, envProfileVar := firstEnv(env, profileVars)
	switch {
	case f.Profile != "":
		c.Profile, c.ProfileSource, explicit = f.Profile, "flag --profile", f.Profile
	case envProfile != "":
		// Like credentials-go's default chain, the variable names the section of both the CLI
		// configuration and the credentials file, so it is not an explicit profile.
		c.Profile, c.ProfileSource = envProfile, Source("env "+envProfileVar)
	case file.Profile != nil:
		c.Profile, c.ProfileSource = *file.Profile, fromFile
		// The file's profile acts like --profile, except that credentials in the environment still
		// win: environment beats file.
		if !envHasCredentials(env) {
			explicit = c.Profile
		}
	case cli != nil && cli.Current != "":
		c.Profile, c.ProfileSource = cli.Current, Source("current in "+tildePath(home, cli.Path))
	default:
		c.ProfileSource = SourceDefault
	}

	plan := resolveCredentials(credentialRequest{
		explicitProfile: explicit, env: env, home: home,
		cli: cli, cliPath: cliPath, cliErr: cliErr, now: time.Now(),
	})
	c.Credentials, c.CredentialSource, c.CredentialChecks = plan.chain, plan.source, plan.checks
	registerSecrets(plan.secrets...)

	profSrc := c.ProfileSource
	c.Region, c.RegionSource, err = resolveRegion(f.Region, env, cli.profile(c.Profile), profSrc, file.Region, c.SettingsFile)
	if err != nil {
		return Config{}, err
	}

	c.Endpoint, c.EndpointSource, err = resolveEndpoint(f.Endpoint, env, file.Endpoint, c.SettingsFile)
	if err != nil {
		return Config{}, err
	}

	// VPC: --vpc > ALIBABA_CLOUD_ENDPOINT_TYPE=vpc (the aliyun CLI's variable) > settings file.
	c.VPCSource = SourceDefault
	switch {
	case f.VPC != nil:
		c.VPC, c.VPCSource = *f.VPC, "flag --vpc"
	case env("ALIBABA_CLOUD_ENDPOINT_TYPE") != "":
		c.VPC, c.VPCSource = strings.EqualFold(env("ALIBABA_CLOUD_ENDPOINT_TYPE"), "vpc"), "env ALIBABA_CLOUD_ENDPOINT_TYPE"
	case file.VPC != nil:
		c.VPC, c.VPCSource = *file.VPC, fromFile
	}

	c.Settings, c.settingSources, err = resolveSettings(f, env, file, c.SettingsFile)
	if err != nil {
		return Config{}, err
	}
	return c, nil
}

// envHasCredentials reports whether the environment alone supplies credentials (AccessKey or
// OIDC), which the default chain tries before any profile.
func envHasCredentials(env func(string) string) bool {
	return envSource(env).check.Usable || oidcSource(env, "").check.Usable
}
