package cli

// `bootlog list` with each credential mode that can be served locally (issue 15): the command
// runs in-process, reads ~/.aliyun/config.json or the environment from a temporary HOME, fetches
// an STS triple from a local fake (config/credtest) and lists the emulator's instances with it.
// The emulator accepts nothing else, so a listed table proves the fetched credentials went from
// the fake through credentials-go, config's chain and the V1 SDK into every signed request.

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/config/credtest"
)

// decoyProfile is the current profile in the tests that name another with --profile: an AK pair
// the emulator does not accept, so a listing proves the flag chose the profile.
var decoyProfile = map[string]any{"name": "default", "mode": "AK", "region_id": "cn-hangzhou",
	"access_key_id": "LTAIdecoyKeyId00001", "access_key_secret": "decoySecretValue0123456789"}

func TestListWithExternalProfile(t *testing.T) {
	home := credIsolate(t)
	w := startCredWorld(t)
	is := credtest.NewIssuer("ext", w.srv.AddCredential)
	tr := is.Issue()
	out, err := json.Marshal(map[string]string{"mode": "StsToken", "access_key_id": tr.ID, "access_key_secret": tr.Secret,
		"sts_token": tr.Token, "expiration": tr.Expiration()})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(credProcessOutputEnv, string(out))
	path := writeAliyunConfig(t, home, "default", decoyProfile,
		map[string]any{"name": "ext", "mode": "External", "region_id": "cn-hangzhou", "process_command": credProcessCommand(t)})
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCmd("list", "--profile", "ext")
	requireListedWith(t, w, is, code, stdout, stderr, decoyProfile["access_key_secret"].(string))

	// bootlog builds this mode itself so that the fetched keys are not written into the
	// operator's CLI configuration (credentials-go's CLI provider would).
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("config.json was rewritten:\n%s", after)
	}
}

// TestListWithFailingExternalProcess: the credential process exits 1 with its reason on stderr.
// The command fails before any ECS request, says which profile failed and why, and prints no
// secret (the decoy profile's is in the same file).
func TestListWithFailingExternalProcess(t *testing.T) {
	home := credIsolate(t)
	w := startCredWorld(t)
	const why = "ext-helper: not signed in, run `ext-helper login`"
	t.Setenv(credProcessFailEnv, why)
	writeAliyunConfig(t, home, "default", decoyProfile,
		map[string]any{"name": "ext", "mode": "External", "region_id": "cn-hangzhou", "process_command": credProcessCommand(t)})

	code, stdout, stderr := runCmd("list", "--profile", "ext")
	// exitUsage, as for every credential problem; the first-run help is kept for when no
	// source is configured at all.
	if code != exitUsage || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want %d and nothing on stdout", code, stdout, exitUsage)
	}
	if strings.Contains(stderr, "No Alibaba Cloud credentials found") {
		t.Errorf("a configured profile whose process failed got the first-run help:\n%s", stderr)
	}
	for _, want := range []string{`aliyun CLI profile "ext"`, why} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, decoyProfile["access_key_secret"].(string)) {
		t.Errorf("stderr contains a secret:\n%s", stderr)
	}
	if calls := w.calls(); len(calls) != 0 {
		t.Errorf("ECS was called without credentials: %v", calls)
	}
}

func TestListWithCloudSSOProfile(t *testing.T) {
	home := credIsolate(t)
	w := startCredWorld(t)
	is := credtest.NewIssuer("sso", w.srv.AddCredential)
	sso := is.SSOServer(t, "1234567890", "ac-reader")
	const accessToken = "ssoAccessToken-Zk29fQ"
	is.AcceptSSOToken(accessToken, true)
	// credentials-go reads these CloudSSO fields of a profile, as `aliyun configure --mode
	// CloudSSO` writes them: the portal is the host of cloud_sso_sign_in_url.
	writeAliyunConfig(t, home, "default", decoyProfile,
		map[string]any{"name": "sso", "mode": "CloudSSO", "region_id": "cn-hangzhou",
			"cloud_sso_sign_in_url": sso.URL + "/login", "cloud_sso_account_id": "1234567890", "cloud_sso_access_config": "ac-reader",
			"access_token": accessToken, "cloud_sso_access_token_expire": time.Now().Add(time.Hour).Unix()})

	code, stdout, stderr := runCmd("list", "--profile", "sso")
	requireListedWith(t, w, is, code, stdout, stderr, accessToken, decoyProfile["access_key_secret"].(string))
	if !is.Saw("sso:" + accessToken) {
		t.Errorf("the sign-in portal never saw the profile's access token: %v", is.Seen())
	}
}

func TestListWithCredentialsURIVariable(t *testing.T) {
	credIsolate(t) // no ~/.aliyun/config.json at all
	w := startCredWorld(t)
	is := credtest.NewIssuer("uri", w.srv.AddCredential)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", is.URIServer(t).URL+"/credentials?role=reader")

	code, stdout, stderr := runCmd("list", "--region", "cn-hangzhou")
	requireListedWith(t, w, is, code, stdout, stderr)
}
