package emulator

import (
	"fmt"
	"strings"
	"time"
)

// rebootLog writes the console output of a fresh, successful boot of a Linux instance that starts
// at boot, for the emulator's RebootInstance: after the reboot the instance must have a new
// output. The image is guessed from the instance's OS name. The generator is written for every
// fixture the loader accepts; should it still fail on one, the failure is an error for the
// RebootInstance that asked, not a panic in the server.
func rebootLog(in InstanceFixture, boot time.Time) (text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("emulator: write the boot log of %s: %v", in.InstanceID, p)
		}
	}()
	os := osAliyun3
	var o bootOpts
	switch name := strings.ToLower(in.OSName); {
	case strings.Contains(name, "centos"):
		os = osCentOS7
	case strings.Contains(name, "ubuntu"):
		os = osUbuntu2204
		o.cloudInit = cloudInit(nil)
	case strings.Contains(name, "debian"):
		os = osDebian12
	}
	host := in.HostName
	if host == "" {
		host = in.InstanceName
	}
	m := newMachine(host, in.InstanceType, in.PrivateIP, 0)
	// Every boot differs a little (timings, key fingerprints), as two real boots do.
	m.seed ^= uint64(boot.UnixNano())
	w := newBootWriter(os, m, boot)
	w.normalBoot(o)
	return w.String(), nil
}
