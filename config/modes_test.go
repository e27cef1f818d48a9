package config

// One test per credential mode that can be served locally: each builds the configuration the way
// the CLI does (Load with the process environment), builds the real ECS client from it, and lists
// the emulator's instances with whatever the mode fetched. The emulator accepts only the triples
// the fakes issued, so a listing proves the credentials went from the fake, through
// credentials-go and the V1 SDK adapter, into the signature.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"
	"github.com/bootlog/bootlog/config/credtest"
	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// writeCLIConfig writes an aliyun CLI config.json with these profiles at path.
func writeCLIConfig(t *testing.T, path, current string, profiles ...map[string]any) {
	t.Helper()
	data, err := json.MarshalIndent(map[string]any{"current": current, "profiles": profiles}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(data))
}

// loadE2E loads the configuration and checks that it names source before any request.
func loadE2E(t *testing.T, flags Flags, home, source string) Config {
	t.Helper()
	cfg, err := Load(flags, os.Getenv, home)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !strings.Contains(cfg.CredentialSource, source) {
		t.Fatalf("CredentialSource = %q, want it to contain %q", cfg.CredentialSource, source)
	}
	if ok, tried := cfg.HasCredentials(); !ok {
		t.Fatalf("no usable source; tried:\n%s", strings.Join(tried, "\n"))
	}
	return cfg
}

func TestModeCredentialsURIVariable(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("uri", srv.AddCredential)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", is.URIServer(t).URL+"/credentials?role=reader")

	cfg := loadE2E(t, Flags{}, home, "credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI, set)")
	requireListed(t, newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv))
	if is.Count() != 1 {
		t.Errorf("the URI was asked %d times for one listing of an hour-long triple, want 1", is.Count())
	}
}

func TestModeCredentialsURIProfile(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("uriprof", srv.AddCredential)
	writeCLIConfig(t, filepath.Join(home, ".aliyun", "config.json"), "default",
		map[string]any{"name": "default", "mode": "AK", "access_key_id": "LTAIunusedKey0001", "access_key_secret": "unusedSecretValue01234"},
		map[string]any{"name": "svc", "mode": "CredentialsURI", "credentials_uri": is.URIServer(t).URL})

	cfg := loadE2E(t, Flags{Profile: "svc"}, home, `aliyun CLI profile "svc" (~/.aliyun/config.json, mode CredentialsURI)`)
	requireListed(t, newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv))
}

// externalCommand is a process_command that runs this test binary as the credential process.
func externalCommand(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%q -test.run=^$", exe)
}

func TestModeExternalProfile(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("ext", srv.AddCredential)
	tr := is.Issue()
	out, _ := json.Marshal(map[string]string{"mode": "StsToken", "access_key_id": tr.ID, "access_key_secret": tr.Secret,
		"sts_token": tr.Token, "expiration": tr.Expiration()})
	t.Setenv(externalHelperEnv, string(out))
	cfgPath := filepath.Join(home, ".aliyun", "config.json")
	writeCLIConfig(t, cfgPath, "default", map[string]any{"name": "ext", "mode": "External", "process_command": externalCommand(t)})
	before, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}

	cfg := loadE2E(t, Flags{Profile: "ext"}, home, `aliyun CLI profile "ext" (~/.aliyun/config.json, mode External)`)
	printed := captureStdout(t, func() { requireListed(t, newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv)) })
	if printed != "" {
		t.Errorf("printed on stdout: %q", printed)
	}
	// The keys came through bootlog's own provider (external.go), not credentials-go's.
	if chain, ok := cfg.Credentials.(*credentialChain); !ok || chain.chosen == nil {
		t.Errorf("credentials %T did not choose a source", cfg.Credentials)
	} else if _, ok := chain.chosen.provider.(*externalProvider); !ok {
		t.Errorf("the External profile was served by %T", chain.chosen.provider)
	}

	// bootlog builds this mode itself so that the fetched keys are not written into the
	// operator's CLI configuration.
	if after, _ := os.ReadFile(cfgPath); string(after) != string(before) {
		t.Errorf("config.json was rewritten:\n%s", after)
	}
}

func TestModeExternalFailure(t *testing.T) {
	home := isolate(t)
	t.Setenv(externalFailEnv, "sso helper: not signed in")
	writeCLIConfig(t, filepath.Join(home, ".aliyun", "config.json"), "ext", map[string]any{"name": "ext", "mode": "External", "process_command": externalCommand(t)})
	cfg := loadE2E(t, Flags{}, home, "mode External")
	_, err := cfg.Credentials.GetCredentials()
	if err == nil || !strings.Contains(err.Error(), "sso helper: not signed in") || !strings.Contains(err.Error(), `aliyun CLI profile "ext"`) {
		t.Fatalf("error = %v, want the process's stderr and the source", err)
	}
}

func TestModeCloudSSO(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("sso", srv.AddCredential)
	sso := is.SSOServer(t, "1234567890", "ac-reader")
	is.AcceptSSOToken("ssoAccessToken-first", true)
	cfgPath := filepath.Join(home, ".aliyun", "config.json")
	profile := func(token string) map[string]any {
		return map[string]any{"name": "sso", "mode": "CloudSSO", "region_id": e2eRegion,
			"cloud_sso_sign_in_url": sso.URL + "/login", "cloud_sso_account_id": "1234567890", "cloud_sso_access_config": "ac-reader",
			"access_token": token, "cloud_sso_access_token_expire": time.Now().Add(time.Hour).Unix()}
	}
	writeCLIConfig(t, cfgPath, "default", profile("ssoAccessToken-first"))

	cfg := loadE2E(t, Flags{Profile: "sso"}, home, `aliyun CLI profile "sso" (~/.aliyun/config.json, mode CloudSSO)`)
	if cfg.Region != e2eRegion {
		t.Errorf("region = %q, want the profile's region_id", cfg.Region)
	}
	requireListed(t, newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv))
	if !is.Saw("sso:ssoAccessToken-first") {
		t.Errorf("the sign-in portal never saw the profile's access token: %v", is.Seen())
	}
}

// TestModeCloudSSOSignInAgain: the SSO access token runs out in a long session and the operator
// signs in again in another terminal (the CLI rewrites config.json). The next request uses the
// new token, with no restart.
func TestModeCloudSSOSignInAgain(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("ssore", srv.AddCredential)
	is.TTL = time.Minute // under credentials-go's 180 s margin: every request asks the portal
	sso := is.SSOServer(t, "1234567890", "ac-reader")
	is.AcceptSSOToken("ssoAccessToken-first", true)
	cfgPath := filepath.Join(home, ".aliyun", "config.json")
	profile := func(token string) map[string]any {
		return map[string]any{"name": "sso", "mode": "CloudSSO",
			"cloud_sso_sign_in_url": sso.URL, "cloud_sso_account_id": "1234567890", "cloud_sso_access_config": "ac-reader",
			"access_token": token, "cloud_sso_access_token_expire": time.Now().Add(time.Hour).Unix()}
	}
	writeCLIConfig(t, cfgPath, "sso", profile("ssoAccessToken-first"))
	cfg := loadE2E(t, Flags{}, home, "mode CloudSSO")
	client := newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv)
	requireListed(t, client)

	is.AcceptSSOToken("ssoAccessToken-first", false)
	is.AcceptSSOToken("ssoAccessToken-second-sign-in", true)
	writeCLIConfig(t, cfgPath, "sso", profile("ssoAccessToken-second-sign-in"))

	requireListed(t, client)
	if !is.Saw("sso:ssoAccessToken-second-sign-in") {
		t.Errorf("the new sign-in was not used: %v", is.Seen())
	}
}

func TestModeOIDCVariables(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("oidc", srv.AddCredential)
	sts := stsServer(t, is, "eyJhbGciOiJSUzI1NiJ9.oidc-token.sig")
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeFile(t, tokenFile, "eyJhbGciOiJSUzI1NiJ9.oidc-token.sig")
	env := mapEnv(map[string]string{
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE":   tokenFile,
		"ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1234567890:oidc-provider/ack-rrsa",
		"ALIBABA_CLOUD_ROLE_ARN":          "acs:ram::1234567890:role/bootlog-reader",
	})
	// The OIDC variables carry no endpoint; the request's STS endpoint is the test's seam.
	plan := resolveCredentials(credentialRequest{env: env, home: home, cliPath: cliConfigPath(env, home), cliErr: errNoCLIConfig,
		now: time.Now(), stsEndpoint: strings.TrimPrefix(sts.URL, "https://")})
	if !strings.Contains(plan.source, "OIDC role") {
		t.Fatalf("source = %q", plan.source)
	}
	requireListed(t, newECSClient(t, plan.chain, plan.source, srv))
	if !is.Saw("oidc:eyJhbGciOiJSUzI1NiJ9.oidc-token.sig") {
		t.Errorf("STS never saw the token file's token: %v", is.Seen())
	}
}

// TestRefreshWithoutRestart revokes the first triple after the first listing: the second
// listing on the same client only works if credentials-go fetched a new one.
func TestRefreshWithoutRestart(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("refresh", srv.AddCredential)
	is.TTL = time.Minute
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", is.URIServer(t).URL)
	cfg := loadE2E(t, Flags{}, home, "credentials URI")
	client := newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv)

	requireListed(t, client)
	first := is.Issued()[0]
	srv.AddCredential(first.ID, "revoked-secret-value", "")
	requireListed(t, client)
	if is.Count() < 2 {
		t.Errorf("only %d triple issued; the second listing reused a revoked one", is.Count())
	}
	// Every fetched secret is registered with Redact before the SDK signs with it.
	for _, tr := range is.Issued() {
		if text := Redact("signed with " + tr.Secret + " and " + tr.Token); strings.Contains(text, tr.Secret) || strings.Contains(text, tr.Token) {
			t.Errorf("fetched secret not redacted: %s", text)
		}
	}
}

// TestProfileAliases covers the aliyun CLI's other spellings of the profile and AccessKey
// variables, and ALIBABA_CLOUD_CONFIG_FILE.
func TestProfileAliases(t *testing.T) {
	elsewhere := filepath.Join(t.TempDir(), "cli.json")
	cases := []struct {
		name       string
		env        map[string]string
		configPath func(home string) string
		wantID     string
		wantSource string
	}{
		{"ALICLOUD_PROFILE", map[string]string{"ALICLOUD_PROFILE": "dev"}, nil, "LTAIdevKeyId000002", `aliyun CLI profile "dev"`},
		{"ALIBABACLOUD_PROFILE beats ALIBABA_CLOUD_PROFILE", map[string]string{"ALIBABACLOUD_PROFILE": "dev", "ALIBABA_CLOUD_PROFILE": "sts"}, nil,
			"LTAIdevKeyId000002", `aliyun CLI profile "dev"`},
		{"ALICLOUD_ACCESS_KEY_ID and _SECRET", map[string]string{"ALICLOUD_ACCESS_KEY_ID": "LTAIaliasKeyId0007", "ALICLOUD_ACCESS_KEY_SECRET": "aliasSecretValue01234567"}, nil,
			"LTAIaliasKeyId0007", "environment variables (ALICLOUD_ACCESS_KEY_ID, ALICLOUD_ACCESS_KEY_SECRET"},
		{"ALIBABA_CLOUD_ACCESS_KEY_ID beats ALICLOUD_ACCESS_KEY_ID", map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIcanonKeyId0008", "ALICLOUD_ACCESS_KEY_ID": "LTAIaliasKeyId0007",
			"ALICLOUD_ACCESS_KEY_SECRET": "aliasSecretValue01234567"}, nil, "LTAIcanonKeyId0008", "(ALIBABA_CLOUD_ACCESS_KEY_ID, ALICLOUD_ACCESS_KEY_SECRET"},
		{"ALIBABA_CLOUD_CONFIG_FILE", map[string]string{"ALIBABA_CLOUD_CONFIG_FILE": elsewhere, "ALIBABA_CLOUD_PROFILE": "dev"},
			func(string) string { return elsewhere }, "LTAIdevKeyId000002", `aliyun CLI profile "dev" (` + elsewhere},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			path := filepath.Join(home, ".aliyun", "config.json")
			if tc.configPath != nil {
				path = tc.configPath(home)
			}
			writeFile(t, path, cliConfigJSON)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			cfg := loadE2E(t, Flags{}, home, tc.wantSource)
			cc, err := cfg.Credentials.GetCredentials()
			if err != nil {
				t.Fatal(err)
			}
			if cc.AccessKeyId != tc.wantID {
				t.Errorf("key %s, want %s", cc.AccessKeyId, tc.wantID)
			}
		})
	}
}

// TestFailedProviderIsRebuilt: credentials-go's CLI provider keeps a nil inner provider after a
// failed build and dereferences it on the next call. bootlog drops a provider that failed, so
// a broken file gives an error every time, and a repaired file works without a restart.
func TestFailedProviderIsRebuilt(t *testing.T) {
	home := isolate(t)
	path := filepath.Join(home, ".aliyun", "config.json")
	good := map[string]any{"name": "p", "mode": "AK", "access_key_id": "LTAIrepairKeyId09", "access_key_secret": "repairSecretValue012345"}
	writeCLIConfig(t, path, "p", good)
	cfg := loadE2E(t, Flags{}, home, `profile "p"`)

	writeCLIConfig(t, path, "p", map[string]any{"name": "p", "mode": "AK", "access_key_id": "LTAIrepairKeyId09"})
	for i := range 2 {
		if _, err := cfg.Credentials.GetCredentials(); err == nil {
			t.Fatalf("call %d: broken profile gave credentials", i+1)
		}
	}
	writeCLIConfig(t, path, "p", good)
	cc, err := cfg.Credentials.GetCredentials()
	if err != nil || cc.AccessKeyId != "LTAIrepairKeyId09" {
		t.Fatalf("after the repair: %v %v", cc, err)
	}
}

// TestOAuthChecks: OAuth profiles are served by credentials-go against the sign-in hosts it
// hard-codes per site type (oauth.aliyun.com, oauth.alibabacloud.com), which no option
// overrides, so only the local checks are tested here.
func TestOAuthChecks(t *testing.T) {
	conf := &cliConfig{Profiles: []*cliProfile{
		{Name: "ok", Mode: "OAuth", OAuthSiteType: "intl", OAuthRefreshToken: "refresh-token-value"},
		{Name: "site", Mode: "OAuth", OAuthSiteType: "EU", OAuthRefreshToken: "refresh-token-value"},
		{Name: "out", Mode: "OAuth", OAuthSiteType: "CN"},
	}}
	want := map[string]string{"ok": "mode OAuth", "site": `oauth_site_type "EU" is neither CN nor INTL`,
		"out": "not signed in: run `aliyun configure --profile out --mode OAuth`"}
	for name, w := range want {
		if _, why := conf.usable(conf.profile(name), mapEnv(nil), time.Now(), 0); !strings.Contains(why, w) {
			t.Errorf("%s: %q, want %q", name, why, w)
		}
	}
}

func TestModeChecks(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	conf := &cliConfig{Profiles: []*cliProfile{
		{Name: "sso-expired", Mode: "CloudSSO", SSOSignInURL: "https://signin", SSOAccountID: "1", SSOAccessConfig: "ac",
			SSOAccessToken: "tok", SSOAccessTokenExp: now.Unix() - 1},
		{Name: "sso", Mode: "CloudSSO", SSOSignInURL: "https://signin", SSOAccountID: "1", SSOAccessConfig: "ac",
			SSOAccessToken: "tok", SSOAccessTokenExp: now.Unix() + 60},
		{Name: "ext", Mode: "External", ProcessCommand: "helper --json"},
		{Name: "ext-empty", Mode: "External"},
		{Name: "uri", Mode: "CredentialsURI"},
		{Name: "short", Mode: "RamRoleArn", AccessKeyID: "a", AccessKeySecret: "b", RAMRoleARN: "r", ExpiredSeconds: 300},
		{Name: "chain-uri", Mode: "ChainableRamRoleArn", SourceProfile: "uri", RAMRoleARN: "r"},
		{Name: "chain-ext", Mode: "ChainableRamRoleArn", SourceProfile: "ext", RAMRoleARN: "r"},
	}}
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"sso-expired", nil, "sign in again with `aliyun configure --profile sso-expired --mode CloudSSO`"},
		{"sso", nil, "mode CloudSSO"},
		{"ext", nil, "mode External"},
		{"ext-empty", nil, "process_command is empty"},
		{"uri", nil, "credentials_uri (and ALIBABA_CLOUD_CREDENTIALS_URI is not set) is empty"},
		{"uri", map[string]string{"ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:1/c"}, "mode CredentialsURI"},
		{"short", nil, "expired_seconds 300 is below the 900 s minimum"},
		{"chain-uri", map[string]string{"ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:1/c"}, "cannot be a role's source"},
		{"chain-ext", nil, "mode ChainableRamRoleArn"},
	}
	for _, tc := range cases {
		if _, why := conf.usable(conf.profile(tc.name), mapEnv(tc.env), now, 0); !strings.Contains(why, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, why, tc.want)
		}
	}
}

// TestModeRAMRoleThroughSTSEndpoint serves RamRoleArn and ChainableRamRoleArn from a fake STS.
// A CLI profile carries no STS endpoint (only sts_region, which makes an *.aliyuncs.com host),
// so these go through credentials-go's RAM role provider with its endpoint option, behind the
// same chain and V1 adapter that Load builds.
func TestModeRAMRoleThroughSTSEndpoint(t *testing.T) {
	srv := startEmulator(t)
	is := credtest.NewIssuer("role", srv.AddCredential)
	sts := stsServer(t, is, "")
	host := strings.TrimPrefix(sts.URL, "https://")
	base := credtest.Triple{ID: "LTAIroleSourceKey01", Secret: "roleSourceSecretValue0123"}
	is.AddCaller(base)

	assume := func(prev providers.CredentialsProvider, role string) (providers.CredentialsProvider, error) {
		return providers.NewRAMRoleARNCredentialsProviderBuilder().WithCredentialsProvider(prev).
			WithRoleArn(role).WithRoleSessionName("bootlog-test").WithStsEndpoint(host).Build()
	}
	source := func() (providers.CredentialsProvider, error) {
		return providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(base.ID).WithAccessKeySecret(base.Secret).Build()
	}
	cases := []struct {
		name string
		open func() (providers.CredentialsProvider, error)
		// hops is the number of AssumeRole calls one listing makes.
		hops int
	}{
		{"RamRoleArn", func() (providers.CredentialsProvider, error) {
			src, err := source()
			if err != nil {
				return nil, err
			}
			return assume(src, "acs:ram::1234567890:role/reader")
		}, 1},
		{"ChainableRamRoleArn", func() (providers.CredentialsProvider, error) {
			src, err := source()
			if err != nil {
				return nil, err
			}
			first, err := assume(src, "acs:ram::1234567890:role/hop")
			if err != nil {
				return nil, err
			}
			return assume(first, "acs:ram::9876543210:role/reader")
		}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := is.Count()
			chain := newCredentialChain([]credentialSource{{
				check: CredentialCheck{Source: "test role", Usable: true, Detail: "mode " + tc.name},
				open:  tc.open,
			}})
			requireListed(t, newECSClient(t, chain, "test role", srv))
			if got := is.Count() - before; got != tc.hops {
				t.Errorf("%d AssumeRole calls, want %d", got, tc.hops)
			}
			if tc.hops == 2 && !is.Saw("sts:"+is.Issued()[before].ID) {
				t.Errorf("the second hop was not signed with the first hop's triple: %v", is.Seen())
			}
		})
	}
}

func TestFirstRunNamesEveryMode(t *testing.T) {
	help := NoCredentialsHelp(nil)
	for _, mode := range ProfileModes() {
		if !strings.Contains(help, mode) {
			t.Errorf("first-run text does not name mode %s:\n%s", mode, help)
		}
	}
	if !strings.Contains(help, "the way the aliyun CLI does") || !strings.Contains(help, CredentialsClaim()) {
		t.Errorf("first-run text lacks the claim:\n%s", help)
	}
}

// TestEmulatorSTSPair is what `bootlog emulator --security-token` does: AddCredential on the
// emulator's own key ID makes its accepted pair an STS pair, so the StsToken modes (here the
// environment's ALIBABA_CLOUD_SECURITY_TOKEN) are tested end to end, and a request without
// the token is refused.
func TestEmulatorSTSPair(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	const token = "CAISemulatorToken+/=0123"
	srv.AddCredential(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret, token)
	t.Setenv("ALICLOUD_ACCESS_KEY_ID", emulator.DefaultAccessKeyID)
	t.Setenv("ALICLOUD_ACCESS_KEY_SECRET", emulator.DefaultAccessKeySecret)

	t.Setenv("ALICLOUD_SECURITY_TOKEN", token)
	cfg := loadE2E(t, Flags{}, home, "STS token from ALICLOUD_SECURITY_TOKEN")
	requireListed(t, newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv))

	t.Setenv("ALICLOUD_SECURITY_TOKEN", "")
	cfg = loadE2E(t, Flags{}, home, "AccessKey pair")
	_, err := newECSClient(t, cfg.Credentials, cfg.CredentialSource, srv).Instances(context.Background(), "")
	var fe *fetch.Error
	if !errors.As(err, &fe) || fe.Code != "MissingSecurityToken" {
		t.Fatalf("without the token: %v, want MissingSecurityToken", err)
	}
}
