package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// TestEndpointResolution checks where requests would go without a custom endpoint, for the typed
// SDK requests and the CommonRequest of DescribeInstances alike. The transport's proxy hook
// records each request and refuses it, so nothing leaves the machine.
func TestEndpointResolution(t *testing.T) {
	tests := []struct {
		region string
		vpc    bool
		want   string
	}{
		{"cn-hangzhou", false, "https://ecs-cn-hangzhou.aliyuncs.com"}, // the SDK's EndpointMap alias
		{"cn-beijing", false, "https://ecs.cn-beijing.aliyuncs.com"},
		{"eu-central-1", false, "https://ecs.eu-central-1.aliyuncs.com"},
		{"cn-hangzhou", true, "https://ecs-vpc.cn-hangzhou.aliyuncs.com"}, // VPC bypasses the map
		{"eu-central-1", true, "https://ecs-vpc.eu-central-1.aliyuncs.com"},
	}
	for _, tt := range tests {
		c, err := New(Options{Region: "cn-shanghai", VPC: tt.vpc, Credentials: credentials.NewStaticAKCredentialsProvider("id", "secret"), Retry: RetryPolicy{MaxAttempts: 1}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var seen []string
		c.transport.Proxy = func(r *http.Request) (*url.URL, error) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, r.URL.Scheme+"://"+r.URL.Host+" "+r.URL.Query().Get("Action")+" "+r.URL.Query().Get("RegionId"))
			return nil, errors.New("test: not sent")
		}
		// The region of the call, not the client's default, picks the endpoint.
		_, err1 := c.Instances(context.Background(), tt.region)
		_, err2 := c.ConsoleOutput(context.Background(), tt.region, "i-x")
		var fe *Error
		if !errors.As(err1, &fe) || fe.Kind != KindNetwork || !errors.As(err2, &fe) || fe.Kind != KindNetwork {
			t.Errorf("refused requests should be network errors: %v; %v", err1, err2)
		}
		want := []string{tt.want + " DescribeInstances " + tt.region, tt.want + " GetInstanceConsoleOutput " + tt.region}
		if !slices.Equal(seen, want) {
			t.Errorf("%s vpc=%v: requests went to %q, want %q", tt.region, tt.vpc, seen, want)
		}
	}
}
