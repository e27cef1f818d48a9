package emulator

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// DemoFixtures returns the built-in demo world: realistic regions, instances and boot logs.
//
// The content (IDs, names, addresses, logs) is the same on every call; the times are relative to
// now, so the demo always reads as a live account ("updated 6 min ago").
func DemoFixtures() *Fixtures {
	return demoFixturesAt(time.Now())
}

// Time formats of the fixture fields: creation and start times have minute precision as
// DescribeInstances gives them; console update times are full RFC 3339.
const (
	minuteFormat = "2006-01-02T15:04Z"
	updateFormat = time.RFC3339
)

// demoRegions are the regions of the demo account, with the English local names DescribeRegions
// returns for AcceptLanguage=en-US. Some have no instances, as in a real account.
var demoRegions = []RegionFixture{
	{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"},
	{RegionID: "cn-shanghai", LocalName: "China (Shanghai)"},
	{RegionID: "cn-beijing", LocalName: "China (Beijing)"},
	{RegionID: "cn-shenzhen", LocalName: "China (Shenzhen)"},
	{RegionID: "cn-hongkong", LocalName: "China (Hong Kong)"},
	{RegionID: "ap-southeast-1", LocalName: "Singapore"},
	{RegionID: "ap-northeast-1", LocalName: "Japan (Tokyo)"},
	{RegionID: "eu-central-1", LocalName: "Germany (Frankfurt)"},
	{RegionID: "us-west-1", LocalName: "US (Silicon Valley)"},
}

// regionIDPrefix is the start of instance IDs in each region; real IDs are "i-" plus 20
// lowercase alphanumerics whose first three identify the region.
var regionIDPrefix = map[string]string{
	"cn-hangzhou": "bp1", "cn-shanghai": "uf6", "cn-beijing": "2ze", "cn-shenzhen": "wz9",
	"cn-hongkong": "j6c", "ap-southeast-1": "t4n", "ap-northeast-1": "6we", "eu-central-1": "gw8",
	"us-west-1": "rj9",
}

// regionPublicNets are the first two octets of public addresses ECS hands out in each region.
var regionPublicNets = map[string][]string{
	"cn-hangzhou":    {"47.96", "47.97", "47.98", "118.31", "121.40", "114.55"},
	"cn-shanghai":    {"47.100", "47.101", "106.14", "139.224"},
	"cn-beijing":     {"39.96", "39.105", "47.93", "123.56"},
	"ap-southeast-1": {"47.74", "8.219", "8.222"},
	"eu-central-1":   {"8.209", "47.254"},
	"us-west-1":      {"47.88", "47.251"},
}

// demoFixturesAt builds the demo world as seen at now. For a given now the result is always the
// same.
func demoFixturesAt(now time.Time) *Fixtures {
	now = now.UTC().Truncate(time.Second)
	b := &worldBuilder{now: now, ids: map[string]bool{}}
	for _, s := range interestingSpecs(now) {
		b.add(s)
	}
	for _, s := range fleetSpecs() {
		b.add(s)
	}
	regions := make([]RegionFixture, len(demoRegions))
	copy(regions, demoRegions)
	return &Fixtures{Regions: regions, Instances: b.out}
}

// spec describes one demo instance. Durations are "ago", relative to now.
type spec struct {
	region, zone, name, host string
	typ, status              string
	os                       *osProfile // nil for Windows
	osName                   string     // overrides os.osName (Windows)
	ip, publicIP, eip        string
	dataGiB                  int
	created, started         time.Duration // started 0: never started
	// consoleBoot, when not zero, is when the boot in the console output happened, if that is not
	// the instance's StartTime (output from an earlier boot).
	consoleBoot time.Duration
	// updated, when not zero, is the console's LastUpdateTime; otherwise it is the boot time plus
	// the kernel clock at the end of the log.
	updated time.Duration
	log     func(w *bootWriter) // nil: no console output at all
	empty   bool                // console output cached but empty
	fault   *FaultFixture
}

// worldBuilder turns specs into fixtures, keeping instance IDs unique.
type worldBuilder struct {
	now time.Time
	ids map[string]bool
	out []InstanceFixture
}

func (b *worldBuilder) add(s spec) {
	host := s.host
	if host == "" {
		host = s.name
	}
	inst := InstanceFixture{
		RegionID: s.region, InstanceID: b.instanceID(s.region, s.name), InstanceName: s.name, HostName: host,
		Status: s.status, OSType: "linux", InstanceType: s.typ, ZoneID: s.zone,
		PrivateIP: s.ip, PublicIP: s.publicIP, EIP: s.eip,
		CreationTime: b.now.Add(-s.created).Format(minuteFormat),
	}
	if s.os != nil {
		inst.OSName = s.os.osName
	}
	if s.osName != "" {
		inst.OSName = s.osName
	}
	if s.os == nil {
		inst.OSType = "windows"
	}
	start := b.now.Add(-s.started).Truncate(time.Minute)
	if s.started > 0 {
		inst.StartTime = start.Format(minuteFormat)
	}
	switch {
	case s.empty:
		inst.Console = &ConsoleFixture{LastUpdateTime: start.Add(41 * time.Second).Format(updateFormat)}
	case s.log != nil && s.os != nil:
		boot := start.Add(time.Duration(3+seedOf(s.name)%9) * time.Second)
		if s.consoleBoot > 0 {
			boot = b.now.Add(-s.consoleBoot)
		}
		w := newBootWriter(s.os, newMachine(host, s.typ, s.ip, s.dataGiB), boot)
		s.log(w)
		updated := boot.Add(time.Duration(w.t * float64(time.Second))).Add(2 * time.Second)
		if s.updated > 0 {
			updated = b.now.Add(-s.updated)
		}
		if updated.After(b.now) {
			updated = b.now
		}
		inst.Console = &ConsoleFixture{LastUpdateTime: updated.Format(updateFormat), Text: w.String()}
	}
	if s.fault != nil {
		f := *s.fault
		inst.Fault = &f
	}
	b.out = append(b.out, inst)
}

// instanceID derives a stable, unique, real-looking instance ID from region and name.
func (b *worldBuilder) instanceID(region, name string) string {
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	r := rand.New(rand.NewPCG(seedOf("id", region, name), 7))
	for {
		id := make([]byte, 17)
		for i := range id {
			id[i] = alnum[r.IntN(len(alnum))]
		}
		s := "i-" + regionIDPrefix[region] + string(id)
		if !b.ids[s] {
			b.ids[s] = true
			return s
		}
	}
}

// publicIP derives a stable public address in the region's ranges.
func publicIP(region, name string) string {
	nets := regionPublicNets[region]
	r := rand.New(rand.NewPCG(seedOf("pub", region, name), 3))
	return fmt.Sprintf("%s.%d.%d", pick(r, nets...), r.IntN(254)+1, r.IntN(253)+2)
}

const (
	day  = 24 * time.Hour
	week = 7 * day
)
