package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bootlog/bootlog/fetch/emulator"
)

// The operator's defects of issue 12 that only show on a real terminal, driven through tmux:
// `&` keeps the log's line numbers (item 2), a search with no match leaves the view where it was
// (item 3), banners wrap instead of losing their end (item 6), and the reboot dialog and the help
// fit 60×15 (item 7).

// e2eSizes are the terminal sizes of issue 12: the usual one and the smallest it names.
var e2eSizes = []struct{ w, h int }{{120, 40}, {60, 15}}

// lineOf is the 1-based line number of the first line of text containing sub.
func lineOf(t *testing.T, text, sub string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	t.Fatalf("no line contains %q", sub)
	return 0
}

// numberedRow is a viewer row with line numbers on: the finding marker (one cell, maybe blank),
// the number, then the log line. Every line this test numbers is a kernel line ("[    0.28…]"),
// which tells a numbered row from the continuation of a wrapped one that happens to start with
// digits.
var numberedRow = regexp.MustCompile(`(?m)^\S?\s*(\d+) (\[.*)$`)

// TestEndToEndOnlyMatchesKeepsLineNumbers (issue 12, item 2): with line numbers on, `&` shows
// the matching lines under the log's own numbers, as grep -n and less -N do, and the "--"
// separators between groups carry no number.
func TestEndToEndOnlyMatchesKeepsLineNumbers(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := demoInstance(t, "web-prod-04")
	panicLine := lineOf(t, target.Console.Text, "Kernel panic - not syncing")
	for _, size := range e2eSizes {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			tm := newTmux(t, e2eEnv(t), size.w, size.h, bin, "--demo", "--instance", target.InstanceID)
			tm.waitFor("last update", 15*time.Second)
			// From the top, the first match is the panic itself.
			tm.keys("g", "#", "/", "not syncing", "Enter")
			tm.waitFor("match 1/", 5*time.Second)
			tm.keys("&")
			scr := tm.waitFor("only matching", 5*time.Second)

			rows := numberedRow.FindAllStringSubmatch(scr, -1)
			if len(rows) == 0 {
				t.Fatalf("no numbered rows in & mode:\n%s", scr)
			}
			prev, sawPanic := 0, false
			for _, r := range rows {
				n, _ := strconv.Atoi(r[1])
				if n <= prev {
					t.Fatalf("line numbers not increasing (%d after %d), so not the log's:\n%s", n, prev, scr)
				}
				prev = n
				if strings.Contains(r[2], "Kernel panic - not syncing") && !strings.Contains(r[2], "end Kernel panic") {
					sawPanic = true
					if n != panicLine {
						t.Fatalf("the panic line is numbered %d in & mode, the log's line is %d:\n%s", n, panicLine, scr)
					}
				}
			}
			if !sawPanic {
				t.Fatalf("the panic line (log line %d) is not on screen in & mode:\n%s", panicLine, scr)
			}
			if regexp.MustCompile(`(?m)^\S?\s*\d+\s+--\s*$`).MatchString(scr) {
				t.Fatalf("a -- separator carries a line number:\n%s", scr)
			}
			tm.quit()
		})
	}
}

// TestEndToEndSearchWithNoMatchStays (issue 12, item 3): at line 169, `/Falling` Enter finds
// nothing (smart case: the log has only "falling") and the view is still at line 169, although
// the incremental search moved to a match of "F" on the way.
func TestEndToEndSearchWithNoMatchStays(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := demoInstance(t, "web-prod-04")
	for _, size := range e2eSizes {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			tm := newTmux(t, e2eEnv(t), size.w, size.h, bin, "--demo", "--instance", target.InstanceID)
			tm.waitFor("last update", 15*time.Second)
			tm.keys(":", "169", "Enter")
			tm.waitFor("line 169/", 5*time.Second)
			tm.keys("/", "Falling", "Enter")
			// Line numbers on, after the search: once the gutter shows, every key before it has
			// been handled, so the position read next is the one the search left.
			tm.keys("#")
			scr, _ := tm.waitMatch(regexp.MustCompile(`(?m)^\S?\s*169 \[`), 5*time.Second)
			if got := viewerLine(t, scr); got != 169 {
				t.Fatalf("after a search with no match the view is at line %d, want 169:\n%s", got, scr)
			}
			if size.w >= 120 && !strings.Contains(scr, "no matches for /Falling/") {
				t.Fatalf("the status bar does not say the search found nothing:\n%s", scr)
			}
			tm.quit()
		})
	}
}

// bannerWorld is one region whose instances refuse in the ways banners must explain in full:
// a console the RAM identity may not read, and a reboot it may not ask for.
func bannerWorld() *emulator.Fixtures {
	updated := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	linux := func(id, name string, fault *emulator.FaultFixture) emulator.InstanceFixture {
		return emulator.InstanceFixture{
			RegionID: "cn-hangzhou", InstanceID: id, InstanceName: name, Status: "Running",
			OSType: "linux", OSName: "Alibaba Cloud Linux 3", InstanceType: "ecs.g7.large", ZoneID: "cn-hangzhou-h",
			Console: &emulator.ConsoleFixture{LastUpdateTime: updated, Text: "[    0.000000] Linux version 5.10.134\r\n" + name + " login: "},
			Fault:   fault,
		}
	}
	return &emulator.Fixtures{
		Regions: []emulator.RegionFixture{{RegionID: "cn-hangzhou", LocalName: "China (Hangzhou)"}},
		Instances: []emulator.InstanceFixture{
			linux("i-bp1denied000000001", "denied-console", &emulator.FaultFixture{Action: "GetInstanceConsoleOutput", Code: "Forbidden.RAM"}),
			linux("i-bp1refused00000001", "refused-reboot", &emulator.FaultFixture{Action: "RebootInstance", Code: "Forbidden.RAM"}),
		},
	}
}

// TestEndToEndBannersShowTheirEnd (issue 12, item 6): a banner wraps to the pane, so what it
// tells the operator to do — its end — is on screen: the key pair to check after a wrong
// secret, the RAM policy a refused console read or reboot needs.
func TestEndToEndBannersShowTheirEnd(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	srv, err := emulator.New(emulator.Options{Fixtures: bannerWorld(), RebootDuration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	account := func(secret string) []string {
		return []string{
			"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emulator.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret,
			"ALIBABA_CLOUD_ECS_ENDPOINT=" + srv.URL(), "ALIBABA_CLOUD_REGION_ID=cn-hangzhou",
		}
	}
	const policy = "on acs:ecs:cn-hangzhou:*:instance/*)"
	for _, size := range e2eSizes {
		t.Run(fmt.Sprintf("wrong secret %dx%d", size.w, size.h), func(t *testing.T) {
			tm := newTmux(t, e2eEnv(t, account("not-the-secret")...), size.w, size.h, bin)
			tm.waitFor("SignatureDoesNotMatch", 15*time.Second)
			scr := tm.waitFor("RequestId", 5*time.Second)
			if !showsText(scr, "does not match its AccessKeyId: check the key pair") {
				t.Fatalf("the banner lost its end (\"check the key pair\"):\n%s", scr)
			}
			tm.quit()
		})
		t.Run(fmt.Sprintf("console Forbidden.RAM %dx%d", size.w, size.h), func(t *testing.T) {
			tm := newTmux(t, e2eEnv(t, account(emulator.DefaultAccessKeySecret)...), size.w, size.h, bin, "--instance", "i-bp1denied000000001")
			scr := tm.waitFor("Forbidden.RAM", 15*time.Second)
			want := "the RAM identity needs the ecs:GetInstanceConsoleOutput permission (e.g. a policy allowing ecs:GetInstanceConsoleOutput " + policy
			if !showsText(scr, want) {
				t.Fatalf("the banner lost the policy; want %q in:\n%s", want, scr)
			}
			tm.quit()
		})
		t.Run(fmt.Sprintf("refused reboot %dx%d", size.w, size.h), func(t *testing.T) {
			tm := newTmux(t, e2eEnv(t, account(emulator.DefaultAccessKeySecret)...), size.w, size.h, bin, "--instance", "i-bp1refused00000001")
			tm.waitFor("refused-reboot login:", 15*time.Second)
			tm.keys("B")
			tm.waitFor("Reboot refused-reboot", 5*time.Second)
			tm.keys("y")
			scr := tm.waitFor("not rebooted", 10*time.Second)
			want := "the RAM identity needs the ecs:RebootInstance permission (e.g. a policy allowing ecs:RebootInstance " + policy
			if !showsText(scr, want) {
				t.Fatalf("the refusal lost the policy; want %q in:\n%s", want, scr)
			}
			tm.quit()
		})
	}
}

// dialogBox returns the rows of the box drawn on screen (from ╭ to ╰) and checks that each has
// both borders: a box cut by the pane's right edge has no right border.
func dialogBox(t *testing.T, screen string) []string {
	t.Helper()
	var box []string
	for _, row := range strings.Split(screen, "\n") {
		r := strings.TrimSpace(row)
		if len(box) == 0 && !strings.HasPrefix(r, "╭") {
			continue
		}
		box = append(box, r)
		if strings.HasPrefix(r, "╰") {
			break
		}
	}
	if len(box) < 3 || !strings.HasPrefix(box[len(box)-1], "╰") {
		t.Fatalf("no whole dialog box on screen:\n%s", screen)
	}
	if !strings.HasSuffix(box[0], "╮") || !strings.HasSuffix(box[len(box)-1], "╯") {
		t.Fatalf("the dialog's right corners are cut off:\n%s", screen)
	}
	inner := box[1 : len(box)-1]
	for _, r := range inner {
		if !strings.HasPrefix(r, "│") || !strings.HasSuffix(r, "│") {
			t.Fatalf("dialog row %q has lost a border:\n%s", r, screen)
		}
	}
	return inner
}

// TestEndToEndRebootDialogAt60x15 (issue 12, item 7 and the Enter friction): at 60×15 the reboot
// confirmation keeps its right border and every choice to its last word, and Enter does not
// confirm it.
func TestEndToEndRebootDialogAt60x15(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := demoInstance(t, "web-prod-04")
	tm := newTmux(t, e2eEnv(t), 60, 15, bin, "--demo", "--instance", target.InstanceID)
	tm.waitFor("last update", 15*time.Second)
	tm.keys("B")
	scr := tm.waitFor("╰", 5*time.Second)
	var text []string
	for _, r := range dialogBox(t, scr) {
		text = append(text, strings.TrimSuffix(strings.TrimPrefix(r, "│"), "│"))
	}
	got := strings.Join(text, "\n")
	for _, want := range []string{
		"Reboot web-prod-04 (" + target.InstanceID + ")?",
		"y reboot: RebootInstance shuts the OS down cleanly and starts it again",
		"F force reboot: a power-cycle (ForceStop) that may lose data not yet written to disk",
		"n / esc cancel",
	} {
		if !showsText(got, want) {
			t.Errorf("the dialog lacks %q; it reads %q", want, flat(got))
		}
	}

	// Enter, out of habit, then n: had Enter confirmed, n would reach the viewer (next match) and
	// nothing would say "reboot cancelled".
	tm.keys("Enter", "n")
	tm.waitFor("reboot cancelled", 5*time.Second)
	scr = tm.waitGone("╭", 5*time.Second)
	if strings.Contains(scr, "Stopping") {
		t.Fatalf("Enter rebooted the instance:\n%s", scr)
	}
	tm.quit()
}

// helpRange is the help's scroll position: "lines 1–7 of 21".
var helpRange = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

// TestEndToEndHelpScrollsAt60x15 (issue 12, item 7): at 60×15 the full help does not fit, says
// which lines it shows, and pgdn scrolls it to its last line; on the way every key is listed,
// the last column's quit included.
func TestEndToEndHelpScrollsAt60x15(t *testing.T) {
	skipShort(t)
	bin := buildBinary(t)
	target := demoInstance(t, "web-prod-04")
	tm := newTmux(t, e2eEnv(t), 60, 15, bin, "--demo", "--instance", target.InstanceID)
	tm.waitFor("last update", 15*time.Second)
	tm.keys("?")
	scr, m := tm.waitMatch(helpRange, 5*time.Second)
	if m[2] == m[3] {
		t.Fatalf("the whole help fits 60×15, so this test shows no scrolling:\n%s", scr)
	}
	seen := helpRows(scr)
	for range 20 {
		if m[2] == m[3] {
			break
		}
		last := m[0]
		tm.keys("NPage")
		scr, _ = tm.poll(func(s string) bool { return !strings.Contains(s, last) }, 5*time.Second)
		m = helpRange.FindStringSubmatch(scr)
		if m == nil {
			t.Fatalf("pgdn closed the help:\n%s", scr)
		}
		seen += "\n" + helpRows(scr)
	}
	if m[2] != m[3] {
		t.Fatalf("pgdn never reached the help's last line; at %q:\n%s", m[0], scr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`\bq\s+quit\b`), regexp.MustCompile(`\?\s+help\b`),
		regexp.MustCompile(`\bB\s+reboot\b`), regexp.MustCompile(`\bX\s+incident bundle\b`),
	} {
		if !want.MatchString(seen) {
			t.Errorf("scrolling the help never showed %s; it showed:\n%s", want, seen)
		}
	}
	tm.keys("Escape")
	tm.waitGone("lines ", 5*time.Second)
	tm.quit()
}

// helpRows is the help's own rows on screen: below the viewer's three header rows, above the
// "lines a–b of n" row. The key line at the bottom of the screen ("esc back • q quit") is left
// out, so finding "q quit" means the help itself lists it.
func helpRows(screen string) string {
	rows := strings.Split(screen, "\n")
	for i, r := range rows {
		if helpRange.MatchString(r) && i > 3 {
			return strings.Join(rows[3:i], "\n")
		}
	}
	return ""
}
