package fetch_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/fetch/emulator"
)

// findFixtures spreads look-alike instances over four regions: the same name in two regions, an
// address that is private in one region and public in another, a name shaped like an ID, and a
// region whose DescribeInstances always fails.
func findFixtures() *emulator.Fixtures {
	fx := &emulator.Fixtures{Regions: []emulator.RegionFixture{
		{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"},
		{RegionID: "cn-beijing", LocalName: "China (Beijing)"},
		{RegionID: "eu-central-1", LocalName: "Germany (Frankfurt)"},
		{RegionID: "us-west-1", LocalName: "US (Silicon Valley)"},
	}}
	add := func(region, id, name, private, public, eip string) {
		fx.Instances = append(fx.Instances, emulator.InstanceFixture{
			RegionID: region, InstanceID: id, InstanceName: name, Status: "Running", OSType: "linux", OSName: "Alibaba Cloud Linux 3",
			InstanceType: "ecs.g7.large", ZoneID: region + "-a", PrivateIP: private, PublicIP: public, EIP: eip,
			CreationTime: "2026-11-20T10:04Z", StartTime: "2026-11-21T08:00Z",
		})
	}
	add("cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa", "web-1", "172.16.0.1", "47.96.0.1", "")
	add("cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb", "web-2", "172.16.0.2", "", "118.31.0.2")
	add("cn-hangzhou", "i-bp1ccccccccccccccccc", "db-1", "172.16.0.3", "", "")
	add("cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa", "web-1", "172.20.0.1", "", "")
	add("cn-beijing", "i-2zebbbbbbbbbbbbbbbbb", "i-jumphost", "172.16.0.9", "", "")
	add("eu-central-1", "i-gw8aaaaaaaaaaaaaaaaa", "fra-web-1", "10.0.0.1", "172.16.0.2", "")
	add("us-west-1", "i-rj9aaaaaaaaaaaaaaaaa", "usw-web-1", "10.1.0.1", "", "")
	fx.Instances[len(fx.Instances)-1].Fault = &emulator.FaultFixture{Action: "DescribeInstances", Code: "InternalError"}
	return fx
}

type where struct{ region, id string }

func candidates(res fetch.FindResult) []where {
	var out []where
	for _, in := range res.Candidates {
		out = append(out, where{in.RegionID, in.ID})
	}
	return out
}

func TestFindAnywhere(t *testing.T) {
	srv := startEmulator(t, findFixtures(), 0)
	// Forty-odd calls per region: above the default bucket, which would only slow the test.
	c := newClient(t, srv, func(o *fetch.Options) { o.RatePerSecond = 1000 })
	tests := []struct {
		query string
		kind  fetch.QueryKind
		want  []where
	}{
		{"i-2zeaaaaaaaaaaaaaaaaa", fetch.QueryID, []where{{"cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa"}}},
		{" web-1 ", fetch.QueryName, []where{{"cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa"}, {"cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa"}}},
		{"web-*", fetch.QueryPattern, []where{{"cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa"}, {"cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb"}, {"cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa"}}},
		{"*web*", fetch.QueryPattern, []where{{"cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa"}, {"cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb"}, {"cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa"}, {"eu-central-1", "i-gw8aaaaaaaaaaaaaaaaa"}}},
		// Private in Hangzhou, public in Frankfurt: both are candidates.
		{"172.16.0.2", fetch.QueryIP, []where{{"cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb"}, {"eu-central-1", "i-gw8aaaaaaaaaaaaaaaaa"}}},
		{"47.96.0.1", fetch.QueryIP, []where{{"cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaaa"}}},
		{"118.31.0.2", fetch.QueryIP, []where{{"cn-hangzhou", "i-bp1bbbbbbbbbbbbbbbbb"}}},
		// Shaped like an ID, but it is a name: the fallback finds it.
		{"i-jumphost", fetch.QueryID, []where{{"cn-beijing", "i-2zebbbbbbbbbbbbbbbbb"}}},
		{"web-9", fetch.QueryName, nil},
		{"web", fetch.QueryName, nil}, // exact means exact
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := c.Find(context.Background(), tt.query, nil)
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if res.Query.Kind != tt.kind {
				t.Errorf("kind %v, want %v", res.Query.Kind, tt.kind)
			}
			if got := candidates(res); !slices.Equal(got, tt.want) {
				t.Errorf("candidates %v, want %v", got, tt.want)
			}
			// us-west-1 always fails; it is named, and the other three answered.
			if len(res.Failed) != 1 || res.Failed[0].Region != "us-west-1" {
				t.Fatalf("failed %v, want us-west-1 alone", res.Failed)
			}
			var fe *fetch.Error
			if !errors.As(res.Failed[0], &fe) || fe.Kind != fetch.KindServerFault || fe.Region != "us-west-1" {
				t.Errorf("us-west-1 error %v, want a server fault of that region", res.Failed[0].Err)
			}
			if want := []string{"cn-hangzhou", "cn-beijing", "eu-central-1"}; !slices.Equal(res.Searched, want) {
				t.Errorf("searched %v, want %v", res.Searched, want)
			}
		})
	}
}

func TestFindOnlyNamedRegions(t *testing.T) {
	srv := startEmulator(t, findFixtures(), 0)
	c := newClient(t, srv, nil)
	res, err := c.Find(context.Background(), "web-1", []string{"cn-beijing"})
	if err != nil {
		t.Fatal(err)
	}
	if got := candidates(res); !slices.Equal(got, []where{{"cn-beijing", "i-2zeaaaaaaaaaaaaaaaaa"}}) || len(res.Failed) != 0 {
		t.Errorf("candidates %v, failed %v", got, res.Failed)
	}
	if n := srv.Calls("DescribeRegions"); n != 0 {
		t.Errorf("%d DescribeRegions calls with the regions given", n)
	}
}

func TestFindEveryRegionFailing(t *testing.T) {
	srv := startEmulator(t, findFixtures(), 0)
	c := newClient(t, srv, nil)
	res, err := c.Find(context.Background(), "web-1", []string{"us-west-1"})
	if fe := asError(t, err); fe.Kind != fetch.KindServerFault || !strings.Contains(err.Error(), "every region failed") {
		t.Errorf("error %v", err)
	}
	if len(res.Failed) != 1 {
		t.Errorf("failed %v", res.Failed)
	}
}

func TestFindCancelled(t *testing.T) {
	srv := startEmulator(t, findFixtures(), 0)
	c := newClient(t, srv, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Find(ctx, "web-1", []string{"cn-hangzhou", "cn-beijing"})
	if fe := asError(t, err); fe.Kind != fetch.KindCanceled {
		t.Errorf("error %v, want cancelled", err)
	}
}

func TestParseFindQuery(t *testing.T) {
	good := map[string]fetch.FindQuery{
		"i-bp1c1xhsrac2coiw0001": {Text: "i-bp1c1xhsrac2coiw0001", Kind: fetch.QueryID},
		"10.0.0.7":               {Text: "10.0.0.7", Kind: fetch.QueryIP},
		"::ffff:10.0.0.7":        {Text: "10.0.0.7", Kind: fetch.QueryIP},
		"web-prod-01":            {Text: "web-prod-01", Kind: fetch.QueryName},
		"I-BP1":                  {Text: "I-BP1", Kind: fetch.QueryName},
		"k8s-node-*":             {Text: "k8s-node-*", Kind: fetch.QueryPattern},
		"10.0.0.*":               {Text: "10.0.0.*", Kind: fetch.QueryPattern},
	}
	for in, want := range good {
		if got, err := fetch.ParseFindQuery(in); err != nil || got != want {
			t.Errorf("ParseFindQuery(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "   ", "fe80::1", "web\x1b[2J", strings.Repeat("a", 129)} {
		_, err := fetch.ParseFindQuery(in)
		var fe *fetch.Error
		if !errors.As(err, &fe) || fe.Kind != fetch.KindInvalidRequest || fe.Hint == "" {
			t.Errorf("ParseFindQuery(%q) error %v, want an invalid request with a hint", in, err)
		}
	}
}
