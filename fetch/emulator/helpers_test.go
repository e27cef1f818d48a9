package emulator

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testWorld is a small world with one instance per interesting case in cn-hangzhou, plus
// fleet instances named fleet-NNN; fleet instances alternate zones h and i, and every tenth
// is Stopped.
func testWorld(fleet int) *Fixtures {
	f := &Fixtures{
		Regions: []RegionFixture{
			{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"},
			{RegionID: "cn-beijing", LocalName: "China (Beijing)"},
			{RegionID: "us-west-1", LocalName: "US (Silicon Valley)", Status: "soldOut"},
		},
		Instances: []InstanceFixture{
			{RegionID: "cn-hangzhou", InstanceID: "i-web1", InstanceName: "web-1", HostName: "web-1", Status: "Running",
				OSType: "linux", OSName: "CentOS 7.9 64-bit", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
				PrivateIP: "172.16.0.10", PublicIP: "47.96.1.2", EIP: "8.136.0.9",
				CreationTime: "2026-11-01T08:00Z", StartTime: "2026-11-20T10:03Z",
				Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T02:04:57Z",
					Text: "[    0.000000] Linux version 3.10.0-1160.el7.x86_64\r\n\x1b[0;32m  OK  \x1b[0m Started Journal.\r\n\r\nCentOS Linux 7 (Core)\r\nKernel 3.10.0-1160.el7.x86_64 on an x86_64\r\n\r\nweb-1 login: "}},
			{RegionID: "cn-hangzhou", InstanceID: "i-win1", InstanceName: "win-1", Status: "Running",
				OSType: "windows", OSName: "Windows Server 2022", InstanceType: "ecs.g7.xlarge", ZoneID: "cn-hangzhou-i",
				PrivateIP: "172.16.0.11"},
			{RegionID: "cn-hangzhou", InstanceID: "i-new1", InstanceName: "new-1", Status: "Pending",
				OSType: "linux", OSName: "Ubuntu 22.04 64-bit", InstanceType: "ecs.c7.large", ZoneID: "cn-hangzhou-h"},
			{RegionID: "cn-hangzhou", InstanceID: "i-stop1", InstanceName: "db-stopped", Status: "Stopped",
				OSType: "linux", OSName: "Debian 12.5 64-bit", InstanceType: "ecs.r7.2xlarge", ZoneID: "cn-hangzhou-i",
				Console: &ConsoleFixture{LastUpdateTime: "2026-11-19T23:00:00Z", Text: "reboot: Power down\n"}},
			{RegionID: "cn-hangzhou", InstanceID: "i-empty1", InstanceName: "empty-1", Status: "Running",
				OSType: "linux", OSName: "Alibaba Cloud Linux 3.2104 LTS 64-bit", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
				Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T01:00:00Z"}},
			{RegionID: "cn-hangzhou", InstanceID: "i-bad64", InstanceName: "bad-base64", Status: "Running",
				OSType: "linux", OSName: "CentOS 7.9 64-bit", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
				Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T01:00:00Z", Base64: "!!not base64!!"}},
			{RegionID: "cn-beijing", InstanceID: "i-bj1", InstanceName: "bj-api-1", Status: "Running",
				OSType: "linux", OSName: "Ubuntu 22.04 64-bit", InstanceType: "ecs.c7.large", ZoneID: "cn-beijing-k",
				Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T01:00:00Z", Text: "Ubuntu 22.04.4 LTS bj-api-1 ttyS0\n\nbj-api-1 login: "}},
		},
	}
	for i := range fleet {
		st := "Running"
		if i%10 == 9 {
			st = "Stopped"
		}
		f.Instances = append(f.Instances, InstanceFixture{
			RegionID: "cn-hangzhou", InstanceID: fmt.Sprintf("i-fleet%03d", i), InstanceName: fmt.Sprintf("fleet-%03d", i),
			Status: st, OSType: "linux", OSName: "Alibaba Cloud Linux 3.2104 LTS 64-bit", InstanceType: "ecs.c7.large",
			ZoneID: []string{"cn-hangzhou-h", "cn-hangzhou-i"}[i%2], PrivateIP: fmt.Sprintf("172.16.%d.%d", 1+i/200, 2+i%200),
			Console: &ConsoleFixture{LastUpdateTime: "2026-11-20T01:00:00Z", Text: fmt.Sprintf("fleet-%03d login: ", i)},
		})
	}
	return f
}

// startServer starts an emulator for world on a free loopback port, on a fake clock that starts
// at the real time (the SDK stamps its requests with the real time) unless opts.Now is set.
func startServer(t *testing.T, world *Fixtures, opts Options) (*Server, *fakeClock) {
	t.Helper()
	clock := newFakeClock(time.Now())
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	opts.Fixtures = world
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, clock
}

// sdkClient is the real SDK's ECS client pointed at srv, signing with the given key pair (an STS
// pair when token is not empty).
func sdkClient(t *testing.T, srv *Server, region, id, secret, token string) *ecs.Client {
	t.Helper()
	var cred credentials.CredentialsProvider = credentials.NewStaticAKCredentialsProvider(id, secret)
	if token != "" {
		cred = credentials.NewStaticSTSCredentialsProvider(id, secret, token)
	}
	c, err := ecs.NewClientWithOptions(region, sdk.NewConfig().WithTimeout(10*time.Second), cred)
	if err != nil {
		t.Fatalf("NewClientWithOptions: %v", err)
	}
	c.Domain = srv.Addr()
	c.SetNoProxy("127.0.0.1,localhost")
	return c
}

// defaultClient is sdkClient with the default key pair.
func defaultClient(t *testing.T, srv *Server, region string) *ecs.Client {
	return sdkClient(t, srv, region, DefaultAccessKeyID, DefaultAccessKeySecret, "")
}
