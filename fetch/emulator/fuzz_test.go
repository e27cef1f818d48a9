package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzLoadFixtures feeds arbitrary files to the fixture loader. A file is either refused with a
// message, or accepted; an accepted one must start a server, and every Linux instance in it must
// be rebootable (the boot-log generator once panicked on fixtures the loader accepted).
func FuzzLoadFixtures(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("testdata", "example-fixtures.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, ip := range oddAddresses {
		f.Add([]byte(`{"regions":[{"regionId":"cn-hangzhou","localName":"H"}],"instances":[{"regionId":"cn-hangzhou",` +
			`"instanceId":"i-1","instanceName":"u","status":"Running","osType":"linux","osName":"Ubuntu 22.04","privateIp":"` + ip + `",` +
			`"console":{"text":"x","lastUpdateTime":"2026-11-20T01:00:00Z"},"fault":{"action":"GetInstanceConsoleOutput","code":"Throttling","times":1}}]}`))
	}
	f.Add([]byte("// only a comment\n{}"))
	f.Add([]byte(`{"regions":[],"instances":[{"consol":{}}]}`))
	f.Add([]byte(`{"instances":[{"console":{"file":"/dev/zero"}}]}`))
	f.Add([]byte(`{} {}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fixtures.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		fx, err := LoadFixtures(path)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fixtures") {
				t.Fatalf("error %q does not say it is about the fixtures", err)
			}
			return
		}
		srv, err := New(Options{Fixtures: fx})
		if err != nil {
			t.Fatalf("the loader accepted fixtures New refuses: %v", err)
		}
		srv.mu.Lock()
		defer srv.mu.Unlock()
		for _, in := range srv.instances {
			if in.fix.OSType == "windows" {
				continue
			}
			if _, err := rebootLog(in.fix, time.Date(2026, 11, 26, 10, 4, 0, 0, time.UTC)); err != nil {
				t.Fatalf("accepted fixture cannot be rebooted: %v", err)
			}
		}
	})
}

// FuzzHandle sends arbitrary requests to the emulator's handler: raw ones (any method, query,
// body and Authorization header), and signed ones whose parameters the fuzzer chooses, which
// reach the actions themselves. Every answer must be the API's JSON with a RequestId; an error
// must carry a Code; and with no faults armed nothing may be an InternalError.
func FuzzHandle(f *testing.F) {
	for _, q := range []string{
		"Action=DescribeRegions", "Action=DescribeRegions&RegionId=", "Action=DescribeRegions&AcceptLanguage=xx",
		"Action=DescribeInstances&PageSize=100&PageNumber=2", "Action=DescribeInstances&MaxResults=1&NextToken=abc",
		"Action=DescribeInstances&InstanceIds=%5B%22i-web1%22%5D&Status=Running",
		"Action=DescribeInstanceStatus&InstanceId.1=i-web1&InstanceId.2=i-nope",
		"Action=GetInstanceConsoleOutput&InstanceId=i-web1&RemoveSymbols=true",
		"Action=GetInstanceConsoleOutput", "Action=GetInstanceScreenshot&InstanceId=i-web1&WakeUp=maybe",
		"Action=RebootInstance&InstanceId=i-ubuntu6&ForceStop=true", "Action=RebootInstance&InstanceId=i-bj1&RegionId=cn-beijing",
	} {
		f.Add(true, "GET", q, "", "")
		f.Add(true, "POST", "", q, "")
	}
	f.Add(false, "GET", "Action=\x1b]2;x\a", "", "")
	f.Add(false, "POST", "Action=DescribeRegions", "a=%zz", "")
	f.Add(false, "GET", "", "", "ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host,Signature=00")
	f.Add(false, "DELETE", "Action=DescribeRegions", "", "")

	world := testWorld(3)
	world.Instances = append(world.Instances, InstanceFixture{RegionID: "cn-hangzhou", InstanceID: "i-ubuntu6",
		InstanceName: "ubuntu-6", Status: "Running", OSType: "linux", OSName: "Ubuntu 22.04", PrivateIP: "2408:4000::6"})
	srv, err := New(Options{Fixtures: world, RebootDuration: time.Millisecond})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, signed bool, method, query, body, authorization string) {
		var r *http.Request
		if signed {
			params := map[string]string{}
			inBody := body != ""
			src := query
			if inBody {
				src = body
			}
			v, err := url.ParseQuery(src)
			if err != nil {
				return
			}
			for k, vs := range v {
				params[k] = vs[0]
			}
			if method != "POST" {
				method, inBody = "GET", false
			}
			r = v1Request(t, srv, method, DefaultAccessKeySecret, params, inBody)
			if r.Body == nil {
				r.Body = http.NoBody // a server's requests always have a body
			}
		} else {
			var err error
			r, err = http.NewRequest(method, "/?"+query, strings.NewReader(body))
			if err != nil {
				return
			}
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if authorization != "" {
				r.Header.Set("Authorization", authorization)
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var m map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
			t.Fatalf("HTTP %d, body is not JSON: %q", w.Code, w.Body.String())
		}
		if id, _ := m["RequestId"].(string); id == "" {
			t.Fatalf("HTTP %d without a RequestId: %s", w.Code, w.Body.String())
		}
		if w.Code != http.StatusOK {
			if code, _ := m["Code"].(string); code == "" {
				t.Fatalf("HTTP %d without a Code: %s", w.Code, w.Body.String())
			}
		}
		if w.Code == http.StatusInternalServerError {
			t.Fatalf("InternalError with no fault armed: %s", w.Body.String())
		}
	})
}
