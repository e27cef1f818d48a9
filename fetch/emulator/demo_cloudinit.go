package emulator

import (
	"fmt"
	"strings"
	"time"
)

// cloudInitVersion is the cloud-init that Ubuntu 22.04 images carry.
const cloudInitVersion = "23.4.4-0ubuntu0~22.04.1"

// cloudInit returns the hook that writes cloud-init's four stages on an Ubuntu boot. runcmd, when
// not nil, writes the output of the user's runcmd and reports whether it succeeded.
func cloudInit(runcmd func(w *bootWriter, pid int) bool) func(w *bootWriter) {
	return func(w *bootWriter) {
		local := u("cloud-init-local.service!", "Initial cloud-init job (pre-networking)")
		w.starting(local)
		w.gap(0.6)
		pid := 480 + w.rng.IntN(40)
		w.ciBanner(pid, "init-local")
		w.ok(local, u("network-pre.target", "Preparation for Network"))
		w.network()
		init := u("cloud-init.service!", "Initial cloud-init job (metadata service crawler)")
		w.starting(init)
		w.gap(0.8)
		pid += 30 + w.rng.IntN(20)
		w.ciBanner(pid, "init")
		w.ciNetInfo(pid)
		w.ciHostKeys(pid)
		w.ok(init, u("cloud-config.target", "Cloud-config availability"))
		cfg := u("cloud-config.service!", "Apply the settings specified in cloud-config")
		w.starting(cfg)
		w.gap(0.9)
		pid += 200 + w.rng.IntN(50)
		w.ciBanner(pid, "modules:config")
		w.ok(cfg)
		final := u("cloud-final.service!", "Execute cloud user/final scripts")
		w.starting(final)
		w.gap(1.2)
		pid += 60 + w.rng.IntN(30)
		w.ciBanner(pid, "modules:final")
		okRun := true
		if runcmd != nil {
			okRun = runcmd(w, pid)
		}
		w.ciFingerprints()
		w.gap(0.4)
		w.kf("cloud-init[%d]: Cloud-init v. %s finished at %s. Datasource DataSourceAliYun [seed=http://100.100.100.200].  Up %.2f seconds", pid, cloudInitVersion, w.wall().Format(time.RFC1123Z), w.t)
		if okRun {
			w.ok(final, u("cloud-init.target", "Cloud-init target"))
			return
		}
		w.failUnit(final)
		w.ok(u("cloud-init.target", "Cloud-init target"))
	}
}

// ciBanner writes the line every cloud-init stage starts with.
func (w *bootWriter) ciBanner(pid int, stage string) {
	w.kf("cloud-init[%d]: Cloud-init v. %s running '%s' at %s. Up %.2f seconds.", pid, cloudInitVersion, stage, w.wall().Format(time.RFC1123Z), w.t)
}

// ciNetInfo writes the ci-info network tables, framed with "+----+" borders as cloud-init draws them.
func (w *bootWriter) ciNetInfo(pid int) {
	pre := fmt.Sprintf("cloud-init[%d]: ci-info: ", pid)
	table := func(title string, header []string, rows [][]string) {
		widths := make([]int, len(header))
		for i, h := range header {
			widths[i] = len(h) + 2
		}
		for _, r := range rows {
			for i, c := range r {
				widths[i] = max(widths[i], len(c)+2)
			}
		}
		sep := "+"
		for _, wd := range widths {
			sep += strings.Repeat("-", wd) + "+"
		}
		pad := (len(sep) - len(title)) / 2
		w.kf("%s%s%s%s", pre, strings.Repeat("+", pad), title, strings.Repeat("+", len(sep)-len(title)-pad))
		line := func(cells []string) string {
			s := "|"
			for i, c := range cells {
				left := (widths[i] - len(c)) / 2
				s += strings.Repeat(" ", left) + c + strings.Repeat(" ", widths[i]-len(c)-left) + "|"
			}
			return s
		}
		w.kf("%s%s", pre, sep)
		w.kf("%s%s", pre, line(header))
		w.kf("%s%s", pre, sep)
		for _, r := range rows {
			w.kf("%s%s", pre, line(r))
		}
		w.kf("%s%s", pre, sep)
	}
	m := w.m
	ll := fmt.Sprintf("fe80::216:3eff:fe%s:%s%s/64", m.mac[9:11], m.mac[12:14], m.mac[15:17])
	table("Net device info", []string{"Device", "Up", "Address", "Mask", "Scope", "Hw-Address"}, [][]string{
		{"eth0", "True", m.ip, "255.255.255.0", "global", m.mac},
		{"eth0", "True", ll, ".", "link", m.mac},
		{"lo", "True", "127.0.0.1", "255.0.0.0", "host", "."},
		{"lo", "True", "::1/128", ".", "host", "."},
	})
	table("Route IPv4 info", []string{"Route", "Destination", "Gateway", "Genmask", "Interface", "Flags"}, [][]string{
		{"0", "0.0.0.0", m.gateway, "0.0.0.0", "eth0", "UG"},
		{"1", m.network, "0.0.0.0", "255.255.255.0", "eth0", "U"},
	})
	table("Route IPv6 info", []string{"Route", "Destination", "Gateway", "Interface", "Flags"}, [][]string{
		{"1", "fe80::/64", "::", "eth0", "U"},
		{"3", "local", "::", "eth0", "U"},
		{"4", "multicast", "::", "eth0", "U"},
	})
}

// ciHostKeys writes ssh-keygen's output for the host keys cloud-init generates on first boot,
// including the randomart boxes.
func (w *bootWriter) ciHostKeys(pid int) {
	pre := fmt.Sprintf("cloud-init[%d]: ", pid)
	for _, k := range []struct{ typ, name, bits string }{{"rsa", "RSA", "3072"}, {"dsa", "DSA", "1024"}, {"ecdsa", "ECDSA", "256"}, {"ed25519", "ED25519", "256"}} {
		w.kf("%sGenerating public/private %s key pair.", pre, k.typ)
		w.kf("%sYour identification has been saved in /etc/ssh/ssh_host_%s_key", pre, k.typ)
		w.kf("%sYour public key has been saved in /etc/ssh/ssh_host_%s_key.pub", pre, k.typ)
		w.kf("%sThe key fingerprint is:", pre)
		w.kf("%sSHA256:%s root@%s", pre, b64(w.rng, 43), w.m.host)
		w.kf("%sThe key's randomart image is:", pre)
		top := "+---[" + k.name + " " + k.bits + "]"
		w.kf("%s%s%s+", pre, top, strings.Repeat("-", 18-len(top)))
		for range 9 {
			w.kf("%s|%s|", pre, randomArt(w, 17))
		}
		w.kf("%s+----[SHA256]-----+", pre)
	}
}

// randomArt returns one row of an OpenSSH randomart picture.
func randomArt(w *bootWriter, n int) string {
	const glyphs = " .o+=*BOX@%&#/^"
	b := make([]byte, n)
	for i := range b {
		if w.rng.IntN(3) == 0 {
			b[i] = glyphs[1+w.rng.IntN(len(glyphs)-1)]
		} else {
			b[i] = ' '
		}
	}
	return string(b)
}

// ciFingerprints writes the host key block cloud-init logs through syslog to the console, which
// is how operators verify a new host's keys.
func (w *bootWriter) ciFingerprints() {
	stamp := "<14>" + w.wall().Format(time.Stamp) + " cloud-init: "
	bar := strings.Repeat("#", 61)
	w.ll(stamp+bar, stamp+"-----BEGIN SSH HOST KEY FINGERPRINTS-----")
	for _, k := range []struct{ bits, name string }{{"1024", "DSA"}, {"256", "ECDSA"}, {"256", "ED25519"}, {"3072", "RSA"}} {
		w.ll(fmt.Sprintf("%s%s SHA256:%s root@%s (%s)", stamp, k.bits, b64(w.rng, 43), w.m.host, k.name))
	}
	w.ll(stamp+"-----END SSH HOST KEY FINGERPRINTS-----", stamp+bar)
	w.ll("-----BEGIN SSH HOST KEY KEYS-----")
	w.ll("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB" + b64(w.rng, 88) + "= root@" + w.m.host)
	w.ll("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(w.rng, 43) + " root@" + w.m.host)
	w.ll("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + b64(w.rng, 512) + "= root@" + w.m.host)
	w.ll("-----END SSH HOST KEY KEYS-----")
}

// runcmdOK is a runcmd that installs and starts an application, as most user data does.
func runcmdOK(w *bootWriter, pid int) bool {
	pre := fmt.Sprintf("cloud-init[%d]: ", pid)
	w.kf("%sReading package lists...", pre)
	w.kf("%sBuilding dependency tree...", pre)
	w.kf("%sReading state information...", pre)
	w.kf("%sThe following NEW packages will be installed:", pre)
	w.kf("%s  nginx nginx-common nginx-core libnginx-mod-http-geoip2 libnginx-mod-stream", pre)
	w.kf("%s0 upgraded, 5 newly installed, 0 to remove and 37 not upgraded.", pre)
	w.kf("%sNeed to get 696 kB of archives.", pre)
	w.gap(1.5)
	for i, p := range []string{"nginx-common 1.18.0-6ubuntu14.5", "libnginx-mod-http-geoip2 1.18.0-6ubuntu14.5", "libnginx-mod-stream 1.18.0-6ubuntu14.5", "nginx-core 1.18.0-6ubuntu14.5", "nginx 1.18.0-6ubuntu14.5"} {
		w.kf("%sGet:%d http://mirrors.cloud.aliyuncs.com/ubuntu jammy-updates/main amd64 %s [%d kB]", pre, i+1, p, 20+w.rng.IntN(400))
	}
	w.kf("%sFetched 696 kB in 0s (5,216 kB/s)", pre)
	w.kf("%sSetting up nginx-core (1.18.0-6ubuntu14.5) ...", pre)
	w.kf("%sCreated symlink /etc/systemd/system/multi-user.target.wants/nginx.service → /lib/systemd/system/nginx.service.", pre)
	w.kf("%sProcessing triggers for man-db (2.10.2-1) ...", pre)
	w.kf("%sProcessing triggers for ufw (0.36.1-4ubuntu0.1) ...", pre)
	w.kf("%s[deploy] api-gateway 2.14.3 configured, upstreams: 4", pre)
	return true
}

// runcmdBroken is a runcmd whose bootstrap script cannot reach its controller: the Python
// traceback of the script, then cloud-init's own traceback from cc_scripts_user and its warnings.
func runcmdBroken(w *bootWriter, pid int) bool {
	pre := fmt.Sprintf("cloud-init[%d]: ", pid)
	w.kf("%s+ export NODE_ROLE=jenkins-agent", pre)
	w.kf("%s+ pip3 install -q -r /opt/bootstrap/requirements.txt", pre)
	w.gap(3)
	w.kf("%s+ python3 /opt/bootstrap/register_node.py --controller https://jenkins.internal.example.com --labels linux,docker", pre)
	w.gap(10)
	for _, l := range []string{
		"Traceback (most recent call last):",
		`  File "/usr/lib/python3.10/urllib/request.py", line 1348, in do_open`,
		"    h.request(req.get_method(), req.selector, req.data, headers,",
		`  File "/usr/lib/python3.10/http/client.py", line 1283, in request`,
		"    self._send_request(method, url, body, headers, encode_chunked)",
		`  File "/usr/lib/python3.10/http/client.py", line 1038, in _send_output`,
		"    self.send(msg)",
		`  File "/usr/lib/python3.10/http/client.py", line 976, in send`,
		"    self.connect()",
		`  File "/usr/lib/python3.10/http/client.py", line 1448, in connect`,
		"    super().connect()",
		`  File "/usr/lib/python3.10/socket.py", line 824, in create_connection`,
		"    for res in getaddrinfo(host, port, 0, SOCK_STREAM):",
		`  File "/usr/lib/python3.10/socket.py", line 955, in getaddrinfo`,
		"    for res in _socket.getaddrinfo(host, port, family, type, proto, flags):",
		"socket.gaierror: [Errno -2] Name or service not known",
		"",
		"During handling of the above exception, another exception occurred:",
		"",
		"Traceback (most recent call last):",
		`  File "/opt/bootstrap/register_node.py", line 88, in <module>`,
		"    main()",
		`  File "/opt/bootstrap/register_node.py", line 74, in main`,
		"    token = fetch_join_token(args.controller)",
		`  File "/opt/bootstrap/register_node.py", line 41, in fetch_join_token`,
		"    resp = urllib.request.urlopen(req, timeout=10)",
		`  File "/usr/lib/python3.10/urllib/request.py", line 216, in urlopen`,
		"    return opener.open(url, data, timeout)",
		`  File "/usr/lib/python3.10/urllib/request.py", line 519, in open`,
		"    response = self._open(req, data)",
		`  File "/usr/lib/python3.10/urllib/request.py", line 1391, in https_open`,
		"    return self.do_open(http.client.HTTPSConnection, req,",
		`  File "/usr/lib/python3.10/urllib/request.py", line 1351, in do_open`,
		"    raise URLError(err)",
		"urllib.error.URLError: <urlopen error [Errno -2] Name or service not known>",
	} {
		w.kf("%s%s", pre, l)
	}
	ts := func() string {
		return w.wall().UTC().Format("2006-01-02 15:04:05") + fmt.Sprintf(",%03d", w.rng.IntN(1000))
	}
	w.kf("%s%s - subp.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/runcmd [1]", pre, ts())
	w.kf("%s%s - cc_scripts_user.py[WARNING]: Failed to run module scripts_user (scripts in /var/lib/cloud/instance/scripts)", pre, ts())
	w.kf("%s%s - util.py[WARNING]: Running module scripts_user (<module 'cloudinit.config.cc_scripts_user' from '/usr/lib/python3/dist-packages/cloudinit/config/cc_scripts_user.py'>) failed", pre, ts())
	for _, l := range []string{
		"Traceback (most recent call last):",
		`  File "/usr/lib/python3/dist-packages/cloudinit/config/modules.py", line 286, in _run_modules`,
		"    ran, _r = cc.run(",
		`  File "/usr/lib/python3/dist-packages/cloudinit/cloud.py", line 66, in run`,
		"    return self._runners.run(name, functor, args, freq, clear_on_fail)",
		`  File "/usr/lib/python3/dist-packages/cloudinit/helpers.py", line 186, in run`,
		"    results = functor(*args)",
		`  File "/usr/lib/python3/dist-packages/cloudinit/config/cc_scripts_user.py", line 45, in handle`,
		"    subp.runparts(runparts_path)",
		`  File "/usr/lib/python3/dist-packages/cloudinit/subp.py", line 395, in runparts`,
		"    raise RuntimeError(",
		"RuntimeError: Runparts: 1 failures (runcmd) in 1 attempted commands",
	} {
		w.kf("%s%s", pre, l)
	}
	return false
}
