package config

import (
	"strings"
)

// Load resolves the configuration from the command-line flags, the environment (env; main passes
// os.Getenv) and the files under home. It reads only local files: credentials are resolved lazily
// by the SDK at the first request, so Load also inspects the same sources itself to say which one
// will supply them. A missing settings file is fine; a bad one is an error naming file, line and key.
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

	cli, cliErr := readCLIConfig(home)
	if cliErr != nil {
		cli = nil
	}

	// Profile: --profile > ALIBABA_CLOUD_PROFILE > settings file > the CLI's current profile.
	explicit := ""
	switch {
	case f.Profile != "":
		c.Profile, c.ProfileSource, explicit = f.Profile, "flag --profile", f.Profile
	case env("ALIBABA_CLOUD_PROFILE") != "":
		// The SDK's default chain reads this variable itself, for both the CLI and ini providers.
		c.Profile, c.ProfileSource = env("ALIBABA_CLOUD_PROFILE"), "env ALIBABA_CLOUD_PROFILE"
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

	plan := resolveCredentials(explicit, env, home, cli, cliErr)
	c.Credentials, c.CredentialSource, c.CredentialChecks = plan.provider, plan.source, plan.checks
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
// OIDC), which the SDK's default chain tries before any profile.
func envHasCredentials(env func(string) string) bool {
	return checkEnv(env).Usable || checkOIDC(env).Usable
}
