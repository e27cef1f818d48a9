package fleet

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/bootlog/bootlog/ui/findings"
)

func TestHealthOrderAndWords(t *testing.T) {
	want := "critical,warning,stale,unknown,none,ok"
	var words []string
	for i, h := range Healths() {
		words = append(words, h.String())
		if h.Rank() != i {
			t.Errorf("%v ranks %d, want %d", h, h.Rank(), i)
		}
		if got, err := ParseHealth(" " + strings.ToUpper(h.String()) + " "); err != nil || got != h {
			t.Errorf("ParseHealth(%v) = %v, %v", h, got, err)
		}
		// The word is always there: the label reads without colour.
		if l := h.Label(); !strings.HasSuffix(l, " "+h.String()) || strings.HasPrefix(l, " ") {
			t.Errorf("label %q", l)
		}
	}
	if strings.Join(words, ",") != want {
		t.Errorf("order %v, want %s", words, want)
	}
	if !Critical.Worse(Warning) || OK.Worse(None) || !Stale.Worse(Unknown) {
		t.Error("Worse disagrees with the order")
	}
	var zero Health
	if zero != Unknown {
		t.Error("the zero Health is not Unknown")
	}
	if _, err := ParseHealth("broken"); err == nil {
		t.Error("ParseHealth accepted broken")
	}
	if Critical.IsProblem() != true || Warning.IsProblem() != true || slices.ContainsFunc([]Health{Stale, Unknown, None, OK}, Health.IsProblem) {
		t.Error("IsProblem is not exactly critical and warning")
	}
	b, _ := json.Marshal(map[string]Health{"h": Stale})
	var back map[string]Health
	if string(b) != `{"h":"stale"}` || json.Unmarshal(b, &back) != nil || back["h"] != Stale {
		t.Errorf("JSON %s, back %v", b, back)
	}
}

func TestClassify(t *testing.T) {
	rules := findings.DefaultRules()
	judge := func(lines ...string) verdict { return classify(lines, findings.Scan(lines, rules)) }

	if v := judge("[    1.0] Linux version 5.10", "web-1 login: "); v.health != OK || !v.reachedLogin {
		t.Errorf("login prompt: %+v", v)
	}
	if v := judge("[  OK  ] Reached target multi-user.target - Multi-User System."); v.health != OK || v.reachedLogin {
		t.Errorf("multi-user target, systemd 252 wording: %+v", v)
	}
	// A stop job during shutdown is an Info finding: it neither counts nor spoils an ok.
	if v := judge("[  OK  ] Reached target Multi-User System.", "A stop job is running for Docker (5s / 1min 30s)"); v.health != OK || len(v.findings) != 0 {
		t.Errorf("info finding: %+v", v)
	}
	v := judge("[    1.0] Linux version 5.10", "         Starting Network Manager...", "", "  ")
	if v.health != Warning || len(v.findings) != 1 || v.findings[0].Rule.Name != "incomplete-boot" || v.findings[0].Line != 1 {
		t.Errorf("incomplete boot: %+v", v)
	}
	if v := judge("[  3.4] Kernel panic - not syncing: Fatal exception", "[  5.0] Out of memory: Killed process 42 (java)"); v.health != Critical || len(v.findings) != 2 {
		t.Errorf("critical beats warning: %+v", v)
	}
	if v := judge("web-1 login: [  240.1] Out of memory: Killed process 42 (java)"); v.health != Warning || !v.reachedLogin {
		t.Errorf("a kill after the prompt: %+v", v)
	}
	if v := classify(nil, nil); v.health != None || len(v.findings) != 0 {
		t.Errorf("no lines: %+v", v)
	}
	// Only the last boot judges: a panic that a clean reboot followed is history.
	if v := judge("[    0.000000] Linux version 5.10", "[  3.4] Kernel panic - not syncing: Fatal exception",
		"[    0.000000] Linux version 5.10", "web-1 login: "); v.health != OK || len(v.findings) != 0 {
		t.Errorf("panic in the previous boot: %+v", v)
	}
}

func TestShorten(t *testing.T) {
	if s := shorten(strings.Repeat("é", 200), 41); len(s) > 41 || !strings.HasSuffix(s, "…") || !utf8Valid(s) {
		t.Errorf("shorten cut %q", s)
	}
	if s := shorten("short", 41); s != "short" {
		t.Errorf("shorten changed %q", s)
	}
}
