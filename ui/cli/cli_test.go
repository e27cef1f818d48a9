package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// testWorld is a small fixture: one healthy Linux instance, one Windows, one hostile log.
func testWorld() *emulator.Fixtures {
	now := time.Now().UTC().Add(-10 * time.Minute).Format(time.RFC3339)
	return &emulator.Fixtures{
		Regions: []emulator.RegionFixture{{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"}},
		Instances: []emulator.InstanceFixture{
			{RegionID: "cn-hangzhou", InstanceID: "i-bp1linux0000000001", InstanceName: "web-1", Status: "Running",
				OSType: "linux", OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
				PrivateIP: "172.16.0.10",
				Console: &emulator.ConsoleFixture{LastUpdateTime: now,
					Text: "[    0.000000] Linux version 5.10.134\r\n[  \x1b[32mOK\x1b[0m  ] Started sshd.\nweb-1 login: "}},
			{RegionID: "cn-hangzhou", InstanceID: "i-bp1windows00000001", InstanceName: "erp-win", Status: "Running",
				OSType: "windows", OSName: "Windows Server 2022", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h"},
			{RegionID: "cn-hangzhou", InstanceID: "i-bp1hostile00000001", InstanceName: "pwned", Status: "Running",
				OSType: "linux", OSName: "Ubuntu 22.04", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
				Console: &emulator.ConsoleFixture{LastUpdateTime: now,
					Text: "boot ok\x1b]52;c;cm0gLXJmIH4K\x07 then\x1b[6n title\x1b]0;owned\x07 end\n"}},
		},
	}
}

// startWorld runs the emulator and points the environment at it the way an operator would: the
// SDK's own environment-variable credentials and bootlog's endpoint variable.
func startWorld(t *testing.T) *emulator.Server {
	t.Helper()
	return startFixtures(t, testWorld())
}

// startFixtures is startWorld with the given fixtures.
func startFixtures(t *testing.T, fx *emulator.Fixtures) *emulator.Server {
	t.Helper()
	srv, err := emulator.New(emulator.Options{Fixtures: fx, RebootDuration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	pointAt(t, srv)
	return srv
}

// pointAt isolates the test and points the environment at srv.
func pointAt(t *testing.T, srv *emulator.Server) {
	t.Helper()
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DefaultAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ECS_ENDPOINT", srv.URL())
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
}

// isolate gives the test its own home, config, cache and state directories, so nothing is read
// from or written to the developer's own (the instance cache, the aliyun CLI profile).
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".state"))
	for _, v := range []string{"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_ECS_ENDPOINT", "ALIBABA_CLOUD_REGION_ID"} {
		t.Setenv(v, "")
	}
	return home
}

// runCmd runs bootlog in-process with the test's environment (set with t.Setenv).
func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestGetPrintsSanitisedText(t *testing.T) {
	startWorld(t)
	code, out, errOut := runCmd("get", "i-bp1linux0000000001")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "[    0.000000] Linux version 5.10.134\n[  OK  ] Started sshd.\nweb-1 login: \n"
	if out != want {
		t.Fatalf("stdout = %q, want %q", out, want)
	}
}

func TestGetNeutralisesHostileSequences(t *testing.T) {
	startWorld(t)
	code, out, _ := runCmd("get", "i-bp1hostile00000001")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("escape or BEL reached stdout: %q", out)
	}
	if !strings.Contains(out, "boot ok") || !strings.Contains(out, "end") {
		t.Fatalf("text lost: %q", out)
	}
	// --raw is the one way to get the bytes as the VM wrote them.
	code, raw, _ := runCmd("get", "--raw", "i-bp1hostile00000001")
	if code != exitOK || !strings.Contains(raw, "\x1b]52;c;") {
		t.Fatalf("--raw: exit %d, %q", code, raw)
	}
}

func TestGetJSON(t *testing.T) {
	startWorld(t)
	code, out, errOut := runCmd("get", "i-bp1linux0000000001", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got getJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.InstanceID != "i-bp1linux0000000001" || got.RequestID == "" || got.LastUpdateTime == nil ||
		!strings.HasSuffix(got.Output, "web-1 login: ") {
		t.Fatalf("unexpected %+v", got)
	}
}

func TestGetErrorsAndUsage(t *testing.T) {
	startWorld(t)
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"windows unsupported", []string{"get", "i-bp1windows00000001"}, exitAPI, "NotSupported"},
		{"unknown instance", []string{"get", "i-bp1nope"}, exitAPI, "not found"},
		{"missing id", []string{"get"}, exitUsage, "missing INSTANCE: "},
		{"bad flag", []string{"get", "--bogus", "i-x"}, exitUsage, "bogus"},
		{"raw and json", []string{"get", "--raw", "--json", "i-x"}, exitUsage, "exclude"},
		{"bad wait", []string{"get", "--wait-update", "yesterday", "i-bp1linux0000000001"}, exitUsage, "RFC 3339"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.inStderr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tc.code, errOut, tc.inStderr)
			}
		})
	}
}

func TestGetNeverOverwrites(t *testing.T) {
	startWorld(t)
	path := filepath.Join(t.TempDir(), "saved.log")
	if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd("get", "-o", path, "i-bp1linux0000000001")
	if code != exitUsage || !strings.Contains(errOut, "never overwrites") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Fatalf("file changed: %q", b)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.log")
	if code, _, errOut := runCmd("get", "-o", fresh, "i-bp1linux0000000001"); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	st, err := os.Stat(fresh)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v %v", st, err)
	}
}

func TestGetWaitUpdateFollowsReboot(t *testing.T) {
	srv := startWorld(t)
	go func() {
		time.Sleep(200 * time.Millisecond)
		_ = srv.Reboot("i-bp1linux0000000001")
	}()
	code, out, errOut := runCmd("get", "--wait-update", "now", "--poll", "100ms", "--timeout", "20s", "i-bp1linux0000000001")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "login:") {
		t.Fatalf("new boot log missing: %q", out)
	}
}

func TestGetWaitUpdateTimesOut(t *testing.T) {
	startWorld(t)
	code, _, errOut := runCmd("get", "--wait-update", "now", "--poll", "50ms", "--timeout", "400ms", "i-bp1linux0000000001")
	if code != exitTimeout || !strings.Contains(errOut, "no console output newer") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestList(t *testing.T) {
	startWorld(t)
	code, out, errOut := runCmd("list")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "STATUS") || !strings.Contains(out, "web-1") {
		t.Fatalf("table:\n%s", out)
	}
	code, out, _ = runCmd("list", "--json")
	var rows []listJSON
	if code != exitOK || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 3 {
		t.Fatalf("json: exit %d\n%s", code, out)
	}
}

func TestNoRegionIsAUsageError(t *testing.T) {
	startWorld(t)
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "")
	for _, args := range [][]string{{"list"}, {"scan"}, {"screenshot", "-o", filepath.Join(t.TempDir(), "s.png"), "i-bp1linux0000000001"}} {
		code, _, errOut := runCmd(args...)
		if code != exitUsage || !strings.Contains(errOut, "--region") {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	// get needs none: it looks the instance up in every region.
	if code, out, errOut := runCmd("get", "i-bp1linux0000000001"); code != exitOK || !strings.Contains(out, "web-1 login:") {
		t.Fatalf("get without a region: exit %d: %s", code, errOut)
	}
}

func TestDemoListsTheDemoFleet(t *testing.T) {
	isolate(t)
	code, out, errOut := runCmd("list", "--demo", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []listJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) < 250 {
		t.Fatalf("demo fleet: %d rows, %v", len(rows), err)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd("--version")
	if code != exitOK || !strings.HasPrefix(out, "bootlog ") {
		t.Fatalf("exit %d %q", code, out)
	}
}

func TestNoCredentialsPrintsFirstRunHelp(t *testing.T) {
	startWorld(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "")
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true") // never wait on the metadata service here
	for _, args := range [][]string{{"get", "i-bp1linux0000000001"}, {"list"}} {
		code, out, errOut := runCmd(args...)
		if code != exitUsage || out != "" {
			t.Fatalf("%v: exit %d, stdout %q", args, code, out)
		}
		for _, want := range []string{"No Alibaba Cloud credentials found", "aliyun configure", "ALIBABA_CLOUD_ACCESS_KEY_ID", "bootlog --demo", "environment variables"} {
			if !strings.Contains(errOut, want) {
				t.Fatalf("%v: stderr lacks %q:\n%s", args, want, errOut)
			}
		}
	}
}

// TestSecretsNeverReachOutputOrDebugLog runs get with STS credentials, once accepted and once
// rejected (the gateway's SignatureDoesNotMatch echoes the string to sign, token included), and fails
// if the secret or the token appears on stdout, stderr or in the debug log.
func TestSecretsNeverReachOutputOrDebugLog(t *testing.T) {
	srv := startWorld(t)
	const id, secret, token = "STS.NUbootlogTest01", "sts-secret-Zq81xV", "CAIS-sts-token-9f7Kq2+/="
	srv.AddCredential(id, secret, token)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", id)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", token)
	for _, tc := range []struct {
		secret string
		code   int
	}{{secret, exitOK}, {"wrong-" + secret, exitAPI}} {
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", tc.secret)
		debugLog := filepath.Join(t.TempDir(), "debug.log")
		code, out, errOut := runCmd("get", "--debug", debugLog, "i-bp1linux0000000001")
		if code != tc.code {
			t.Fatalf("exit %d, want %d: %s", code, tc.code, errOut)
		}
		logged, err := os.ReadFile(debugLog)
		if err != nil || len(logged) == 0 {
			t.Fatalf("debug log empty: %v", err)
		}
		for name, text := range map[string]string{"stdout": out, "stderr": errOut, "debug log": string(logged)} {
			for _, s := range []string{tc.secret, token, "CAIS-sts-token", "Signature="} {
				if strings.Contains(text, s) {
					t.Fatalf("%s contains %q:\n%s", name, s, text)
				}
			}
		}
	}
}

func TestViewRejectsBadInput(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"view"}, "missing FILE"},
		{[]string{"view", filepath.Join(dir, "missing.log")}, "no such file"},
		{[]string{"view", dir}, "is a directory"},
	} {
		code, _, errOut := runCmd(tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Fatalf("%v: exit %d, stderr %q (want %q)", tc.args, code, errOut, tc.want)
		}
	}
}

func TestReadViewInputReadsFileAndStdin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.log")
	if err := os.WriteFile(path, []byte("boot\r\nlogin: "), 0o600); err != nil {
		t.Fatal(err)
	}
	name, data, err := readViewInput(path, nil)
	if err != nil || name != path || string(data) != "boot\r\nlogin: " {
		t.Fatalf("file: %q %q %v", name, data, err)
	}
	name, data, err = readViewInput("-", strings.NewReader("piped"))
	if err != nil || name != "stdin" || string(data) != "piped" {
		t.Fatalf("stdin: %q %q %v", name, data, err)
	}
}

func TestConfigShowsSourcesNotSecrets(t *testing.T) {
	startWorld(t)
	code, out, errOut := runCmd("config", "--region", "cn-shanghai")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"cn-shanghai", "flag --region", "ALIBABA_CLOUD_ECS_ENDPOINT", "environment variables"} {
		if !strings.Contains(out, want) {
			t.Fatalf("config output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, emulator.DefaultAccessKeySecret) {
		t.Fatalf("config printed the secret:\n%s", out)
	}
}
