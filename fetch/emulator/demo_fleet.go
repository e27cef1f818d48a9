package emulator

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// fleet is a family of look-alike instances (web-01 … web-80) that fills cn-hangzhou so that
// DescribeInstances really pages.
type fleet struct {
	prefix  string
	count   int
	width   int // zero padding of the number
	skip    map[int]bool
	types   []string
	os      []*osProfile
	net     string // first two octets of the private addresses
	third   int    // first third octet; every 200 instances take the next one
	public  int    // one in `public` gets a public IP; 0: none
	stopped int    // one in `stopped` is Stopped; 0: none
	dataGiB int
	opts    func(os *osProfile) bootOpts
	wave    *rebootWave // nil: no reboot wave went through this fleet
}

func plain(*osProfile) bootOpts { return bootOpts{} }

// withService returns boot options that start one application service; Ubuntu also runs cloud-init.
func withService(name, desc string) func(os *osProfile) bootOpts {
	return func(os *osProfile) bootOpts {
		o := bootOpts{services: []unit{u(name, desc)}}
		if os.family == famUbuntu {
			o.cloudInit = cloudInit(nil)
		}
		return o
	}
}

var hangzhouFleets = []fleet{
	{prefix: "web-", count: 80, width: 2, types: []string{"ecs.c7.large", "ecs.g7.large"}, os: []*osProfile{osAliyun3, osAliyun3, osCentOS7},
		net: "172.16", third: 16, public: 8, stopped: 27, opts: withService("nginx.service", "The nginx HTTP and reverse proxy server")},
	{prefix: "worker-", count: 40, width: 2, types: []string{"ecs.c7.xlarge"}, os: []*osProfile{osAliyun3},
		net: "172.16", third: 20, stopped: 13, opts: withService("celery-worker.service", "Celery task worker")},
	{prefix: "db-", count: 12, width: 2, types: []string{"ecs.r7.2xlarge", "ecs.r7.xlarge"}, os: []*osProfile{osAliyun3},
		net: "172.16", third: 24, dataGiB: 500, opts: withService("mysqld.service", "MySQL 8.0 database server")},
	{prefix: "k8s-node-", count: 56, skip: map[int]bool{7: true}, types: []string{"ecs.g7.2xlarge", "ecs.g7.4xlarge"}, os: []*osProfile{osAliyun3},
		net: "192.168", third: 12, opts: withService("kubelet.service", "kubelet: The Kubernetes Node Agent"), wave: &k8sWave},
	{prefix: "cache-redis-", count: 8, width: 2, types: []string{"ecs.r7.large"}, os: []*osProfile{osAliyun3},
		net: "172.16", third: 26, opts: withService("redis.service", "Redis persistent key-value database")},
	{prefix: "api-", count: 24, width: 2, types: []string{"ecs.c7.xlarge", "ecs.c7.large"}, os: []*osProfile{osUbuntu2204},
		net: "172.16", third: 28, public: 6, opts: withService("api.service", "Public API (gunicorn)")},
	{prefix: "etl-", count: 10, width: 2, types: []string{"ecs.g7.2xlarge"}, os: []*osProfile{osDebian12},
		net: "172.16", third: 30, stopped: 4, dataGiB: 200, opts: plain},
	{prefix: "batch-", count: 16, width: 2, types: []string{"ecs.c7.2xlarge"}, os: []*osProfile{osUbuntu2204, osCentOS7},
		net: "172.16", third: 32, stopped: 5, opts: withService("batch-worker.service", "Batch job worker")},
}

var hangzhouZones = []string{"cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"}

// fleetSpecs expands the fleets into instance specs.
func fleetSpecs() []spec {
	var out []spec
	for _, f := range hangzhouFleets {
		r := rand.New(rand.NewPCG(seedOf("fleet", f.prefix), 11))
		created := time.Duration(60+r.IntN(600)) * day
		for n := 1; n <= f.count; n++ {
			if f.skip[n] {
				continue
			}
			name := fmt.Sprintf("%s%0*d", f.prefix, f.width, n)
			os := f.os[r.IntN(len(f.os))]
			s := spec{
				region: "cn-hangzhou", zone: hangzhouZones[(n-1)%len(hangzhouZones)], name: name,
				typ: pick(r, f.types...), status: "Running", os: os, dataGiB: f.dataGiB,
				ip:      fmt.Sprintf("%s.%d.%d", f.net, f.third+(n-1)/200, (n-1)%200+20),
				created: created + time.Duration(r.IntN(3*24*60))*time.Minute,
				started: time.Duration(1+r.IntN(50*24*60)) * time.Minute,
			}
			if f.public > 0 && n%f.public == 1 {
				s.publicIP = publicIP("cn-hangzhou", name)
			}
			opts := f.opts(os)
			s.log = normal(opts)
			if f.wave != nil {
				f.wave.apply(&s, n, f.count, opts)
			}
			if f.stopped > 0 && n%f.stopped == 0 {
				s.status = "Stopped"
				up := float64(3600 + r.IntN(20*86400))
				s.started += time.Duration(up)*time.Second + time.Duration(r.IntN(5*24*60))*time.Minute
				s.log = func(w *bootWriter) { w.normalBoot(opts); w.shutdown(up) }
			}
			out = append(out, s)
		}
	}
	return out
}

// rebootWave is a rolling reboot that went through a fleet (a kernel patch roll-out): instance 1
// restarted `first` ago, the last one `last` ago, the others in between in name order. Most came
// back clean; `outcome` says what became of the others. It is the demo of fleet triage: after
// the wave, which instances did not come back, and why.
type rebootWave struct {
	first, last time.Duration
	outcome     map[int]waveOutcome
}

// waveOutcome is what a reboot wave left one instance in.
type waveOutcome int

const (
	waveClean         waveOutcome = iota
	wavePanic                     // critical: the new kernel has no initramfs and panics
	waveFsck                      // critical: the data disk fails fsck, emergency mode
	waveFailedUnit                // warning: containerd fails to start, kubelet with it
	waveOOM                       // warning: an OOM kill minutes after the boot
	waveDeviceTimeout             // warning: a nofail data disk never appears
	waveStale                     // restarted moments ago: the cached output is the previous boot's
	waveNeverStarted              // replaced by the autoscaler during the wave, still Pending
)

// k8sWave went through the Kubernetes nodes: k8s-node-7 (an interesting instance, restarted 40
// minutes ago, dracut timeout) is its third critical case.
var k8sWave = rebootWave{
	first: 42 * time.Minute, last: 10 * time.Minute,
	outcome: map[int]waveOutcome{
		13: wavePanic, 22: waveFsck,
		31: waveFailedUnit, 38: waveOOM, 45: waveDeviceTimeout,
		50: waveStale, 53: waveStale,
		55: waveNeverStarted, 56: waveNeverStarted,
	},
}

// apply turns the spec of instance n (of count) into its state after the wave. opts are the
// instance's normal boot options.
func (wv *rebootWave) apply(s *spec, n, count int, opts bootOpts) {
	if s.status != "Running" {
		return
	}
	s.started = wv.first - (wv.first-wv.last)*time.Duration(n-1)/time.Duration(max(1, count-1))
	switch wv.outcome[n] {
	case wavePanic:
		// The log starts in the previous run, which ended with the wave's reboot; the output
		// was last written a minute after the restart, when the kernel panicked.
		s.consoleBoot = 30 * day
		uptime := (s.consoleBoot - s.started).Seconds()
		s.updated = s.started - time.Minute
		s.log = func(w *bootWriter) { w.panicAfterUpdate(uptime) }
	case waveFsck:
		s.dataGiB = 200
		s.log = func(w *bootWriter) { w.fsckEmergency() }
	case waveFailedUnit:
		s.log = func(w *bootWriter) { w.normalBoot(containerdFails(opts)) }
	case waveOOM:
		s.log = func(w *bootWriter) {
			w.normalBoot(opts)
			w.t += 240
			w.oomKill("java", "java", 1877, 1001, 9)
		}
	case waveDeviceTimeout:
		s.dataGiB = 200
		s.log = func(w *bootWriter) { w.nofailDiskTimeout(opts) }
	case waveStale:
		// Restarted two minutes ago and not yet writing: ECS still holds the boot of 20 days ago.
		s.started = 2 * time.Minute
		s.consoleBoot = 20 * day
	case waveNeverStarted:
		s.status, s.started, s.created, s.log = "Pending", 0, 6*time.Minute, nil
	}
}

// containerdFails is a boot whose container runtime does not start, taking the kubelet with it;
// the node reaches its login prompt but never joins the cluster.
func containerdFails(o bootOpts) bootOpts {
	o.services = nil
	o.beforeTTY = func(w *bootWriter) {
		w.starting(u("containerd.service", "containerd container runtime"))
		w.gap(1.5)
		w.failUnit(u("containerd.service", "containerd container runtime"))
		w.dependFail(u("kubelet.service", "kubelet: The Kubernetes Node Agent"))
	}
	return o
}

// nofailDiskTimeout is a boot whose data disk (mounted with nofail) never appears: systemd waits
// out the device's start job, gives up on the mount and boots on without it.
func (w *bootWriter) nofailDiskTimeout(o bootOpts) {
	w.lateDisk = true // the kernel never sees it
	w.kernelEarly()
	w.initrd()
	w.initrdFinish()
	w.systemdEarly()
	w.localFS(func(w *bootWriter) {
		dev := w.dataDevice()
		w.startJob("/dev/disk/by-uuid/"+w.m.dataUUID, 1, 90, "1min 30s")
		w.status(w.os.timeout, "Timed out waiting for device "+w.label(dev)+".")
		w.dependFail(u("data.mount", "/data"))
		w.ok(u("local-fs.target", "Local File Systems"))
	})
	w.systemdLate(o)
	w.login(o)
}
