package config

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// credCase is one credential source, resolved by Load and then fetched through the SDK provider
// Load built, with no network.
type credCase struct {
	name  string
	setup func(t *testing.T, home string)
	flags Flags

	wantID, wantSecret, wantToken string
	wantProvider                  string // the SDK's ProviderName
	wantErr                       string // GetCredentials error substring; empty means success
	wantSource                    string // substring of CredentialSource
	wantUsable                    bool   // HasCredentials
	wantTried                     string // substring of the tried list
}

func credCases() []credCase {
	withCLI := func(t *testing.T, home string) {
		writeFile(t, filepath.Join(home, ".aliyun", "config.json"), cliConfigJSON)
	}
	withINI := func(t *testing.T, home string) {
		writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), credentialsINI)
	}
	return []credCase{
		{
			name: "env AK",
			setup: func(t *testing.T, home string) {
				withCLI(t, home) // env comes first in the chain
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId000005")
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envSecretValue0123456789ef")
			},
			wantID: "LTAIenvKeyId000005", wantSecret: "envSecretValue0123456789ef",
			wantProvider: "static_ak", wantSource: "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID", wantUsable: true,
		},
		{
			name: "env STS",
			setup: func(t *testing.T, home string) {
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.envKeyId000006")
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envStsSecretValue01234567")
				t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "CAIS+envTok/en==0123&x")
			},
			wantID: "STS.envKeyId000006", wantSecret: "envStsSecretValue01234567", wantToken: "CAIS+envTok/en==0123&x",
			wantProvider: "static_sts", wantSource: "STS token", wantUsable: true,
		},
		{
			name:   "config.json AK profile (current)",
			setup:  withCLI,
			wantID: "LTAIdefaultKeyId01", wantSecret: "defaultSecretValue0123456789",
			wantProvider: "cli_profile/static_ak", wantSource: `aliyun CLI profile "default" (~/.aliyun/config.json, mode AK)`, wantUsable: true,
		},
		{
			name: "config.json StsToken profile via ALIBABA_CLOUD_PROFILE",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				t.Setenv("ALIBABA_CLOUD_PROFILE", "sts")
			},
			wantID: "STS.stsKeyId00003", wantSecret: "stsSecretValue0123456789ab", wantToken: "CAIS+stsProfileTok/en==XYZ",
			wantProvider: "cli_profile/static_sts", wantSource: `profile "sts"`, wantUsable: true,
		},
		{
			name:   "named profile via --profile",
			setup:  withCLI,
			flags:  Flags{Profile: "dev"},
			wantID: "LTAIdevKeyId000002", wantSecret: "devSecretValue0123456789xyz",
			wantProvider: "cli_profile/static_ak", wantSource: `aliyun CLI profile "dev"`, wantUsable: true,
		},
		{
			name: "--profile beats env credentials",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId000005")
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envSecretValue0123456789ef")
			},
			flags:  Flags{Profile: "dev"},
			wantID: "LTAIdevKeyId000002", wantSecret: "devSecretValue0123456789xyz",
			wantProvider: "cli_profile/static_ak", wantSource: `profile "dev"`, wantUsable: true,
		},
		{
			name:       "missing profile",
			setup:      withCLI,
			flags:      Flags{Profile: "nope"},
			wantErr:    `aliyun CLI profile "nope" (~/.aliyun/config.json): no such profile`,
			wantSource: `aliyun CLI profile "nope"`,
			wantTried:  "no such profile (profiles: default, dev, sts, sso)",
		},
		{
			name:      "CloudSSO profile never signed in",
			setup:     withCLI,
			flags:     Flags{Profile: "sso"},
			wantErr:   "mode CloudSSO but cloud_sso_sign_in_url",
			wantTried: "mode CloudSSO but cloud_sso_sign_in_url, cloud_sso_account_id or cloud_sso_access_config is empty",
		},
		{
			name: "unsupported CLI mode",
			setup: func(t *testing.T, home string) {
				writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current":"rsa","profiles":[{"name":"rsa","mode":"RsaKeyPair"}]}`)
			},
			wantErr:   errNoSource,
			wantTried: `mode "RsaKeyPair" is not supported (supported: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, OAuth, External, CredentialsURI)`,
		},
		{
			name: "CLI profile disabled falls through to the credentials file",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				withINI(t, home)
				t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
			},
			wantID: "LTAIiniKeyId000004", wantSecret: "iniSecretValue0123456789cd",
			wantProvider: "profile/static_ak", wantSource: "credentials file ~/.alibabacloud/credentials [default]",
			wantUsable: true, wantTried: "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true",
		},
		{
			name: "CLI profile disabled and nothing else",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
			},
			wantErr:   "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true",
			wantTried: "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true",
		},
		{
			name:   "ini credentials file",
			setup:  withINI,
			wantID: "LTAIiniKeyId000004", wantSecret: "iniSecretValue0123456789cd",
			wantProvider: "profile/static_ak", wantSource: "credentials file", wantUsable: true,
		},
		{
			name: "ini file named by ALIBABA_CLOUD_CREDENTIALS_FILE",
			setup: func(t *testing.T, home string) {
				p := filepath.Join(t.TempDir(), "creds.ini")
				writeFile(t, p, credentialsINI)
				t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", p)
			},
			wantID: "LTAIiniKeyId000004", wantSecret: "iniSecretValue0123456789cd",
			wantProvider: "profile/static_ak", wantSource: "creds.ini [default]", wantUsable: true,
		},
		{
			name: "settings-file profile acts like --profile",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				writeFile(t, filepath.Join(home, ".config", "bootlog", "config.toml"), `profile = "dev"`)
			},
			wantID: "LTAIdevKeyId000002", wantSecret: "devSecretValue0123456789xyz",
			wantProvider: "cli_profile/static_ak", wantSource: `profile "dev"`, wantUsable: true,
		},
		{
			name: "env credentials beat the settings-file profile",
			setup: func(t *testing.T, home string) {
				withCLI(t, home)
				writeFile(t, filepath.Join(home, ".config", "bootlog", "config.toml"), `profile = "dev"`)
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId000005")
				t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envSecretValue0123456789ef")
			},
			wantID: "LTAIenvKeyId000005", wantSecret: "envSecretValue0123456789ef",
			wantProvider: "static_ak", wantSource: "environment variables", wantUsable: true,
		},
		{
			name:       "nothing configured",
			setup:      func(*testing.T, string) {},
			wantErr:    "unable to get credentials from any of the providers in the chain",
			wantSource: "no local source found",
			wantTried:  "aliyun CLI profile (~/.aliyun/config.json): file not found",
		},
	}
}

func TestCredentialSources(t *testing.T) {
	for _, tc := range credCases() {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			tc.setup(t, home)
			cfg, err := Load(tc.flags, os.Getenv, home)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !strings.Contains(cfg.CredentialSource, tc.wantSource) {
				t.Errorf("CredentialSource = %q, want it to contain %q", cfg.CredentialSource, tc.wantSource)
			}
			usable, tried := cfg.HasCredentials()
			if usable != tc.wantUsable {
				t.Errorf("HasCredentials = %v, want %v; tried:\n%s", usable, tc.wantUsable, strings.Join(tried, "\n"))
			}
			if tc.wantTried != "" && !strings.Contains(strings.Join(tried, "\n"), tc.wantTried) {
				t.Errorf("tried list lacks %q:\n%s", tc.wantTried, strings.Join(tried, "\n"))
			}

			cc, err := cfg.Credentials.GetCredentials()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("GetCredentials error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("GetCredentials: %v", err)
			}
			if cc.AccessKeyId != tc.wantID || cc.AccessKeySecret != tc.wantSecret || cc.SecurityToken != tc.wantToken {
				t.Errorf("got id %q secret-ok %v token-ok %v, want id %q", cc.AccessKeyId,
					cc.AccessKeySecret == tc.wantSecret, cc.SecurityToken == tc.wantToken, tc.wantID)
			}
			if cc.ProviderName != tc.wantProvider {
				t.Errorf("ProviderName = %q, want %q", cc.ProviderName, tc.wantProvider)
			}
		})
	}
}

// TestNoSecretLeaks fails if the secret or token of any tested source appears in Describe output,
// in the tried list and first-run text, in an error, or after Redact of the strings the SDK
// produces with them (a signed request URL, a string-to-sign, an error quoting the config file).
func TestNoSecretLeaks(t *testing.T) {
	for _, tc := range credCases() {
		if tc.wantSecret == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			tc.setup(t, home)
			cfg, err := Load(tc.flags, os.Getenv, home)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			cc, err := cfg.Credentials.GetCredentials()
			if err != nil {
				t.Fatalf("GetCredentials: %v", err)
			}
			secrets := []string{cc.AccessKeySecret}
			if cc.SecurityToken != "" {
				secrets = append(secrets, cc.SecurityToken, url.QueryEscape(cc.SecurityToken))
			}

			var out bytes.Buffer
			if err := cfg.Describe(&out); err != nil {
				t.Fatal(err)
			}
			_, tried := cfg.HasCredentials()
			signedURL := fmt.Sprintf(`Post "https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=%s&Action=DescribeInstances`+
				`&SecurityToken=%s&Signature=hpICGc6mJoAY3E4E%%3D&SignatureMethod=HMAC-SHA1": dial tcp: i/o timeout`,
				cc.AccessKeyId, url.QueryEscape(cc.SecurityToken))
			stringToSign := "server string to sign is:POST&%2F&SecurityToken%3D" + url.QueryEscape(url.QueryEscape(cc.SecurityToken)) + "%26Version%3D2014-05-26"
			freeText := fmt.Sprintf("SDK.ServerError: the key pair %s/%s was rejected (token %s)", cc.AccessKeyId, cc.AccessKeySecret, cc.SecurityToken)
			cliDump := fmt.Sprintf(`unmarshal aliyun cli config from '/x' failed: {"access_key_secret": "%s", "sts_token":"%s"}`, cc.AccessKeySecret, cc.SecurityToken)
			goDump := fmt.Sprintf("%+v", *cc)

			// A bad region after a good credential setup must not quote credentials either.
			_, loadErr := Load(Flags{Profile: tc.flags.Profile, Region: "bad region!"}, os.Getenv, home)
			if loadErr == nil {
				t.Fatal("Load accepted region \"bad region!\"")
			}

			outputs := map[string]string{
				"Describe":          out.String(),
				"tried":             strings.Join(tried, "\n"),
				"NoCredentialsHelp": NoCredentialsHelp(tried),
				"CredentialSource":  cfg.CredentialSource,
				"Load error":        loadErr.Error(),
				"Redact(URL)":       Redact(signedURL),
				"Redact(sts)":       Redact(stringToSign),
				"Redact(free text)": Redact(freeText),
				"Redact(cli dump)":  Redact(cliDump),
				"Redact(%+v)":       Redact(goDump),
			}
			for where, text := range outputs {
				for _, s := range secrets {
					if s != "" && strings.Contains(text, s) {
						t.Errorf("%s leaks %q:\n%s", where, s, text)
					}
				}
			}
			if !strings.Contains(Redact(signedURL), "AccessKeyId="+cc.AccessKeyId) {
				t.Errorf("Redact removed the non-secret key ID: %s", Redact(signedURL))
			}
		})
	}
}

func TestCredentialChecksWithoutNetwork(t *testing.T) {
	t.Run("ECS role counts only when named", func(t *testing.T) {
		home := isolate(t)
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
		cfg, err := Load(Flags{}, os.Getenv, home)
		if err != nil {
			t.Fatal(err)
		}
		if ok, tried := cfg.HasCredentials(); ok {
			t.Errorf("usable without any source: %v", tried)
		}
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA", "reader-role")
		cfg, err = Load(Flags{}, os.Getenv, home)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := cfg.HasCredentials(); !ok || !strings.Contains(cfg.CredentialSource, `role "reader-role"`) {
			t.Errorf("named ECS role not counted: %q", cfg.CredentialSource)
		}
		// Deliberately no GetCredentials: that would call 100.100.100.200.
	})
	t.Run("ECS role disabled", func(t *testing.T) {
		home := isolate(t)
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA", "reader-role")
		cfg, err := Load(Flags{}, os.Getenv, home)
		if err != nil {
			t.Fatal(err)
		}
		if ok, tried := cfg.HasCredentials(); ok || !strings.Contains(strings.Join(tried, "\n"), "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true") {
			t.Errorf("disabled metadata still counted: %v %v", ok, tried)
		}
	})
	t.Run("half-set env", func(t *testing.T) {
		c := envSource(mapEnv(map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIxxxxxxxxxxxx"})).check
		if c.Usable || c.Detail != "ALIBABA_CLOUD_ACCESS_KEY_SECRET not set" {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("OIDC needs its token file", func(t *testing.T) {
		tok := filepath.Join(t.TempDir(), "token")
		env := map[string]string{
			"ALIBABA_CLOUD_OIDC_TOKEN_FILE":   tok,
			"ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1:oidc-provider/x",
			"ALIBABA_CLOUD_ROLE_ARN":          "acs:ram::1:role/y",
		}
		if c := oidcSource(mapEnv(env), "").check; c.Usable {
			t.Errorf("missing token file counted: %+v", c)
		}
		writeFile(t, tok, "eyJ...")
		if c := oidcSource(mapEnv(env), "").check; !c.Usable {
			t.Errorf("complete OIDC not counted: %+v", c)
		}
	})
	t.Run("CLI modes", func(t *testing.T) {
		conf := &cliConfig{Profiles: []*cliProfile{
			{Name: "ak-empty", Mode: "AK", AccessKeyID: "LTAIx"},
			{Name: "sts-empty", Mode: "StsToken", AccessKeyID: "a", AccessKeySecret: "b"},
			{Name: "role", Mode: "RamRoleArn", AccessKeyID: "a", AccessKeySecret: "b", RAMRoleARN: "acs:ram::1:role/r"},
			{Name: "ecs", Mode: "EcsRamRole", RAMRoleName: "r"},
			{Name: "chain", Mode: "ChainableRamRoleArn", SourceProfile: "role", RAMRoleARN: "acs:ram::1:role/s"},
			{Name: "loop", Mode: "ChainableRamRoleArn", SourceProfile: "loop", RAMRoleARN: "x"},
			{Name: "dangling", Mode: "ChainableRamRoleArn", SourceProfile: "gone", RAMRoleARN: "x"},
			{Name: "oidc", Mode: "OIDC", OIDCTokenFile: "/t", OIDCProviderARN: "p", RAMRoleARN: "r"},
			{Name: "nomode"},
		}}
		want := map[string]bool{"ak-empty": false, "sts-empty": false, "role": true, "ecs": true, "chain": true,
			"loop": false, "dangling": false, "oidc": true, "nomode": false}
		for name, w := range want {
			if got, why := conf.usable(conf.profile(name), mapEnv(nil), time.Now(), 0); got != w {
				t.Errorf("%s: usable = %v (%s), want %v", name, got, why, w)
			}
		}
	})
	t.Run("broken config.json is described without quoting it", func(t *testing.T) {
		home := isolate(t)
		writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"profiles":[{"access_key_secret":"leakySecret0123456789"`)
		cfg, err := Load(Flags{}, os.Getenv, home)
		if err != nil {
			t.Fatal(err)
		}
		_, tried := cfg.HasCredentials()
		joined := strings.Join(tried, "\n")
		if !strings.Contains(joined, "not valid JSON") || strings.Contains(joined, "leakySecret") {
			t.Errorf("tried = %s", joined)
		}
		if _, err := cfg.Credentials.GetCredentials(); err == nil || strings.Contains(Redact(err.Error()), "leakySecret0123456789") {
			t.Errorf("SDK error not redacted: %v", Redact(fmt.Sprint(err)))
		}
	})
}

func TestNoCredentialsHelp(t *testing.T) {
	home := isolate(t)
	cfg, err := Load(Flags{}, os.Getenv, home)
	if err != nil {
		t.Fatal(err)
	}
	ok, tried := cfg.HasCredentials()
	if ok {
		t.Fatal("empty HOME has credentials")
	}
	if len(tried) != 6 {
		t.Errorf("want the six sources of the default chain, got %d: %v", len(tried), tried)
	}
	help := NoCredentialsHelp(tried)
	for _, want := range append([]string{
		"No Alibaba Cloud credentials found",
		"aliyun configure",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=",
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET=",
		"bootlog --demo",
	}, tried...) {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	// The order on screen is the SDK's chain order.
	order := []string{"environment variables", "OIDC", "aliyun CLI profile", "credentials file", "ECS instance RAM role", "credentials URI"}
	last := -1
	for _, o := range order {
		i := strings.Index(help, o)
		if i < last {
			t.Errorf("%q out of chain order", o)
		}
		last = i
	}
}
