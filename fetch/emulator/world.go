package emulator

import (
	"encoding/base64"
	"fmt"
	"time"
)

// instance is the live state of one fixture instance. Every field is guarded by Server.mu.
type instance struct {
	fix InstanceFixture // as given; Console and Fault are not used after New

	// status is the state outside a reboot; during one, statusAt derives the state from the
	// clock instead, so no goroutine has to move the instance along.
	status    string
	startTime time.Time // zero: never started
	created   time.Time

	console    []byte
	rawBase64  string // a fixture's base64 served verbatim (it may be invalid); "" once replaced
	lastUpdate time.Time
	boots      int // completed reboots

	fault     *FaultFixture
	faultUsed int

	lastScreenshot time.Time
	reboot         *rebootState
}

// rebootState is a reboot in progress: Stopping until stopEnd, then Starting until end, then
// Running with console, the boot log written when the reboot was accepted (nil: keep the old
// output, as for Windows).
type rebootState struct {
	begin, stopEnd, end time.Time
	console             []byte
}

// newInstance builds the live state of one validated fixture.
func newInstance(i int, f InstanceFixture) (*instance, error) {
	in := &instance{fix: f, status: f.Status}
	in.fix.Console, in.fix.Fault = nil, nil
	if f.StartTime != "" {
		in.startTime, _ = parseFixtureTime(f.StartTime)
	}
	if f.CreationTime != "" {
		in.created, _ = parseFixtureTime(f.CreationTime)
	}
	if c := f.Console; c != nil {
		if c.LastUpdateTime != "" {
			in.lastUpdate, _ = parseFixtureTime(c.LastUpdateTime)
		}
		switch {
		case c.File != "":
			b, err := readConsoleFile(c.File)
			if err != nil {
				return nil, fmt.Errorf("instances[%d].console.file: %w", i, err)
			}
			in.console = b
		case c.Base64 != "":
			in.rawBase64 = c.Base64
			in.console, _ = base64.StdEncoding.DecodeString(c.Base64)
		default:
			in.console = []byte(c.Text)
		}
	}
	if f.Fault != nil {
		ft := *f.Fault
		in.fault = &ft
	}
	return in, nil
}

// settle finishes a reboot whose time is up: the instance is Running again, with the new boot
// log startReboot wrote, LastUpdateTime and StartTime. It is called with the clock's current
// time before every read of the instance, which is what makes the lazy state machine exact. It
// cannot fail: everything that could was done before the reboot was accepted.
func (in *instance) settle(now time.Time) {
	r := in.reboot
	if r == nil || now.Before(r.end) {
		return
	}
	in.reboot = nil
	in.status = "Running"
	in.boots++
	in.startTime = r.stopEnd
	if r.console != nil {
		in.console = r.console
		in.rawBase64 = ""
	}
	// LastUpdateTime is when the emulator declared it Running, never a time still in the
	// clock's future.
	in.lastUpdate = r.end
}

// statusAt is the instance's status at now; settle must have run for now.
func (in *instance) statusAt(now time.Time) string {
	if r := in.reboot; r != nil {
		if now.Before(r.stopEnd) {
			return "Stopping"
		}
		return "Starting"
	}
	return in.status
}

// startReboot begins a reboot at now. A forced stop is a power cycle, so its Stopping phase is
// half as long as a graceful shutdown's. The new boot log of a Linux instance is written here,
// before anything changes: if writing it fails, the reboot is refused and the instance is left
// as it was, rather than stuck with its state changed and no new log for a watcher to wait for.
func (in *instance) startReboot(now time.Time, total time.Duration, force bool) error {
	stop := total / 3
	if force {
		stop = total / 6
	}
	r := &rebootState{begin: now, stopEnd: now.Add(stop), end: now.Add(total)}
	if in.fix.OSType != "windows" {
		// A fresh, clean boot of the same machine (same host, address, disks), whatever went
		// wrong in the previous one: that is usually what the reboot was for.
		text, err := rebootLog(in.fix, r.stopEnd)
		if err != nil {
			return err
		}
		r.console = []byte(text)
	}
	in.reboot = r
	return nil
}

// consoleBase64 is the ConsoleOutput field: the fixture's own base64 text while it has not been
// replaced, so that a deliberately invalid one reaches the client unchanged.
func (in *instance) consoleBase64(removeSymbols bool) string {
	if in.rawBase64 != "" {
		raw, err := base64.StdEncoding.DecodeString(in.rawBase64)
		if err != nil || !removeSymbols {
			return in.rawBase64
		}
		return base64.StdEncoding.EncodeToString(removeConsoleSymbols(raw))
	}
	b := in.console
	if removeSymbols {
		b = removeConsoleSymbols(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// takeFault reports the fault to inject for action, counting it against Times.
func (in *instance) takeFault(action string) *FaultFixture {
	f := in.fault
	if f == nil || f.Action != action {
		return nil
	}
	if f.Times > 0 && in.faultUsed >= f.Times {
		return nil
	}
	in.faultUsed++
	return f
}
