package emulator

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

func TestLoadExampleFixtures(t *testing.T) {
	f, err := LoadFixtures(filepath.Join("testdata", "example-fixtures.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Regions) != 2 || len(f.Instances) != 4 {
		t.Fatalf("%d regions, %d instances", len(f.Regions), len(f.Instances))
	}
	web := f.Instances[0]
	if want := filepath.Join("testdata", "consoles", "web-1.log"); web.Console.File != want {
		t.Errorf("console.file resolved to %q, want %q", web.Console.File, want)
	}
	if ft := f.Instances[1].Fault; ft == nil || ft.Code != "Throttling" || ft.Times != 2 || ft.HTTPStatus != 429 {
		t.Errorf("fault %+v", ft)
	}

	// The example serves: the file-backed console, and the fault of api-1.
	srv, _ := startServer(t, f, Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	req := ecs.CreateGetInstanceConsoleOutputRequest()
	req.InstanceId = web.InstanceID
	resp, err := c.GetInstanceConsoleOutput(req)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join("testdata", "consoles", "web-1.log"))
	got, _ := base64.StdEncoding.DecodeString(resp.ConsoleOutput)
	if string(got) != string(want) || resp.LastUpdateTime != "2026-11-20 10:04:57" {
		t.Fatalf("console %q at %s", got, resp.LastUpdateTime)
	}
	req.InstanceId = "i-bp1exampleapi000002"
	for i := range 2 {
		_, err := c.GetInstanceConsoleOutput(req)
		serverError(t, err, 429, "Throttling")
		_ = i
	}
	if _, err := c.GetInstanceConsoleOutput(req); err != nil {
		t.Fatalf("third call: %v", err)
	}
}

// writeFixture writes a fixture file (and optional console files) into a fresh directory.
func writeFixture(t *testing.T, body string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "world.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFixturesConsoleFileIsRelativeToTheFixture(t *testing.T) {
	p := writeFixture(t, `{"regions":[{"regionId":"cn-hangzhou","localName":"H"}],
"instances":[{"regionId":"cn-hangzhou","instanceId":"i-1","instanceName":"a","status":"Running","osType":"linux",
 "osName":"x","instanceType":"ecs.g7.large","zoneId":"z","console":{"lastUpdateTime":"2026-11-20T02:04:57Z","file":"logs/a.log"}}]}`,
		map[string]string{"logs/a.log": "hello\nlogin: "})
	// Load from another working directory: the path is relative to the file, not to the cwd.
	t.Chdir(t.TempDir())
	f, err := LoadFixtures(p)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Fixtures: f})
	if err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	got := string(srv.byID["i-1"].console)
	srv.mu.Unlock()
	if got != "hello\nlogin: " {
		t.Fatalf("console %q", got)
	}
}

func TestLoadFixturesErrors(t *testing.T) {
	const inst = `{"regionId":"cn-hangzhou","instanceId":"i-1","instanceName":"a","status":"Running","osType":"linux","osName":"x","instanceType":"ecs.g7.large","zoneId":"z"`
	world := func(instances ...string) string {
		return `{"regions":[{"regionId":"cn-hangzhou","localName":"H"}],"instances":[` + strings.Join(instances, ",") + `]}`
	}
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"unknown field", "{\n  \"regions\": [],\n  \"instances\": [{\"consol\": {}}]\n}", []string{`world.json:3:`, `unknown field "consol"`}},
		{"syntax", "{\"regions\": [,]}", []string{"world.json:1:", "invalid character"}},
		{"wrong type", `{"regions": [{"regionId": 7}]}`, []string{"world.json:1:", "regionId"}},
		{"trailing data", world() + `{}`, []string{"data after the top-level object"}},
		{"bad status", world(inst + `},` + strings.Replace(inst, `"i-1"`, `"i-2"`, 1) + `},` + strings.Replace(strings.Replace(inst, `"i-1"`, `"i-3"`, 1), `"Running"`, `"Runing"`, 1) + `}`),
			[]string{`instances[2].status: "Runing" is not one of Pending, Starting, Running, Stopping, Stopped`}},
		{"unknown region", world(strings.Replace(inst, "cn-hangzhou", "cn-nowhere", 1) + `}`), []string{`instances[0].regionId: "cn-nowhere" is not one of the regions`}},
		{"duplicate id", world(inst+`}`, inst+`}`), []string{`instances[1].instanceId: "i-1" appears twice`}},
		{"bad os", world(strings.Replace(inst, `"linux"`, `"Linux"`, 1) + `}`), []string{`instances[0].osType: "Linux" is not one of linux, windows`}},
		{"bad ip", world(inst + `,"privateIp":"172.16.0.300"}`), []string{`instances[0].privateIp: "172.16.0.300" is not an IP address`}},
		{"bad time", world(inst + `,"console":{"lastUpdateTime":"20 Nov 2026"}}`), []string{`instances[0].console.lastUpdateTime:`}},
		{"two sources", world(inst + `,"console":{"text":"a","base64":"YQ=="}}`), []string{`instances[0].console: give only one of text, base64 and file`}},
		{"missing file", world(inst + `,"console":{"file":"nope.log"}}`), []string{`instances[0].console.file:`, "nope.log"}},
		{"fault action", world(inst + `,"fault":{"action":"StopInstance","code":"X"}}`), []string{`instances[0].fault.action: "StopInstance" is not one of`}},
		{"fault delay", world(inst + `,"fault":{"action":"RebootInstance","delay":"forever"}}`), []string{`instances[0].fault.delay: "forever" is not a duration`}},
		{"fault empty", world(inst + `,"fault":{"action":"RebootInstance"}}`), []string{`instances[0].fault: give at least one of code, body and delay`}},
		{"fault status", world(inst + `,"fault":{"action":"RebootInstance","code":"X","httpStatus":42}}`), []string{`instances[0].fault.httpStatus: 42 is not an HTTP status`}},
		{"no regions", `{"regions":[],"instances":[]}`, []string{"regions: at least one region is required"}},
		{"bad region", `{"regions":[{"regionId":"cn hangzhou"},{"regionId":"x","status":"gone"}]}`,
			[]string{`regions[0].regionId: "cn hangzhou" is not a region ID`, `regions[1].status: "gone" is not one of available, soldOut`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFixtures(writeFixture(t, tt.body, nil))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain %q", err, w)
				}
			}
		})
	}
	if _, err := LoadFixtures(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestCommentsAreStrippedOutsideStrings(t *testing.T) {
	src := "{\"a\": \"http://x//y\", // comment \"b\"\n \"c\": \"\\\"//\"} // end"
	got := string(stripLineComments([]byte(src)))
	want := "{\"a\": \"http://x//y\"," + strings.Repeat(" ", 1+len(`// comment "b"`)) + "\n \"c\": \"\\\"//\"} " + strings.Repeat(" ", len("// end"))
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestNewRejectsInvalidFixtures(t *testing.T) {
	w := testWorld(0)
	w.Instances[0].Status = "Runing"
	if _, err := New(Options{Fixtures: w}); err == nil || !strings.Contains(err.Error(), `instances[0].status: "Runing"`) {
		t.Fatalf("New: %v", err)
	}
	if _, err := New(Options{Fixtures: testWorld(0), Latency: -1}); err == nil {
		t.Fatal("negative latency accepted")
	}
}

func TestNewDefaultsToTheDemoWorld(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.instances) < 250 || len(srv.regions) < 3 {
		t.Fatalf("default world has %d instances in %d regions", len(srv.instances), len(srv.regions))
	}
}

// TestConsoleFileBounded: a console.file must be a regular file of at most 64 MiB, so that a
// fixture naming a device or a huge file cannot make the emulator read without end.
func TestConsoleFileBounded(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.log")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxConsoleFile + 1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	ok := filepath.Join(dir, "ok.log")
	os.WriteFile(ok, []byte("login: "), 0o600)
	for _, tc := range []struct{ path, want string }{
		{"/dev/zero", "not a regular file"},
		{dir, "not a regular file"},
		{huge, "larger than 64 MiB"},
	} {
		if _, err := readConsoleFile(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.path, err, tc.want)
		}
	}
	if b, err := readConsoleFile(ok); err != nil || string(b) != "login: " {
		t.Errorf("ordinary file: %q %v", b, err)
	}
	fx := &Fixtures{Regions: []RegionFixture{{RegionID: "cn-hangzhou", LocalName: "H"}}, Instances: []InstanceFixture{{
		RegionID: "cn-hangzhou", InstanceID: "i-1", Status: "Running", OSType: "linux", Console: &ConsoleFixture{File: "/dev/zero"}}}}
	if _, err := New(Options{Fixtures: fx}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("New with console.file /dev/zero: %v", err)
	}
}
