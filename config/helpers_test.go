package config

import (
	"os"
	"path/filepath"
	"testing"
)

// sdkEnv are the variables credentials-go or Load read. isolate blanks them all so the developer's real
// credentials never leak into a test, and turns off the ECS metadata service so no test ever
// waits on 100.100.100.200.
var sdkEnv = []string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_CREDENTIALS_FILE",
	"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_ROLE_ARN",
	"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_ENDPOINT",
	"ALIBABA_CLOUD_ENDPOINT_TYPE", "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID",
	"ALICLOUD_REGION_ID", "REGION_ID", "REGION", "NO_COLOR", "XDG_CONFIG_HOME",
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
	"ALIBABACLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_SECURITY_TOKEN",
	"ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECURITY_TOKEN",
	"ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_OIDC_TOKEN",
	"ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALIBABA_CLOUD_STS_REGION", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED",
	"ALIBABA_CLOUD_IMDSV1_DISABLED", "CLICOLOR_FORCE", "CLICOLOR",
}

// isolate points HOME at a fresh directory and clears the SDK's variables. Tests using it cannot
// run in parallel: the SDK reads the process environment itself.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	for _, k := range sdkEnv {
		t.Setenv(k, "")
	}
	for _, k := range externalHelperVars {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// mapEnv is an environment for tests that do not involve the SDK's own reads.
func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func boolp(b bool) *bool { return &b }

// cliConfigJSON is the shape `aliyun configure` writes, with three profiles.
const cliConfigJSON = `{
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "LTAIdefaultKeyId01", "access_key_secret": "defaultSecretValue0123456789",
     "sts_token": "", "ram_role_name": "", "ram_role_arn": "", "ram_session_name": "", "source_profile": "",
     "expired_seconds": 0, "region_id": "cn-hangzhou", "output_format": "json", "language": "en"},
    {"name": "dev", "mode": "AK", "access_key_id": "LTAIdevKeyId000002", "access_key_secret": "devSecretValue0123456789xyz",
     "region_id": "eu-central-1"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "STS.stsKeyId00003", "access_key_secret": "stsSecretValue0123456789ab",
     "sts_token": "CAIS+stsProfileTok/en==XYZ", "region_id": "ap-southeast-1"},
    {"name": "sso", "mode": "CloudSSO", "region_id": "us-west-1"}
  ],
  "meta_path": ""
}`

// credentialsINI is ~/.alibabacloud/credentials with an access_key default section.
const credentialsINI = `[default]
type = access_key
access_key_id = LTAIiniKeyId000004
access_key_secret = iniSecretValue0123456789cd

[other]
type = ecs_ram_role
role_name = reader
`
