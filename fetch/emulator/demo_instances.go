package emulator

import "time"

// Fault that the throttled demo instance answers twice before succeeding.
var throttleTwice = FaultFixture{
	Action: "GetInstanceConsoleOutput", Code: "Throttling", HTTPStatus: 429, Times: 2,
	Message: "Request was denied due to request throttling.",
}

func normal(o bootOpts) func(w *bootWriter) { return func(w *bootWriter) { w.normalBoot(o) } }

// interestingSpecs are the hand-written instances at the top of the demo account: each shows one
// thing an operator meets on a serial console, working or broken.
func interestingSpecs(now time.Time) []spec {
	const hz = "cn-hangzhou"
	ubuntuCI := bootOpts{cloudInit: cloudInit(runcmdOK)}
	return []spec{
		// 1. CentOS 7, clean boot, systemd 219 colours.
		{region: hz, zone: "cn-hangzhou-h", name: "web-prod-01", typ: "ecs.g7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.0.21", publicIP: publicIP(hz, "web-prod-01"), created: 412 * day, started: 7 * time.Minute,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server"), u("php-fpm.service", "The PHP FastCGI Process Manager")}})},
		// 2. Alibaba Cloud Linux 3 with progress redraws.
		{region: hz, zone: "cn-hangzhou-i", name: "app-prod-03", typ: "ecs.g7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.1.43", created: 203 * day, started: 26 * time.Hour,
			log: normal(bootOpts{rcLocal: progressRC, services: []unit{u("app-server.service", "Order service (Spring Boot)")}})},
		// 3. Ubuntu 22.04 with cloud-init.
		{region: hz, zone: "cn-hangzhou-j", name: "api-gw-2", typ: "ecs.c7.xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.16.2.12", publicIP: publicIP(hz, "api-gw-2"), created: 3 * time.Hour, started: 3 * time.Hour,
			log: normal(ubuntuCI)},
		// 4. Ubuntu 22.04 whose cloud-init runcmd fails.
		{region: hz, zone: "cn-hangzhou-j", name: "jenkins-agent-2", typ: "ecs.c7.2xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.16.2.57", created: 52 * time.Minute, started: 52 * time.Minute,
			log: normal(bootOpts{cloudInit: cloudInit(runcmdBroken)})},
		// 5. Debian 12: fsck fails on the data disk, emergency mode.
		{region: hz, zone: "cn-hangzhou-k", name: "fileserver-01", typ: "ecs.g7.large", status: "Running", os: osDebian12,
			ip: "172.16.3.8", dataGiB: 500, created: 610 * day, started: 2 * time.Hour,
			log: func(w *bootWriter) { w.fsckEmergency() }},
		// 6. Kernel panic after a kernel update without an initramfs.
		{region: hz, zone: "cn-hangzhou-h", name: "web-prod-04", typ: "ecs.g7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.0.24", publicIP: publicIP(hz, "web-prod-04"), dataGiB: 100, created: 412 * day, started: 23 * day,
			updated: 14 * time.Minute,
			log:     func(w *bootWriter) { w.panicAfterUpdate(now.Add(-15 * time.Minute).Sub(w.boot).Seconds()) }},
		// 7. OOM-killer storm, soft lockup and Oops on the database primary.
		{region: hz, zone: "cn-hangzhou-i", name: "db-master", typ: "ecs.r7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.1.10", dataGiB: 1000, created: 530 * day, started: 4 * day,
			log: func(w *bootWriter) { w.oomStorm(3.4 * 86400) }},
		// 8. dracut-initqueue timeout: the root UUID is gone.
		{region: hz, zone: "cn-hangzhou-k", name: "k8s-node-7", typ: "ecs.g7.2xlarge", status: "Running", os: osCentOS7,
			ip: "192.168.12.17", created: 96 * day, started: 40 * time.Minute,
			log: func(w *bootWriter) { w.dracutTimeout() }},
		// 9. Windows: no serial console on ECS (NotSupported).
		{region: hz, zone: "cn-hangzhou-h", name: "legacy-erp-win", host: "ERP-WIN01", typ: "ecs.g7.2xlarge", status: "Running",
			osName: osNameWin2019, ip: "172.16.0.90", eip: publicIP(hz, "legacy-erp-win"), created: 880 * day, started: 31 * day},
		// 10. Stopped: the log ends with the last power-off.
		{region: hz, zone: "cn-hangzhou-i", name: "staging-api-1", typ: "ecs.c7.large", status: "Stopped", os: osCentOS7,
			ip: "172.16.1.120", created: 160 * day, started: 9 * day,
			log: func(w *bootWriter) { w.normalBoot(bootOpts{}); w.shutdown(7*86400 + 3127) }},
		// 11. Never started (IncorrectInstanceStatus).
		{region: hz, zone: "cn-hangzhou-j", name: "gpu-infer-01", typ: "ecs.gn7i-c8g1.2xlarge", status: "Pending", os: osUbuntu2204,
			ip: "172.16.2.200", created: 2 * time.Minute},
		// 12. Running, but the image has no console=ttyS0: nothing cached.
		{region: hz, zone: "cn-hangzhou-k", name: "report-svc-01", typ: "ecs.g7.large", status: "Running", os: osCentOS7,
			ip: "172.16.3.31", created: 75 * day, started: 75 * day, empty: true},
		// 13. Throttled twice before answering.
		{region: hz, zone: "cn-hangzhou-h", name: "api-gw-1", typ: "ecs.c7.xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.16.0.11", publicIP: publicIP(hz, "api-gw-1"), created: 3 * time.Hour, started: 3 * time.Hour,
			log: normal(ubuntuCI), fault: &throttleTwice},
		// 14. Chinese login banner, tabs.
		{region: hz, zone: "cn-hangzhou-h", name: "bastion", typ: "ecs.c7.large", status: "Running", os: osAliyun3,
			ip: "172.16.0.10", eip: publicIP(hz, "bastion"), created: 720 * day, started: 12 * day,
			log: normal(bootOpts{rcLocal: bastionRC, beforeTTY: bastionIssue,
				services: []unit{u("bastion-audit.service", "堡垒机会话审计服务"), u("sshd-keygen.target", "sshd-keygen.target")}})},
		// 15. Restarted 9 minutes ago; the cached output is from the boot three days earlier.
		{region: hz, zone: "cn-hangzhou-j", name: "batch-runner", typ: "ecs.c7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.2.88", created: 44 * day, started: 9 * time.Minute, consoleBoot: 3*day + 2*time.Hour,
			log: normal(bootOpts{services: []unit{u("batch-scheduler.service", "Nightly batch scheduler")}})},
		// 16. Hostile output from a compromised runner.
		{region: hz, zone: "cn-hangzhou-k", name: "ci-runner-legacy", typ: "ecs.c7.large", status: "Running", os: osCentOS7,
			ip: "172.16.3.66", publicIP: publicIP(hz, "ci-runner-legacy"), created: 1020 * day, started: 5 * time.Hour,
			log: normal(bootOpts{rcLocal: hostileRC, services: []unit{u("docker.service", "Docker Application Container Engine"), u("gitlab-runner.service", "GitLab Runner")}})},

		// Ordinary hand-written neighbours, so the broken ones sit among healthy machines.
		{region: hz, zone: "cn-hangzhou-h", name: "web-prod-02", typ: "ecs.g7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.0.22", publicIP: publicIP(hz, "web-prod-02"), created: 412 * day, started: 23 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server")}})},
		{region: hz, zone: "cn-hangzhou-i", name: "web-prod-03", typ: "ecs.g7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.1.23", publicIP: publicIP(hz, "web-prod-03"), created: 412 * day, started: 23 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server")}})},
		{region: hz, zone: "cn-hangzhou-h", name: "nginx-lb-01", typ: "ecs.c7.large", status: "Running", os: osAliyun3,
			ip: "172.16.0.5", eip: publicIP(hz, "nginx-lb-01"), created: 300 * day, started: 61 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server"), u("keepalived.service", "LVS and VRRP High Availability Monitor")}})},
		{region: hz, zone: "cn-hangzhou-i", name: "db-slave-01", typ: "ecs.r7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.1.11", dataGiB: 1000, created: 530 * day, started: 30 * day,
			log: normal(bootOpts{services: []unit{u("mysqld.service", "MySQL 8.0 database server")}})},
		{region: hz, zone: "cn-hangzhou-j", name: "db-slave-02", typ: "ecs.r7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.2.11", dataGiB: 1000, created: 530 * day, started: 30 * day,
			log: normal(bootOpts{services: []unit{u("mysqld.service", "MySQL 8.0 database server")}})},
		{region: hz, zone: "cn-hangzhou-i", name: "redis-cache-01", typ: "ecs.r7.large", status: "Running", os: osAliyun3,
			ip: "172.16.1.30", created: 240 * day, started: 58 * day,
			log: normal(bootOpts{services: []unit{u("redis.service", "Redis persistent key-value database")}})},
		{region: hz, zone: "cn-hangzhou-j", name: "monitor-prometheus", typ: "ecs.g7.xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.16.2.3", dataGiB: 200, created: 190 * day, started: 19 * day,
			log: normal(bootOpts{cloudInit: cloudInit(nil), services: []unit{u("prometheus.service", "Prometheus"), u("grafana-server.service", "Grafana instance")}})},
		{region: hz, zone: "cn-hangzhou-k", name: "gitlab", typ: "ecs.g7.2xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.16.3.4", publicIP: publicIP(hz, "gitlab"), dataGiB: 500, created: 800 * day, started: 45 * day,
			log: normal(bootOpts{cloudInit: cloudInit(nil), services: []unit{u("gitlab-runsvdir.service", "GitLab Runit supervision process")}})},
		{region: hz, zone: "cn-hangzhou-k", name: "harbor-registry", typ: "ecs.g7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.3.5", dataGiB: 500, created: 640 * day, started: 45 * day,
			log: normal(bootOpts{services: []unit{u("docker.service", "Docker Application Container Engine")}})},
		{region: hz, zone: "cn-hangzhou-h", name: "vpn-gw", typ: "ecs.c7.large", status: "Running", os: osDebian12,
			ip: "172.16.0.2", eip: publicIP(hz, "vpn-gw"), created: 900 * day, started: 88 * day,
			log: normal(bootOpts{services: []unit{u("wg-quick@wg0.service", "WireGuard via wg-quick(8) for wg0")}})},
		{region: hz, zone: "cn-hangzhou-i", name: "mq-rocket-01", typ: "ecs.g7.2xlarge", status: "Running", os: osAliyun3,
			ip: "172.16.1.50", dataGiB: 200, created: 350 * day, started: 27 * day,
			log: normal(bootOpts{services: []unit{u("rocketmq-namesrv.service", "RocketMQ NameServer"), u("rocketmq-broker.service", "RocketMQ Broker")}})},
		{region: hz, zone: "cn-hangzhou-j", name: "elk-es-01", typ: "ecs.r7.xlarge", status: "Running", os: osCentOS7,
			ip: "172.16.2.40", dataGiB: 1000, created: 450 * day, started: 16 * day,
			log: normal(bootOpts{services: []unit{u("elasticsearch.service", "Elasticsearch")}})},
		{region: hz, zone: "cn-hangzhou-k", name: "k8s-master-1", typ: "ecs.g7.xlarge", status: "Running", os: osAliyun3,
			ip: "192.168.12.1", created: 96 * day, started: 96 * day,
			log: normal(bootOpts{services: []unit{u("containerd.service", "containerd container runtime"), u("kubelet.service", "kubelet: The Kubernetes Node Agent")}})},
		{region: hz, zone: "cn-hangzhou-j", name: "deploy-canary", typ: "ecs.c7.large", status: "Starting", os: osAliyun3,
			ip: "172.16.2.99", created: 12 * day, started: 12 * day, log: normal(bootOpts{})},
		{region: hz, zone: "cn-hangzhou-h", name: "tmp-debug-01", typ: "ecs.t6-c1m2.large", status: "Stopping", os: osUbuntu2204,
			ip: "172.16.0.77", created: 5 * time.Hour, started: 5 * time.Hour, log: normal(bootOpts{cloudInit: cloudInit(nil)})},

		// Other regions: a handful each.
		{region: "cn-shanghai", zone: "cn-shanghai-l", name: "sh-web-01", typ: "ecs.g7.large", status: "Running", os: osAliyun3,
			ip: "10.0.1.21", publicIP: publicIP("cn-shanghai", "sh-web-01"), created: 220 * day, started: 33 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server")}})},
		{region: "cn-shanghai", zone: "cn-shanghai-m", name: "sh-web-02", typ: "ecs.g7.large", status: "Running", os: osAliyun3,
			ip: "10.0.2.22", publicIP: publicIP("cn-shanghai", "sh-web-02"), created: 220 * day, started: 33 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "The nginx HTTP and reverse proxy server")}})},
		{region: "cn-shanghai", zone: "cn-shanghai-l", name: "sh-db-01", typ: "ecs.r7.xlarge", status: "Running", os: osCentOS7,
			ip: "10.0.1.10", dataGiB: 500, created: 400 * day, started: 80 * day,
			log: normal(bootOpts{services: []unit{u("postgresql-14.service", "PostgreSQL 14 database server")}})},
		{region: "cn-shanghai", zone: "cn-shanghai-n", name: "sh-win-ad", host: "SH-DC01", typ: "ecs.g7.large", status: "Running",
			osName: osNameWin2022, ip: "10.0.3.5", created: 500 * day, started: 70 * day},
		{region: "cn-shanghai", zone: "cn-shanghai-m", name: "sh-report-old", typ: "ecs.c7.large", status: "Stopped", os: osCentOS7,
			ip: "10.0.2.40", created: 700 * day, started: 40 * day,
			log: func(w *bootWriter) { w.normalBoot(bootOpts{}); w.shutdown(20*86400 + 77) }},
		{region: "cn-beijing", zone: "cn-beijing-h", name: "bj-api-01", typ: "ecs.c7.xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.20.1.11", publicIP: publicIP("cn-beijing", "bj-api-01"), created: 90 * day, started: 14 * day, log: normal(ubuntuCI)},
		{region: "cn-beijing", zone: "cn-beijing-i", name: "bj-api-02", typ: "ecs.c7.xlarge", status: "Running", os: osUbuntu2204,
			ip: "172.20.2.12", publicIP: publicIP("cn-beijing", "bj-api-02"), created: 90 * day, started: 14 * day, log: normal(ubuntuCI)},
		{region: "cn-beijing", zone: "cn-beijing-k", name: "bj-cache-01", typ: "ecs.r7.large", status: "Running", os: osAliyun3,
			ip: "172.20.3.30", created: 90 * day, started: 50 * day,
			log: normal(bootOpts{services: []unit{u("redis.service", "Redis persistent key-value database")}})},
		{region: "cn-beijing", zone: "cn-beijing-l", name: "bj-etl-01", typ: "ecs.g7.2xlarge", status: "Stopped", os: osDebian12,
			ip: "172.20.4.40", dataGiB: 200, created: 150 * day, started: 6 * day,
			log: func(w *bootWriter) { w.normalBoot(bootOpts{}); w.shutdown(4*86400 + 611) }},
		{region: "ap-southeast-1", zone: "ap-southeast-1a", name: "sg-web-01", typ: "ecs.g7.large", status: "Running", os: osUbuntu2204,
			ip: "172.22.1.21", publicIP: publicIP("ap-southeast-1", "sg-web-01"), created: 60 * day, started: 60 * day, log: normal(ubuntuCI)},
		{region: "ap-southeast-1", zone: "ap-southeast-1b", name: "sg-web-02", typ: "ecs.g7.large", status: "Running", os: osUbuntu2204,
			ip: "172.22.2.22", publicIP: publicIP("ap-southeast-1", "sg-web-02"), created: 60 * day, started: 60 * day, log: normal(ubuntuCI)},
		{region: "ap-southeast-1", zone: "ap-southeast-1c", name: "sg-bastion", typ: "ecs.t6-c1m2.large", status: "Running", os: osDebian12,
			ip: "172.22.3.10", eip: publicIP("ap-southeast-1", "sg-bastion"), created: 300 * day, started: 100 * day, log: normal(bootOpts{})},
		{region: "eu-central-1", zone: "eu-central-1a", name: "fra-web-01", typ: "ecs.g7.large", status: "Running", os: osDebian12,
			ip: "172.24.1.21", publicIP: publicIP("eu-central-1", "fra-web-01"), created: 45 * day, started: 45 * day,
			log: normal(bootOpts{services: []unit{u("nginx.service", "A high performance web server and a reverse proxy server")}})},
		{region: "eu-central-1", zone: "eu-central-1b", name: "fra-db-01", typ: "ecs.r7.xlarge", status: "Running", os: osDebian12,
			ip: "172.24.2.10", dataGiB: 500, created: 45 * day, started: 45 * day,
			log: normal(bootOpts{services: []unit{u("postgresql@15-main.service", "PostgreSQL Cluster 15-main")}})},
		{region: "eu-central-1", zone: "eu-central-1a", name: "fra-gdpr-export", typ: "ecs.c7.large", status: "Stopped", os: osAliyun3,
			ip: "172.24.1.50", created: 200 * day, started: 30 * day,
			log: func(w *bootWriter) { w.normalBoot(bootOpts{}); w.shutdown(2*86400 + 4000) }},
		{region: "us-west-1", zone: "us-west-1a", name: "usw-edge-01", typ: "ecs.c7.large", status: "Running", os: osAliyun3,
			ip: "172.26.1.11", publicIP: publicIP("us-west-1", "usw-edge-01"), created: 30 * day, started: 30 * day, log: normal(bootOpts{})},
		{region: "us-west-1", zone: "us-west-1b", name: "usw-edge-02", typ: "ecs.c7.large", status: "Running", os: osAliyun3,
			ip: "172.26.2.12", publicIP: publicIP("us-west-1", "usw-edge-02"), created: 30 * day, started: 30 * day, log: normal(bootOpts{})},
		{region: "us-west-1", zone: "us-west-1a", name: "usw-win-build", host: "USW-BUILD01", typ: "ecs.c7.2xlarge", status: "Stopped",
			osName: osNameWin2022, ip: "172.26.1.40", created: 120 * day, started: 20 * day},
	}
}
