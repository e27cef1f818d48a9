package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

// The rescue actions: StartInstance brings a Stopped instance up (Starting, then Running with a
// new boot log), and DescribeInstanceVncUrl hands out the one-time address of the web console's
// VNC proxy. Both follow the SDK's request and response structs (services/ecs/start_instance.go,
// describe_instance_vnc_url.go) and the errors the API reference lists for instance actions.

// changeState runs an action that changes an instance's state (RebootInstance, StartInstance),
// in the order the real service checks: the instance must exist and be in status from, else
// IncorrectInstanceStatus (403); DryRun then answers DryRunOperation without changing anything;
// otherwise change does the change, under s.mu. The answer is only the RequestId.
func (s *Server) changeState(q *request, region, from string, change func(in *instance, now time.Time) *apiError) (any, *apiError) {
	dryRun, err := q.boolParam("DryRun", false)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceParam(q, region)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if in.statusAt(now) != from {
		return nil, errIncorrectStatus(http.StatusForbidden)
	}
	if dryRun {
		return nil, errDryRun
	}
	if err := change(in, now); err != nil {
		return nil, err
	}
	return stateChangeJSON{RequestID: q.id}, nil
}

// stateChangeJSON is the answer of RebootInstance and StartInstance.
type stateChangeJSON struct {
	RequestID string `json:"RequestId"`
}

// startInstance starts a Stopped instance. ECS refuses every other status with
// IncorrectInstanceStatus (403, as for RebootInstance); DryRun checks without starting.
func (s *Server) startInstance(q *request, region string) (any, *apiError) {
	if _, err := q.boolParam("InitLocalDisk", false); err != nil {
		return nil, err
	}
	return s.changeState(q, region, "Stopped", func(in *instance, now time.Time) *apiError {
		if err := in.startFromStopped(now, startDuration(s.opts.RebootDuration)); err != nil {
			return errInternal
		}
		return nil
	})
}

// startDuration is how long Starting lasts: the boot part of a reboot, which is two thirds of it
// (startReboot gives the first third to Stopping).
func startDuration(reboot time.Duration) time.Duration {
	return reboot - reboot/3
}

// startFromStopped is a reboot without its Stopping phase: statusAt says Starting until the
// boot is over, then settle makes the instance Running with a new boot log and StartTime, exactly
// as after a reboot. As there, the new log is written before anything changes, so a log that
// cannot be written refuses the start instead of leaving a watcher waiting for it.
func (in *instance) startFromStopped(now time.Time, d time.Duration) error {
	r := &rebootState{begin: now, stopEnd: now, end: now.Add(d)}
	if in.fix.OSType != "windows" {
		text, err := rebootLog(in.fix, now)
		if err != nil {
			return err
		}
		r.console = []byte(text)
	}
	in.reboot = r
	return nil
}

type vncJSON struct {
	RequestID string `json:"RequestId"`
	VncURL    string `json:"VncUrl"`
}

// describeInstanceVncURL answers the VNC address of a Running instance: a WebSocket URL of the
// region's VNC proxy with a fresh token, which is what the real service returns (valid once, for
// about 15 seconds; the emulator serves no proxy behind it). Any other status has no screen to
// connect to: IncorrectInstanceStatus.
func (s *Server) describeInstanceVncURL(q *request, region string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceParam(q, region)
	if err != nil {
		return nil, err
	}
	if in.statusAt(s.now()) != "Running" {
		return nil, errIncorrectStatus(http.StatusForbidden)
	}
	var token [16]byte
	rand.Read(token[:])
	url := "wss://" + region + ".vnc.ecs.aliyuncs.com/webviewer/connect?vncProxyToken=" + hex.EncodeToString(token[:])
	return vncJSON{RequestID: q.id, VncURL: url}, nil
}
