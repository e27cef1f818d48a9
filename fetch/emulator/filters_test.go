package emulator

import (
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

// TestSDKDescribeInstancesAddressFilters sends the address filters through the real SDK's
// request struct, as `bootlog get IP` does, and checks that each matches its own kind of
// address only.
func TestSDKDescribeInstancesAddressFilters(t *testing.T) {
	srv, _ := startServer(t, testWorld(30), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	tests := []struct {
		name string
		set  func(*ecs.DescribeInstancesRequest)
		want string
	}{
		{"private", func(r *ecs.DescribeInstancesRequest) { r.PrivateIpAddresses = `["172.16.0.10"]` }, "i-web1"},
		{"private, several", func(r *ecs.DescribeInstancesRequest) {
			r.PrivateIpAddresses = `["172.16.0.11","172.16.1.4","10.9.9.9"]`
		}, "i-win1,i-fleet002"},
		{"private address is not public", func(r *ecs.DescribeInstancesRequest) { r.PublicIpAddresses = `["172.16.0.10"]` }, ""},
		{"public", func(r *ecs.DescribeInstancesRequest) { r.PublicIpAddresses = `["47.96.1.2"]` }, "i-web1"},
		{"public address is not an EIP", func(r *ecs.DescribeInstancesRequest) { r.EipAddresses = `["47.96.1.2"]` }, ""},
		{"eip", func(r *ecs.DescribeInstancesRequest) { r.EipAddresses = `["8.136.0.9"]` }, "i-web1"},
		{"empty list matches nothing", func(r *ecs.DescribeInstancesRequest) { r.PrivateIpAddresses = `[]` }, ""},
		{"AND with the name", func(r *ecs.DescribeInstancesRequest) {
			r.PrivateIpAddresses = `["172.16.0.10","172.16.0.11"]`
			r.InstanceName = "win-*"
		}, "i-win1"},
		{"AND with the IDs", func(r *ecs.DescribeInstancesRequest) {
			r.PrivateIpAddresses = `["172.16.0.10"]`
			r.InstanceIds = `["i-win1"]`
		}, ""},
		{"other region's address", func(r *ecs.DescribeInstancesRequest) { r.InstanceName = "bj-*" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ecs.CreateDescribeInstancesRequest()
			req.PageSize = requests.NewInteger(100)
			tt.set(req)
			resp, err := c.DescribeInstances(req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, in := range resp.Instances.Instance {
				got = append(got, in.InstanceId)
			}
			if s := strings.Join(got, ","); s != tt.want || resp.TotalCount != len(got) {
				t.Fatalf("got %s (TotalCount %d), want %s", s, resp.TotalCount, tt.want)
			}
		})
	}
}

func TestSDKDescribeInstancesMalformedAddressFilters(t *testing.T) {
	srv, _ := startServer(t, testWorld(0), Options{})
	c := defaultClient(t, srv, "cn-hangzhou")
	many := `["` + strings.TrimSuffix(strings.Repeat(`10.0.0.1","`, 101), `","`) + `"]`
	tests := []struct {
		name, param string
		set         func(*ecs.DescribeInstancesRequest)
	}{
		{"not JSON", "PrivateIpAddresses", func(r *ecs.DescribeInstancesRequest) { r.PrivateIpAddresses = "172.16.0.10" }},
		{"not strings", "PublicIpAddresses", func(r *ecs.DescribeInstancesRequest) { r.PublicIpAddresses = `[172]` }},
		{"not an address", "EipAddresses", func(r *ecs.DescribeInstancesRequest) { r.EipAddresses = `["web-1"]` }},
		{"IPv6", "PrivateIpAddresses", func(r *ecs.DescribeInstancesRequest) { r.PrivateIpAddresses = `["fe80::1"]` }},
		{"over 100", "PrivateIpAddresses", func(r *ecs.DescribeInstancesRequest) { r.PrivateIpAddresses = many }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ecs.CreateDescribeInstancesRequest()
			tt.set(req)
			_, err := c.DescribeInstances(req)
			se := serverError(t, err, 400, "InvalidParameter")
			if !strings.Contains(se.Message(), `"`+tt.param+`"`) {
				t.Errorf("message %q does not name %s", se.Message(), tt.param)
			}
		})
	}
	req := ecs.CreateDescribeInstancesRequest()
	req.InstanceIds = `["i-web1"`
	_, err := c.DescribeInstances(req)
	serverError(t, err, 400, "InvalidInstanceIds.Malformed")
}
