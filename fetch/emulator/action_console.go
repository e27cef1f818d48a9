package emulator

import (
	"encoding/base64"
	"net/http"
	"time"
)

// beijing is UTC+8, the zone of the zoneless LastUpdateTime the API reference shows.
var beijing = time.FixedZone("UTC+8", 8*60*60)

// lastUpdateLayout is LastUpdateTime's form in the API reference's example.
const lastUpdateLayout = "2006-01-02 15:04:05"

type consoleOutputJSON struct {
	RequestID      string `json:"RequestId"`
	InstanceID     string `json:"InstanceId"`
	LastUpdateTime string `json:"LastUpdateTime"`
	ConsoleOutput  string `json:"ConsoleOutput"`
}

// getConsoleOutput answers the cached serial output of the last boot. Windows instances have
// none (NotSupported); a Pending instance has never booted (IncorrectInstanceStatus). During a
// reboot the previous boot's output is still the cached one.
func (s *Server) getConsoleOutput(q *request, region string) (any, *apiError) {
	remove, err := q.boolParam("RemoveSymbols", false)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := s.instanceParam(q, region)
	if err != nil {
		return nil, err
	}
	if in.fix.OSType == "windows" {
		return nil, errWindowsConsole
	}
	if in.statusAt(s.now()) == "Pending" {
		return nil, errIncorrectStatus(http.StatusMethodNotAllowed)
	}
	out := consoleOutputJSON{RequestID: q.id, InstanceID: in.fix.InstanceID, ConsoleOutput: in.consoleBase64(remove)}
	if !in.lastUpdate.IsZero() {
		out.LastUpdateTime = in.lastUpdate.In(beijing).Format(lastUpdateLayout)
	}
	return out, nil
}

type screenshotJSON struct {
	RequestID  string `json:"RequestId"`
	InstanceID string `json:"InstanceId"`
	Screenshot string `json:"Screenshot"`
}

// getScreenshot answers a PNG of the instance's text console. Only Running instances have a
// screen, and calls for one instance must be at least ten seconds apart (the documented limit;
// a refused call does not restart the interval).
func (s *Server) getScreenshot(q *request, region string) (any, *apiError) {
	if _, err := q.boolParam("WakeUp", false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	in, err := s.instanceParam(q, region)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	now := s.now()
	if in.statusAt(now) != "Running" {
		s.mu.Unlock()
		return nil, errIncorrectStatus(http.StatusMethodNotAllowed)
	}
	if !in.lastScreenshot.IsZero() && now.Sub(in.lastScreenshot) < screenshotInterval {
		s.mu.Unlock()
		return nil, errThrottling
	}
	in.lastScreenshot = now
	text := in.console
	if in.fix.OSType == "windows" {
		text = nil
	}
	id, host, osName := in.fix.InstanceID, in.fix.HostName, in.fix.OSName
	if host == "" {
		host = in.fix.InstanceName
	}
	s.mu.Unlock()
	// Rendering happens outside the lock: it is the only action whose work is more than a copy.
	png := renderScreenshot(screenLines(text, host, osName))
	return screenshotJSON{RequestID: q.id, InstanceID: id, Screenshot: base64.StdEncoding.EncodeToString(png)}, nil
}

// rebootInstance starts a reboot of a Running instance. With DryRun the checks run and the
// answer is DryRunOperation, as for real.
func (s *Server) rebootInstance(q *request, region string) (any, *apiError) {
	force, err := q.boolParam("ForceStop", false)
	if err != nil {
		return nil, err
	}
	return s.changeState(q, region, "Running", func(in *instance, now time.Time) *apiError {
		if err := in.startReboot(now, s.opts.RebootDuration, force); err != nil {
			s.logf("RebootInstance %s refused: %s", logSafe(in.fix.InstanceID), logSafe(err.Error()))
			return errInternal
		}
		return nil
	})
}
