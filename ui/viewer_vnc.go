package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// The interactive console link: V asks DescribeInstanceVncUrl for the instance's one-time VNC
// address, wraps it in the web console page (fetch.WebConsoleURL, the form the API reference
// prescribes), copies that browser URL and shows it in a pane with the console's warning: the
// address works once, within about 15 seconds. It is what an instance waiting at an emergency
// or rescue prompt needs (the maintenance password is typed there), so the header suggests V
// when the log ends at one.

// vncValidity is how long the address is valid after DescribeInstanceVncUrl answered, as the
// API reference and the web console say.
const vncValidity = 15 * time.Second

// vncLoadedMsg answers DescribeInstanceVncUrl.
type vncLoadedMsg struct {
	seq        uint64
	instanceID string
	vnc        fetch.VncConsole
	at         time.Time
	err        error
}

// vncExpiredMsg marks the link as used up once its validity has passed.
type vncExpiredMsg struct {
	seq        uint64
	instanceID string
}

// windows reports a Windows instance (isWindows in the console URL).
func (v *viewer) windows() bool { return strings.EqualFold(v.inst.OSType, "windows") }

// requestVnc asks for a console link, or says why the instance has none. The key is offered only
// for a live instance.
func (v *viewer) requestVnc() tea.Cmd {
	if st := v.inst.Status; st != "" && st != "Running" {
		hint := "wait until it runs"
		if st == "Stopped" && !v.readOnly() {
			hint = "B starts it"
		}
		return v.showToast("no console link: "+v.instanceLabel()+" is "+st+"; "+hint, toastWarn)
	}
	v.vnc = vncState{open: true, loading: true, seq: v.nextSeq()}
	f, region, id, seq, now, windows := v.f, v.region, v.inst.ID, v.vnc.seq, v.now, v.windows()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		vnc, err := f.VncURL(ctx, region, id)
		msg := vncLoadedMsg{seq: seq, instanceID: id, at: now(), err: safeErr(err)}
		if err == nil {
			vnc.URL = fetch.WebConsoleURL(vnc.URL, id, windows)
			// The URL goes to the screen and the clipboard: nothing in it may be a control.
			vnc.URL, vnc.RequestID = console.SafeLine(vnc.URL), console.SafeLine(vnc.RequestID)
			msg.vnc = vnc
		}
		return msg
	}
}

// onVncLoaded shows and copies the link, or puts the refusal in the banner.
func (v *viewer) onVncLoaded(msg vncLoadedMsg) tea.Cmd {
	if msg.seq != v.vnc.seq || msg.instanceID != v.inst.ID || !v.vnc.open {
		return nil
	}
	v.vnc.loading = false
	if msg.err != nil {
		v.noteErrRequestID(msg.err)
		v.vnc.open = false
		v.banner = &actionError{what: "no console link", err: apiRefusal{msg.err}}
		return nil
	}
	v.noteRequestID(msg.vnc.RequestID)
	v.vnc.url, v.vnc.at = msg.vnc.URL, msg.at
	v.clearActionBanner()
	return tea.Batch(
		v.copyText(msg.vnc.URL, "the console link"),
		v.tick(vncValidity, vncExpiredMsg{seq: msg.seq, instanceID: msg.instanceID}),
	)
}

// onVncExpired marks the link shown as used up.
func (v *viewer) onVncExpired(msg vncExpiredMsg) tea.Cmd {
	if msg.seq != v.vnc.seq || msg.instanceID != v.inst.ID {
		return nil
	}
	v.vnc.expired = true
	return nil
}

// onVncKey handles keys while the pane is open: V fetches a new link, esc closes.
func (v *viewer) onVncKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &v.keys
	switch {
	case key.Matches(msg, k.CloseScreenshot):
		v.vnc = vncState{seq: v.nextSeq()}
	case key.Matches(msg, k.VncLink):
		return v.requestVnc()
	}
	return nil
}

// vncView is the pane: the link, wrapped whole (a cut URL is useless), the warning and the keys.
// When the body is too short for everything (60×15), the blank lines, the explanations and
// then the pane's padding go, never the link, the warning or the keys.
func (v *viewer) vncView(width int) string {
	s := v.styles
	pane := s.Pane
	if v.vnc.loading {
		w := max(width-pane.GetHorizontalFrameSize(), 20)
		return pane.Render(wrapText("asking ECS for the interactive console of "+v.instanceLabel()+"…", w))
	}
	for _, compact := range []bool{false, true} {
		if compact {
			pane = pane.Padding(0, 1)
		}
		out := pane.Render(v.vncLines(max(width-pane.GetHorizontalFrameSize(), 20), compact))
		if compact || v.height <= 0 || lipgloss.Height(out) <= v.height {
			return out
		}
	}
	return ""
}

// vncLines is the pane's text in w cells; compact leaves out what the operator can do without.
func (v *viewer) vncLines(w int, compact bool) string {
	s := v.styles
	var lines []string
	add := func(optional bool, ls ...string) {
		if !(optional && compact) {
			lines = append(lines, ls...)
		}
	}
	add(false, s.PaneTitle.Render(wrapText("Interactive console of "+v.instanceLabel(), w)))
	add(true, "", wrapText("Open this address in a browser (it was sent to the clipboard):", w), "")
	add(false, s.Code.Render(hardWrap(v.vnc.url, w)))
	add(true, "")
	if v.vnc.expired {
		add(false, s.Warn.Render(wrapText("This link has expired (fetched "+v.clock(v.vnc.at)+"): press V for a new one.", w)))
	} else {
		add(false, s.Warn.Render(wrapText("Valid once, within 15 seconds of "+v.clock(v.vnc.at)+": open it now. If it has expired, press V for a new one.", w)))
	}
	add(true, wrapText("The session closes after 300 s without input. At an emergency or rescue prompt, type the root (maintenance) password there.", w), "")
	add(false, s.Dim.Render(wrapText("V new link · esc close", w)))
	return strings.Join(lines, "\n")
}

// hardWrap breaks a string with no spaces (a URL) every w cells.
func hardWrap(s string, w int) string {
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); i += w {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(r[i:min(i+w, len(r))]))
	}
	return b.String()
}

// rescuePrompt matches the last words of a boot that stopped at a shell waiting for the root
// password (systemd's emergency and rescue targets, SysV single user, dracut's emergency shell).
var rescuePrompt = regexp.MustCompile(`(?i)(give root password for maintenance|press enter for maintenance|emergency mode|rescue mode|dracut:/#|entering emergency|cannot open access to console, the root account is locked)`)

// atRescuePrompt reports whether the log ends at such a prompt: one of its last lines matches.
func (v *viewer) atRescuePrompt() bool {
	lines := v.doc.Plain
	seen := 0
	for i := len(lines) - 1; i >= 0 && seen < 8; i-- {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		seen++
		if rescuePrompt.MatchString(lines[i]) {
			return true
		}
	}
	return false
}

// rescueSuggestion is the header's advice when the log ends at an emergency prompt.
func (v *viewer) rescueSuggestion() string {
	if !v.live() || !v.hasContent() || v.captures.shown != nil || !v.atRescuePrompt() {
		return ""
	}
	return v.styles.Warn.Render("⚠ waiting at an emergency prompt: V opens the console")
}
