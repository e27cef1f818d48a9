package emulator

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

// serverError asserts that err is the SDK's ServerError with the given status and code.
func serverError(t *testing.T, err error, status int, code string) *sdkerrors.ServerError {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want ServerError %d %s, got %T %v", status, code, err, err)
	}
	if se.HttpStatus() != status || se.ErrorCode() != code {
		t.Fatalf("want %d %s, got %d %s: %s", status, code, se.HttpStatus(), se.ErrorCode(), se.Message())
	}
	if se.RequestId() == "" || se.RequestId() != strings.ToUpper(se.RequestId()) || len(se.RequestId()) != 36 {
		t.Errorf("RequestId %q is not an upper-case UUID", se.RequestId())
	}
	if se.HostId() == "" || se.Recommend() == "" || se.Message() == "" {
		t.Errorf("HostId %q, Recommend %q, Message %q: want all set", se.HostId(), se.Recommend(), se.Message())
	}
	return se
}

func TestSDKDescribeRegions(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	req := ecs.CreateDescribeRegionsRequest()
	req.AcceptLanguage = "en-US"
	resp, err := c.DescribeRegions(req)
	if err != nil {
		t.Fatal(err)
	}
	got := resp.Regions.Region
	if len(got) != 3 || got[0].RegionId != "cn-hangzhou" || got[0].LocalName != "China (Hangzhou)" ||
		got[0].Status != "available" || got[2].Status != "soldOut" || got[1].RegionEndpoint != "ecs.cn-beijing.aliyuncs.com" {
		t.Fatalf("regions: %+v", got)
	}
	if len(resp.RequestId) != 36 {
		t.Errorf("RequestId %q", resp.RequestId)
	}

	req = ecs.CreateDescribeRegionsRequest()
	req.AcceptLanguage = "fr-FR"
	_, err = c.DescribeRegions(req)
	serverError(t, err, 404, "InvalidAcceptLanguage.NotFound")
}

func TestSDKDescribeInstancesAllPagesByPageNumber(t *testing.T) {
	world := testWorld(250)
	srv, _ := startServer(t, world, Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	want := 0
	for _, in := range world.Instances {
		if in.RegionID == "cn-hangzhou" {
			want++
		}
	}
	seen := map[string]bool{}
	pages := 0
	for page := 1; ; page++ {
		req := ecs.CreateDescribeInstancesRequest()
		req.PageNumber = requests.NewInteger(page)
		req.PageSize = requests.NewInteger(100)
		resp, err := c.DescribeInstances(req)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if resp.TotalCount != want || resp.PageNumber != page || resp.PageSize != 100 {
			t.Fatalf("page %d: TotalCount %d PageNumber %d PageSize %d", page, resp.TotalCount, resp.PageNumber, resp.PageSize)
		}
		if len(resp.Instances.Instance) == 0 {
			break
		}
		pages++
		for _, in := range resp.Instances.Instance {
			if seen[in.InstanceId] {
				t.Fatalf("%s twice", in.InstanceId)
			}
			seen[in.InstanceId] = true
		}
	}
	if len(seen) != want || pages != 3 {
		t.Fatalf("saw %d instances in %d pages, want %d in 3", len(seen), pages, want)
	}
	if n := srv.Calls("DescribeInstances"); n != 4 {
		t.Errorf("Calls = %d, want 4", n)
	}
}

func TestSDKDescribeInstancesAllPagesByNextToken(t *testing.T) {
	world := testWorld(250)
	srv, _ := startServer(t, world, Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	var order []string
	token := ""
	for calls := 0; ; calls++ {
		if calls > 10 {
			t.Fatal("NextToken never ended")
		}
		req := ecs.CreateDescribeInstancesRequest()
		req.MaxResults = requests.NewInteger(100)
		req.NextToken = token
		// Ignored in token mode.
		req.PageNumber = requests.NewInteger(7)
		resp, err := c.DescribeInstances(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range resp.Instances.Instance {
			order = append(order, in.InstanceId)
		}
		if resp.NextToken == "" {
			break
		}
		token = resp.NextToken
	}
	var want []string
	for _, in := range world.Instances {
		if in.RegionID == "cn-hangzhou" {
			want = append(want, in.InstanceID)
		}
	}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Fatalf("token paging gave %d instances, want %d in fixture order", len(order), len(want))
	}

	req := ecs.CreateDescribeInstancesRequest()
	req.NextToken = "made-up"
	_, err := c.DescribeInstances(req)
	serverError(t, err, 400, "InvalidParameter")
}

func TestSDKDescribeInstancesShape(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = `["i-web1"]`
	resp, err := c.DescribeInstances(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Instances.Instance) != 1 {
		t.Fatalf("got %d instances", len(resp.Instances.Instance))
	}
	in := resp.Instances.Instance[0]
	checks := []struct {
		name, got, want string
	}{
		{"InstanceId", in.InstanceId, "i-web1"},
		{"InstanceName", in.InstanceName, "web-1"},
		{"HostName", in.HostName, "web-1"},
		{"Status", in.Status, "Running"},
		{"OSType", in.OSType, "linux"},
		{"OSName", in.OSName, "CentOS 7.9 64-bit"},
		{"InstanceType", in.InstanceType, "ecs.g7.large"},
		{"InstanceTypeFamily", in.InstanceTypeFamily, "ecs.g7"},
		{"ZoneId", in.ZoneId, "cn-hangzhou-h"},
		{"RegionId", in.RegionId, "cn-hangzhou"},
		{"CreationTime", in.CreationTime, "2026-11-01T08:00Z"},
		{"StartTime", in.StartTime, "2026-11-20T10:03Z"},
		{"PrivateIp", strings.Join(in.VpcAttributes.PrivateIpAddress.IpAddress, ","), "172.16.0.10"},
		{"PublicIp", strings.Join(in.PublicIpAddress.IpAddress, ","), "47.96.1.2"},
		{"Eip", in.EipAddress.IpAddress, "8.136.0.9"},
		{"InstanceNetworkType", in.InstanceNetworkType, "vpc"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if in.Cpu != 2 || in.Memory != 8192 {
		t.Errorf("Cpu %d Memory %d, want 2 and 8192 for ecs.g7.large", in.Cpu, in.Memory)
	}
	if !strings.HasPrefix(in.VpcAttributes.VpcId, "vpc-") || len(in.NetworkInterfaces.NetworkInterface) != 1 ||
		in.NetworkInterfaces.NetworkInterface[0].PrimaryIpAddress != "172.16.0.10" {
		t.Errorf("VPC/ENI: %+v %+v", in.VpcAttributes, in.NetworkInterfaces)
	}
}

func TestSDKDescribeInstancesFilters(t *testing.T) {
	srv, _ := startServer(t, testWorld(30), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	ids := func(req *ecs.DescribeInstancesRequest) []string {
		t.Helper()
		req.PageSize = requests.NewInteger(100)
		resp, err := c.DescribeInstances(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.TotalCount != len(resp.Instances.Instance) {
			t.Fatalf("TotalCount %d but %d instances", resp.TotalCount, len(resp.Instances.Instance))
		}
		var out []string
		for _, in := range resp.Instances.Instance {
			out = append(out, in.InstanceId)
		}
		return out
	}
	tests := []struct {
		name string
		set  func(*ecs.DescribeInstancesRequest)
		want string
	}{
		{"ids", func(r *ecs.DescribeInstancesRequest) { r.InstanceIds = `["i-web1","i-stop1","i-bj1","i-nope"]` }, "i-web1,i-stop1"},
		{"empty ids", func(r *ecs.DescribeInstancesRequest) { r.InstanceIds = `[]` }, ""},
		{"exact name", func(r *ecs.DescribeInstancesRequest) { r.InstanceName = "web-1" }, "i-web1"},
		{"prefix wildcard", func(r *ecs.DescribeInstancesRequest) { r.InstanceName = "fleet-02*" }, "i-fleet020,i-fleet021,i-fleet022,i-fleet023,i-fleet024,i-fleet025,i-fleet026,i-fleet027,i-fleet028,i-fleet029"},
		{"inner wildcard", func(r *ecs.DescribeInstancesRequest) { r.InstanceName = "*-stop*" }, "i-stop1"},
		{"wildcards both ends", func(r *ecs.DescribeInstancesRequest) { r.InstanceName = "f*t-0*9" }, "i-fleet009,i-fleet019,i-fleet029"},
		{"status", func(r *ecs.DescribeInstancesRequest) { r.Status = "Stopped" }, "i-stop1,i-fleet009,i-fleet019,i-fleet029"},
		{"status and name", func(r *ecs.DescribeInstancesRequest) { r.Status = "Stopped"; r.InstanceName = "fleet-01*" }, "i-fleet019"},
		{"pending", func(r *ecs.DescribeInstancesRequest) { r.Status = "Pending" }, "i-new1"},
		{"zone and type", func(r *ecs.DescribeInstancesRequest) {
			r.ZoneId = "cn-hangzhou-i"
			r.InstanceType = "ecs.g7.xlarge"
		}, "i-win1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ecs.CreateDescribeInstancesRequest()
			tt.set(req)
			if got := strings.Join(ids(req), ","); got != tt.want {
				t.Fatalf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSDKDescribeInstancesErrors(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	tests := []struct {
		name   string
		set    func(*ecs.DescribeInstancesRequest)
		status int
		code   string
	}{
		{"bad status", func(r *ecs.DescribeInstancesRequest) { r.Status = "Runing" }, 404, "InvalidStatus.NotFound"},
		{"ids not JSON", func(r *ecs.DescribeInstancesRequest) { r.InstanceIds = "i-web1" }, 400, "InvalidInstanceIds.Malformed"},
		{"page size too big", func(r *ecs.DescribeInstancesRequest) { r.PageSize = requests.NewInteger(101) }, 400, "InvalidParameter"},
		{"page number zero", func(r *ecs.DescribeInstancesRequest) { r.PageNumber = requests.NewInteger(0) }, 400, "InvalidParameter"},
		{"max results too big", func(r *ecs.DescribeInstancesRequest) { r.MaxResults = requests.NewInteger(500) }, 400, "InvalidParameter"},
		{"dry run", func(r *ecs.DescribeInstancesRequest) { r.DryRun = requests.NewBoolean(true) }, 400, "DryRunOperation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ecs.CreateDescribeInstancesRequest()
			tt.set(req)
			_, err := c.DescribeInstances(req)
			serverError(t, err, tt.status, tt.code)
		})
	}
	// More than 100 IDs.
	var many []string
	for i := range 101 {
		many = append(many, fmt.Sprintf("%q", fmt.Sprint("i-", i)))
	}
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = "[" + strings.Join(many, ",") + "]"
	_, err := c.DescribeInstances(req)
	serverError(t, err, 400, "InvalidInstanceIds.Malformed")

	unknown := defaultClient(t, srv, "eu-west-9")
	_, err = unknown.DescribeInstances(ecs.CreateDescribeInstancesRequest())
	serverError(t, err, 404, "InvalidRegionId.NotFound")
}

func TestSDKDescribeInstanceStatus(t *testing.T) {
	srv, _ := startServer(t, testWorld(120), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	req := ecs.CreateDescribeInstanceStatusRequest()
	req.InstanceId = &[]string{"i-web1", "i-stop1", "i-new1", "i-bj1"}
	resp, err := c.DescribeInstanceStatus(req)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range resp.InstanceStatuses.InstanceStatus {
		got = append(got, s.InstanceId+"="+s.Status)
	}
	if strings.Join(got, ",") != "i-web1=Running,i-new1=Pending,i-stop1=Stopped" || resp.TotalCount != 3 {
		t.Fatalf("statuses %v, total %d", got, resp.TotalCount)
	}

	total := 0
	for page := 1; page <= 3; page++ {
		req := ecs.CreateDescribeInstanceStatusRequest()
		req.PageSize = requests.NewInteger(50)
		req.PageNumber = requests.NewInteger(page)
		resp, err := c.DescribeInstanceStatus(req)
		if err != nil {
			t.Fatal(err)
		}
		total += len(resp.InstanceStatuses.InstanceStatus)
		if resp.TotalCount != 126 {
			t.Fatalf("TotalCount %d, want 126", resp.TotalCount)
		}
	}
	if total != 126 {
		t.Fatalf("paged %d statuses, want 126", total)
	}

	req = ecs.CreateDescribeInstanceStatusRequest()
	req.PageSize = requests.NewInteger(51)
	_, err = c.DescribeInstanceStatus(req)
	serverError(t, err, 400, "InvalidParameter")
}

func TestSDKGetInstanceConsoleOutput(t *testing.T) {
	world := testWorld(0)
	srv, _ := startServer(t, world, Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	get := func(id string, remove bool) (*ecs.GetInstanceConsoleOutputResponse, error) {
		req := ecs.CreateGetInstanceConsoleOutputRequest()
		req.InstanceId = id
		if remove {
			req.RemoveSymbols = requests.NewBoolean(true)
		}
		return c.GetInstanceConsoleOutput(req)
	}
	resp, err := get("i-web1", false)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(resp.ConsoleOutput)
	if err != nil || string(raw) != world.Instances[0].Console.Text {
		t.Fatalf("output %q (%v), want the fixture text", raw, err)
	}
	// 2026-11-20T02:04:57Z is 10:04:57 in UTC+8.
	if resp.LastUpdateTime != "2026-11-20 10:04:57" || resp.InstanceId != "i-web1" {
		t.Fatalf("LastUpdateTime %q InstanceId %q", resp.LastUpdateTime, resp.InstanceId)
	}

	resp, err = get("i-web1", true)
	if err != nil {
		t.Fatal(err)
	}
	clean, _ := base64.StdEncoding.DecodeString(resp.ConsoleOutput)
	want := "[    0.000000] Linux version 3.10.0-1160.el7.x86_64\n  OK   Started Journal.\n\nCentOS Linux 7 (Core)\nKernel 3.10.0-1160.el7.x86_64 on an x86_64\n\nweb-1 login: "
	if string(clean) != want {
		t.Fatalf("RemoveSymbols output\n%q\nwant\n%q", clean, want)
	}

	resp, err = get("i-empty1", false)
	if err != nil || resp.ConsoleOutput != "" || resp.LastUpdateTime != "2026-11-20 09:00:00" {
		t.Fatalf("empty output: %+v %v", resp, err)
	}
	resp, err = get("i-stop1", false)
	if err != nil || resp.ConsoleOutput == "" {
		t.Fatalf("stopped instance keeps its output: %+v %v", resp, err)
	}
	resp, err = get("i-bad64", false)
	if err != nil || resp.ConsoleOutput != "!!not base64!!" {
		t.Fatalf("invalid base64 is served verbatim: %+v %v", resp, err)
	}

	_, err = get("i-win1", false)
	serverError(t, err, 405, "NotSupported")
	_, err = get("i-new1", false)
	serverError(t, err, 405, "IncorrectInstanceStatus")
	_, err = get("i-nope", false)
	serverError(t, err, 404, "InvalidInstanceId.NotFound")
	_, err = get("i-bj1", false) // exists, but in another region
	serverError(t, err, 404, "InvalidInstanceId.NotFound")
	_, err = get("", false)
	se := serverError(t, err, 400, "MissingParameter")
	if !strings.Contains(se.Message(), "InstanceId") {
		t.Errorf("message %q does not name InstanceId", se.Message())
	}
}

func TestSDKGetInstanceScreenshot(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	shot := func(id string) (*ecs.GetInstanceScreenshotResponse, error) {
		req := ecs.CreateGetInstanceScreenshotRequest()
		req.InstanceId = id
		return c.GetInstanceScreenshot(req)
	}
	resp, err := shot("i-web1")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(resp.Screenshot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 300 {
		t.Errorf("screenshot is %v, want 640x300", b)
	}
	if resp.InstanceId != "i-web1" {
		t.Errorf("InstanceId %q", resp.InstanceId)
	}

	_, err = shot("i-web1")
	serverError(t, err, 429, "Throttling")
	clock.Advance(9 * time.Second)
	_, err = shot("i-web1")
	serverError(t, err, 429, "Throttling")
	clock.Advance(time.Second)
	if _, err := shot("i-web1"); err != nil {
		t.Fatalf("after 10 s: %v", err)
	}
	// The interval is per instance.
	if _, err := shot("i-win1"); err != nil {
		t.Fatalf("windows screenshot: %v", err)
	}
	_, err = shot("i-stop1")
	serverError(t, err, 405, "IncorrectInstanceStatus")
	_, err = shot("i-new1")
	serverError(t, err, 405, "IncorrectInstanceStatus")
	_, err = shot("i-nope")
	serverError(t, err, 404, "InvalidInstanceId.NotFound")
}

func TestSDKRebootInstance(t *testing.T) {
	srv, clock := startServer(t, testWorld(0), Options{RebootDuration: 6 * time.Second})
	c := defaultClient(t, srv, "cn-hangzhou")
	reboot := func(id string, dry bool) error {
		req := ecs.CreateRebootInstanceRequest()
		req.InstanceId = id
		if dry {
			req.DryRun = requests.NewBoolean(true)
		}
		resp, err := c.RebootInstance(req)
		if err == nil && len(resp.RequestId) != 36 {
			t.Errorf("RequestId %q", resp.RequestId)
		}
		return err
	}
	serverError(t, reboot("i-web1", true), 400, "DryRunOperation")
	if st := statusOf(t, c, "i-web1"); st != "Running" {
		t.Fatalf("after DryRun: %s", st)
	}
	serverError(t, reboot("i-stop1", false), 403, "IncorrectInstanceStatus")
	serverError(t, reboot("i-new1", false), 403, "IncorrectInstanceStatus")
	serverError(t, reboot("i-nope", false), 404, "InvalidInstanceId.NotFound")

	if err := reboot("i-web1", false); err != nil {
		t.Fatal(err)
	}
	if st := statusOf(t, c, "i-web1"); st != "Stopping" {
		t.Fatalf("right after reboot: %s", st)
	}
	serverError(t, reboot("i-web1", false), 403, "IncorrectInstanceStatus")
	clock.Advance(3 * time.Second)
	if st := statusOf(t, c, "i-web1"); st != "Starting" {
		t.Fatalf("3 s after reboot: %s", st)
	}
	clock.Advance(3 * time.Second)
	if st := statusOf(t, c, "i-web1"); st != "Running" {
		t.Fatalf("6 s after reboot: %s", st)
	}
}

// statusOf asks DescribeInstances for one instance's status.
func statusOf(t *testing.T, c *ecs.Client, id string) string {
	t.Helper()
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = `["` + id + `"]`
	resp, err := c.DescribeInstances(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Instances.Instance) != 1 {
		t.Fatalf("%s: %d instances", id, len(resp.Instances.Instance))
	}
	return resp.Instances.Instance[0].Status
}

func TestSDKWrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := sdkClient(t, srv, "cn-hangzhou", DefaultAccessKeyID, "wrong-secret", "")
	_, err := c.DescribeInstances(ecs.CreateDescribeInstancesRequest())
	se := serverError(t, err, 400, "SignatureDoesNotMatch")
	if !strings.Contains(se.Message(), "server string to sign is:POST&%2F&AccessKeyId%3D"+DefaultAccessKeyID) {
		t.Errorf("message %q does not echo the string to sign", se.Message())
	}
	// The SDK compares the echoed string with its own: equal means the secret is wrong.
	if se.Recommend() != "InvalidAccessKeySecret: Please check you AccessKeySecret" {
		t.Errorf("Recommend %q: the SDK did not recognise its own string to sign", se.Recommend())
	}

	c = sdkClient(t, srv, "cn-hangzhou", "LTAI-unknown", "x", "")
	_, err = c.DescribeInstances(ecs.CreateDescribeInstancesRequest())
	serverError(t, err, 404, "InvalidAccessKeyId.NotFound")
}

func TestSDKSecurityToken(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	srv.AddCredential("STS.testid", "sts-secret", "tok en*~/+=")
	ok := sdkClient(t, srv, "cn-hangzhou", "STS.testid", "sts-secret", "tok en*~/+=")
	if _, err := ok.DescribeRegions(ecs.CreateDescribeRegionsRequest()); err != nil {
		t.Fatalf("STS request: %v", err)
	}
	wrong := sdkClient(t, srv, "cn-hangzhou", "STS.testid", "sts-secret", "other")
	_, err := wrong.DescribeRegions(ecs.CreateDescribeRegionsRequest())
	serverError(t, err, 400, "InvalidSecurityToken.MismatchWithAccessKey")
	none := sdkClient(t, srv, "cn-hangzhou", "STS.testid", "sts-secret", "")
	_, err = none.DescribeRegions(ecs.CreateDescribeRegionsRequest())
	serverError(t, err, 400, "MissingSecurityToken")
	extra := sdkClient(t, srv, "cn-hangzhou", DefaultAccessKeyID, DefaultAccessKeySecret, "tok")
	_, err = extra.DescribeRegions(ecs.CreateDescribeRegionsRequest())
	serverError(t, err, 400, "InvalidSecurityToken.Malformed")
}

func TestSDKCustomKeyPair(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{AccessKeyID: "LTAIcustom", AccessKeySecret: "s3cret"})
	if _, err := sdkClient(t, srv, "cn-hangzhou", "LTAIcustom", "s3cret", "").DescribeRegions(ecs.CreateDescribeRegionsRequest()); err != nil {
		t.Fatal(err)
	}
	_, err := defaultClient(t, srv, "cn-hangzhou").DescribeRegions(ecs.CreateDescribeRegionsRequest())
	serverError(t, err, http.StatusNotFound, "InvalidAccessKeyId.NotFound")
}
