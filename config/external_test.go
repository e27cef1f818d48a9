package config

// The External credential process, run for real: the process is this test binary in the helper
// role main_test.go sets up, steered by the externalHelperVars.

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/config/credtest"
)

// newTestExternal is the provider for profile "ext" running the helper process.
func newTestExternal(t *testing.T) *externalProvider {
	t.Helper()
	p, err := newExternalProvider("ext", externalCommand(t))
	if err != nil {
		t.Fatalf("newExternalProvider: %v", err)
	}
	return p
}

// captureStdout runs f with os.Stdout going to a pipe and returns what was written there: the
// place credentials-go's External provider printed the process's output.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1) // buffered: f may end the test with Fatal before it is read
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	orig := os.Stdout
	os.Stdout = w
	defer func() {
		os.Stdout = orig
		w.Close()
		r.Close()
	}()
	f()
	os.Stdout = orig
	w.Close()
	return <-done
}

// runCount is how many times the helper ran with externalCountEnv set to path.
func runCount(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func answerJSON(t *testing.T, fields map[string]string) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExternalAnswers(t *testing.T) {
	isolate(t)
	cases := []struct {
		name   string
		answer map[string]string
		token  string
	}{
		{"AK", map[string]string{"mode": "AK", "access_key_id": "LTAIextKeyId000001", "access_key_secret": "extSecretValue0123456789"}, ""},
		{"StsToken", map[string]string{"mode": "StsToken", "access_key_id": "STS.extKeyId000002", "access_key_secret": "extStsSecret0123456789",
			"sts_token": "CAISextToken+/=", "expiration": "2099-01-01T00:00:00Z"}, "CAISextToken+/="},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(externalHelperEnv, answerJSON(t, tc.answer))
			p := newTestExternal(t)
			cc, err := p.GetCredentials()
			if err != nil {
				t.Fatalf("GetCredentials: %v", err)
			}
			if cc.AccessKeyId != tc.answer["access_key_id"] || cc.AccessKeySecret != tc.answer["access_key_secret"] ||
				cc.SecurityToken != tc.token || cc.ProviderName != "external" {
				t.Errorf("got %+v, want the process's answer from provider external", *cc)
			}
		})
	}
}

// TestExternalNotJSONPrintsNothing is the leak credentials-go's provider had: output that is not
// JSON, holding a secret, went to os.Stdout. Through the whole chain Load builds, the error names
// the profile, quotes none of that output, and nothing is printed.
func TestExternalNotJSONPrintsNothing(t *testing.T) {
	const secret = "leakedSecretValue0123456789"
	outputs := map[string]string{
		"text":          "access_key_id=LTAIextKeyId000001\naccess_key_secret=" + secret + "\n",
		"no key ID":     `{"mode":"AK","access_key_secret":"` + secret + `"}`,
		"wrong type":    `{"mode":"AK","access_key_id":1,"access_key_secret":"` + secret + `"}`,
		"trailing text": `{"mode":"AK","access_key_id":"LTAIx","access_key_secret":"x"} ` + secret,
	}
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			home := isolate(t)
			t.Setenv(externalHelperEnv, out)
			writeCLIConfig(t, filepath.Join(home, ".aliyun", "config.json"), "ext",
				map[string]any{"name": "ext", "mode": "External", "process_command": externalCommand(t)})
			cfg := loadE2E(t, Flags{}, home, "mode External")
			var err error
			printed := captureStdout(t, func() { _, err = cfg.Credentials.GetCredentials() })
			if err == nil {
				t.Fatal("GetCredentials succeeded on an answer that is not credentials")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "secret=") {
				t.Errorf("the error quotes the process's stdout: %v", err)
			}
			if !strings.Contains(err.Error(), `aliyun CLI profile "ext"`) || !strings.Contains(err.Error(), `profile "ext": credential process`) {
				t.Errorf("error = %v, want it to name the profile and the process", err)
			}
			if printed != "" {
				t.Errorf("printed on stdout: %q", printed)
			}
		})
	}
}

// TestExternalFailureQuotesStderr: a process that exits 1 is reported with its exit status and
// its stderr; what it printed on stdout first (a secret, here) is not.
func TestExternalFailureQuotesStderr(t *testing.T) {
	isolate(t)
	const secret = "partialSecretValue0123456789"
	t.Setenv(externalHelperEnv, `{"access_key_secret":"`+secret+`"`)
	t.Setenv(externalFailEnv, "ext-helper: not signed in, run `ext-helper login`\n")
	p := newTestExternal(t)
	var err error
	printed := captureStdout(t, func() { _, err = p.GetCredentials() })
	if err == nil {
		t.Fatal("GetCredentials succeeded for a process that exited 1")
	}
	for _, want := range []string{`profile "ext": credential process`, "failed: exit status 1", "its stderr: ext-helper: not signed in, run `ext-helper login`"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("the error quotes stdout: %v", err)
	}
	if printed != "" {
		t.Errorf("printed on stdout: %q", printed)
	}
}

// TestExternalStderrBounded: a process that writes a long stderr is quoted by its end only.
func TestExternalStderrBounded(t *testing.T) {
	isolate(t)
	const reason = "Error: the refresh token was revoked"
	t.Setenv(externalFailEnv, strings.Repeat("Traceback line with détails\n", 400)+reason+"\n")
	_, err := newTestExternal(t).GetCredentials()
	if err == nil {
		t.Fatal("GetCredentials succeeded for a process that exited 1")
	}
	msg := err.Error()
	stderr := msg[strings.Index(msg, "its stderr: ")+len("its stderr: "):]
	if !strings.HasSuffix(stderr, reason) || !strings.Contains(stderr, "earlier bytes omitted]") {
		t.Errorf("stderr quoted as %q..., want its end with a note of what was left out", stderr[:min(len(stderr), 80)])
	}
	if len(stderr) > externalStderrLimit+64 {
		t.Errorf("quoted %d bytes of stderr, want at most about %d", len(stderr), externalStderrLimit)
	}
}

// TestExternalTimeout: a process that never answers is stopped, and the error says so with what
// the process said on stderr.
func TestExternalTimeout(t *testing.T) {
	isolate(t)
	t.Setenv(externalHangEnv, "ext-helper: waiting for the browser sign-in")
	p := newTestExternal(t)
	p.timeout = 300 * time.Millisecond
	_, err := p.GetCredentials()
	if err == nil {
		t.Fatal("GetCredentials succeeded for a process that never answered")
	}
	for _, want := range []string{`profile "ext"`, "timed out after 300ms", "waiting for the browser sign-in"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// TestExternalOutputBounded: a process that prints far more than credentials is refused without
// keeping its output.
func TestExternalOutputBounded(t *testing.T) {
	isolate(t)
	t.Setenv(externalFloodEnv, "2000000")
	_, err := newTestExternal(t).GetCredentials()
	if err == nil || !strings.Contains(err.Error(), "printed more than 1048576 bytes") {
		t.Fatalf("error = %v, want the output refused for its size", err)
	}
	if strings.Contains(err.Error(), "xxxx") {
		t.Errorf("the error quotes stdout: %.200s", err)
	}
}

// TestExternalCache: credentials with an expiration are reused until 180 s before it, and then
// fetched again; without one, the process runs at every call.
func TestExternalCache(t *testing.T) {
	isolate(t)
	count := filepath.Join(t.TempDir(), "runs")
	t.Setenv(externalCountEnv, count)
	t0 := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	expires := t0.Add(time.Hour)
	t.Setenv(externalHelperEnv, answerJSON(t, map[string]string{"mode": "StsToken", "access_key_id": "STS.extKeyId000003",
		"access_key_secret": "extCachedSecret012345", "sts_token": "CAIScached", "expiration": expires.Format("2006-01-02T15:04:05Z")}))

	p := newTestExternal(t)
	now := t0
	p.now = func() time.Time { return now }
	steps := []struct {
		at   time.Time
		runs int
	}{
		{t0, 1},
		{t0.Add(30 * time.Minute), 1},
		{expires.Add(-181 * time.Second), 1},
		{expires.Add(-180 * time.Second), 2},
	}
	for _, s := range steps {
		now = s.at
		cc, err := p.GetCredentials()
		if err != nil {
			t.Fatalf("at %s: %v", s.at.Format(time.TimeOnly), err)
		}
		if cc.AccessKeyId != "STS.extKeyId000003" || cc.SecurityToken != "CAIScached" {
			t.Fatalf("at %s: got %+v", s.at.Format(time.TimeOnly), *cc)
		}
		if got := runCount(t, count); got != s.runs {
			t.Errorf("at %s: the process ran %d times, want %d", s.at.Format(time.TimeOnly), got, s.runs)
		}
	}

	// The same answer without an expiration is never reused.
	noExp := filepath.Join(t.TempDir(), "runs")
	t.Setenv(externalCountEnv, noExp)
	t.Setenv(externalHelperEnv, answerJSON(t, map[string]string{"mode": "AK", "access_key_id": "LTAIextKeyId000004", "access_key_secret": "extAKSecret0123456789"}))
	p = newTestExternal(t)
	p.now = func() time.Time { return t0 }
	for i := 1; i <= 2; i++ {
		if _, err := p.GetCredentials(); err != nil {
			t.Fatal(err)
		}
		if got := runCount(t, noExp); got != i {
			t.Errorf("call %d without an expiration: the process ran %d times, want %d", i, got, i)
		}
	}
}

// TestExternalBadCommand: a command that cannot be split or started is reported with the profile,
// from Load's check where it can be known without running anything.
func TestExternalBadCommand(t *testing.T) {
	isolate(t)
	if _, err := newExternalProvider("ext", `"/opt/helper --json`); err == nil || !strings.Contains(err.Error(), `profile "ext": invalid process_command`) {
		t.Errorf("unclosed quote: error = %v", err)
	}
	conf := &cliConfig{Profiles: []*cliProfile{{Name: "ext", Mode: "External", ProcessCommand: `'helper`}}}
	if ok, why := conf.usable(conf.profile("ext"), mapEnv(nil), time.Now(), 0); ok || !strings.Contains(why, "quote is not closed") {
		t.Errorf("usable = %v, %q; want the unclosed quote reported", ok, why)
	}
	p, err := newExternalProvider("ext", filepath.Join(t.TempDir(), "no-such-helper")+" --json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.GetCredentials(); err == nil || !strings.Contains(err.Error(), `profile "ext": credential process "no-such-helper"`) {
		t.Errorf("missing program: error = %v", err)
	}
}

// TestExternalRoleChain: a ChainableRamRoleArn profile whose source is an External profile runs
// the process through bootlog's provider too (credentials-go's CLI provider would use its own,
// which prints and writes the keys back), assumes the role with the process's keys at a fake STS,
// and lists the emulator's instances with the role's.
func TestExternalRoleChain(t *testing.T) {
	home := isolate(t)
	srv := startEmulator(t)
	is := credtest.NewIssuer("extrole", srv.AddCredential)
	sts := stsServer(t, is, "")
	src := is.Issue()
	t.Setenv(externalHelperEnv, answerJSON(t, map[string]string{"mode": "StsToken", "access_key_id": src.ID,
		"access_key_secret": src.Secret, "sts_token": src.Token, "expiration": src.Expiration()}))
	cfgPath := filepath.Join(home, ".aliyun", "config.json")
	writeCLIConfig(t, cfgPath, "reader",
		map[string]any{"name": "ext", "mode": "External", "process_command": externalCommand(t)},
		map[string]any{"name": "hop", "mode": "ChainableRamRoleArn", "source_profile": "ext",
			"ram_role_arn": "acs:ram::1234567890:role/hop", "ram_session_name": "bootlog-hop"},
		map[string]any{"name": "reader", "mode": "ChainableRamRoleArn", "source_profile": "hop",
			"ram_role_arn": "acs:ram::9876543210:role/reader", "ram_session_name": "bootlog-reader"})
	before, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := readCLIConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	// A CLI profile carries no STS endpoint; the request's is the test's seam.
	plan := resolveCredentials(credentialRequest{env: os.Getenv, home: home, cli: cli, cliPath: cfgPath,
		now: time.Now(), stsEndpoint: strings.TrimPrefix(sts.URL, "https://")})
	if !strings.Contains(plan.source, `aliyun CLI profile "reader"`) {
		t.Fatalf("source = %q", plan.source)
	}
	printed := captureStdout(t, func() { requireListed(t, newECSClient(t, plan.chain, plan.source, srv)) })
	if printed != "" {
		t.Errorf("printed on stdout: %q", printed)
	}
	if !is.Saw("sts:"+src.ID) || is.Count() != 3 {
		t.Errorf("STS saw %v and %d triples were issued; want the process's keys to assume the first role, then a second", is.Seen(), is.Count())
	}
	if after, _ := os.ReadFile(cfgPath); string(after) != string(before) {
		t.Errorf("config.json was rewritten:\n%s", after)
	}
	// The process's keys never reach the chain, which sees the role's; they are redacted too.
	if text := Redact("signed with " + src.Secret + " and " + src.Token); strings.Contains(text, src.Secret) || strings.Contains(text, src.Token) {
		t.Errorf("the process's keys are not redacted: %s", text)
	}

	// The process failing is reported through both roles, with its stderr.
	t.Setenv(externalFailEnv, "ext-helper: not signed in")
	t.Setenv(externalHelperEnv, "")
	plan = resolveCredentials(credentialRequest{env: os.Getenv, home: home, cli: cli, cliPath: cfgPath,
		now: time.Now(), stsEndpoint: strings.TrimPrefix(sts.URL, "https://")})
	var cerr error
	printed = captureStdout(t, func() { _, cerr = plan.chain.GetCredentials() })
	if cerr == nil || !strings.Contains(cerr.Error(), "ext-helper: not signed in") || !strings.Contains(cerr.Error(), `profile "ext"`) {
		t.Errorf("error = %v, want the External profile's stderr", cerr)
	}
	if printed != "" {
		t.Errorf("printed on stdout: %q", printed)
	}
}
