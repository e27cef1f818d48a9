package console

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// renderCase is one input with its exact expected output. lines are the colour-mode lines; nil
// means every line is unstyled, so the colour-mode lines equal plain.
type renderCase struct {
	name  string
	in    string
	lines []string
	plain []string
}

// runCases renders each case in colour and plain mode and compares every line exactly.
func runCases(t *testing.T, cases []renderCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantLines := tc.lines
			if wantLines == nil {
				wantLines = tc.plain
			}
			doc := Render([]byte(tc.in), Options{Color: true})
			if !slices.Equal(doc.Lines(), wantLines) {
				t.Errorf("colour lines\n got %q\nwant %q", doc.Lines(), wantLines)
			}
			if !slices.Equal(doc.Plain, tc.plain) {
				t.Errorf("colour plain\n got %q\nwant %q", doc.Plain, tc.plain)
			}
			for i, l := range doc.Lines() {
				if i < len(doc.Plain) && ansi.Strip(l) != doc.Plain[i] {
					t.Errorf("line %d: ansi.Strip(%q) != Plain %q", i, l, doc.Plain[i])
				}
			}
			pd := Render([]byte(tc.in), Options{})
			if !slices.Equal(pd.Lines(), tc.plain) || !slices.Equal(pd.Plain, tc.plain) {
				t.Errorf("plain mode\n got %q / %q\nwant %q", pd.Lines(), pd.Plain, tc.plain)
			}
		})
	}
}

func TestRenderBootLogs(t *testing.T) {
	runCases(t, []renderCase{
		{
			name: "systemd OK",
			in:   "[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mJournal Service\x1b[0m.\r\n",
			lines: []string{
				"[\x1b[32m  OK  \x1b[m] Started \x1b[1mJournal Service\x1b[m.\x1b[m",
			},
			plain: []string{"[  OK  ] Started Journal Service."},
		},
		{
			name: "systemd FAILED with hint",
			in: "[\x1b[0;1;31mFAILED\x1b[0m] Failed to start \x1b[0;1;39mLoad Kernel Modules\x1b[0m.\r\n" +
				"See 'systemctl status systemd-modules-load.service' for details.\r\n",
			lines: []string{
				"[\x1b[1;31mFAILED\x1b[m] Failed to start \x1b[1mLoad Kernel Modules\x1b[m.\x1b[m",
				"See 'systemctl status systemd-modules-load.service' for details.",
			},
			plain: []string{
				"[FAILED] Failed to start Load Kernel Modules.",
				"See 'systemctl status systemd-modules-load.service' for details.",
			},
		},
		{
			// systemd redraws its "start job is running" spinner in place with CR.
			name: "systemd start job spinner",
			in: "[ \x1b[0;31m*\x1b[0;1;31m*\x1b[0m\x1b[0;31m*  \x1b[0m] A start job is running for dev-vda1.device (3s / 1min 30s)" +
				"\r[  \x1b[0;31m*\x1b[0;1;31m*\x1b[0m\x1b[0;31m* \x1b[0m] A start job is running for dev-vda1.device (4s / 1min 30s)" +
				"\r\n",
			lines: []string{
				"[  \x1b[31m*\x1b[0;1;31m*\x1b[0;31m* \x1b[m] A start job is running for dev-vda1.device (4s / 1min 30s)\x1b[m",
			},
			plain: []string{"[  *** ] A start job is running for dev-vda1.device (4s / 1min 30s)"},
		},
		{
			name: "dracut",
			in: "dracut-initqueue[312]: Scanning devices vda1  for LVM logical volumes\r\n" +
				"dracut-initqueue[312]: Warning: dracut-initqueue timeout - starting timeout scripts\r\n" +
				"dracut:/# ",
			plain: []string{
				"dracut-initqueue[312]: Scanning devices vda1  for LVM logical volumes",
				"dracut-initqueue[312]: Warning: dracut-initqueue timeout - starting timeout scripts",
				"dracut:/# ",
			},
		},
		{
			name: "cloud-init table",
			in: "ci-info: ++++++++++++++++++++++++Net device info+++++++++++++++++++++++++\r\n" +
				"ci-info: +--------+------+-------------+---------------+--------+-------------------+\r\n" +
				"ci-info: | Device |  Up  |   Address   |      Mask     | Scope  |     Hw-Address    |\r\n" +
				"ci-info: |  eth0  | True | 172.16.0.10 | 255.255.255.0 | global | 00:16:3e:0a:0b:0c |\r\n",
			plain: []string{
				"ci-info: ++++++++++++++++++++++++Net device info+++++++++++++++++++++++++",
				"ci-info: +--------+------+-------------+---------------+--------+-------------------+",
				"ci-info: | Device |  Up  |   Address   |      Mask     | Scope  |     Hw-Address    |",
				"ci-info: |  eth0  | True | 172.16.0.10 | 255.255.255.0 | global | 00:16:3e:0a:0b:0c |",
			},
		},
		{
			// GRUB paints its menu with colours, clears and absolute cursor positions; only the
			// colours survive, the text of each row stays in output order.
			name: "GRUB menu",
			in: "\x1b[0m\x1b[30m\x1b[47m\x1b[2J\x1b[01;01H\x1b[0m\x1b[37m\x1b[40m" +
				"                             GNU GRUB  version 2.02\r\n" +
				"\x1b[04;02H\x1b[0m\x1b[30m\x1b[47m*Alibaba Cloud Linux (5.10.134-16.al8.x86_64)\x1b[0m\x1b[37m\x1b[40m\r\n" +
				"  Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64)'\r\n\r\n",
			lines: []string{
				"\x1b[37;40m                             GNU GRUB  version 2.02\x1b[m",
				"\x1b[30;47m*Alibaba Cloud Linux (5.10.134-16.al8.x86_64)\x1b[m",
				"\x1b[37;40m  Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64)'\x1b[m",
				"",
			},
			plain: []string{
				"                             GNU GRUB  version 2.02",
				"*Alibaba Cloud Linux (5.10.134-16.al8.x86_64)",
				"  Booting `Alibaba Cloud Linux (5.10.134-16.al8.x86_64)'",
				"",
			},
		},
		{
			name: "kernel panic trace",
			in: "[    5.123456] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n" +
				"[    5.123999] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.10.134-16.al8.x86_64 #1\n" +
				"[    5.124100] Call Trace:\n" +
				"[    5.124200]  dump_stack+0x57/0x6e\n" +
				"[    5.124300]  panic+0x10c/0x2e3\n" +
				"[    5.124400] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---\n",
			plain: []string{
				"[    5.123456] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
				"[    5.123999] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.10.134-16.al8.x86_64 #1",
				"[    5.124100] Call Trace:",
				"[    5.124200]  dump_stack+0x57/0x6e",
				"[    5.124300]  panic+0x10c/0x2e3",
				"[    5.124400] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---",
			},
		},
		{
			name:  "progress redraw with CR and EL",
			in:    "Downloading  10%\rDownloading  55%\rDownloading 100%\x1b[K\r\nResolving 12345\rDone\x1b[K\n",
			plain: []string{"Downloading 100%", "Done"},
		},
		{
			// Without an erase the screen keeps the tail of the longer text.
			name:  "CR overwrite without erase",
			in:    "Loading 50%\rDone\n",
			plain: []string{"Doneing 50%"},
		},
		{
			name:  "backspaces",
			in:    "Password: abc\b\b\b***\n|\b/\b-\b\\\bdone\n\bx\n",
			plain: []string{"Password: ***", "done", "x"},
		},
		{
			name:  "tabs",
			in:    "eth0\tLink encap:Ethernet\tHWaddr 00:16:3E\n\tx\n1234567\ty\n12345678\tz\n中\tw\n",
			plain: []string{"eth0    Link encap:Ethernet     HWaddr 00:16:3E", "        x", "1234567 y", "12345678        z", "中      w"},
		},
		{
			name:  "line ends",
			in:    "a\r\n\r\nb\n\nc",
			plain: []string{"a", "", "b", "", "c"},
		},
		{
			name:  "empty input",
			in:    "",
			plain: []string{},
		},
	})
}

func TestRenderLineEditing(t *testing.T) {
	runCases(t, []renderCase{
		{name: "CR overwrite that grows the line", in: "ab\rxyz\n", plain: []string{"xyz"}},
		{name: "CR overwrite then tab and text", in: "abcdefghij\rx\ty\n", plain: []string{"xbcdefghyj"}},
		{name: "CUB and CUF", in: "abcdef\x1b[3DX\x1b[1CY\n", plain: []string{"abcXeY"}},
		{name: "CUB default and zero", in: "abc\x1b[DX\x1b[0DY\n", plain: []string{"abY"}},
		{name: "CHA", in: "abcdef\x1b[3GX\x1b[GY\n", plain: []string{"YbXdef"}},
		{name: "CHA beyond end pads", in: "ab\x1b[6Gc\n", plain: []string{"ab   c"}},
		{name: "CUF at end pads only when text follows", in: "ab\x1b[5C\nab\x1b[2Cc\n", plain: []string{"ab", "ab  c"}},
		{name: "EL 1 erases through the cursor", in: "abcdef\x1b[3D\x1b[1K\n", plain: []string{"    ef"}},
		{name: "EL 2 keeps the cursor column", in: "abc\x1b[2Kxy\n", plain: []string{"   xy"}},
		{name: "EL 0 after CR empties the line", in: "中文abc\r\x1b[0K\n", plain: []string{""}},
		{name: "EL 0 mid line", in: "abcdef\x1b[4G\x1b[K!\n", plain: []string{"abc!"}},
		{name: "CJK overwritten by narrow text", in: "中文\r a\n", plain: []string{" a文"}},
		{name: "CJK lead overwritten", in: "ab中\x1b[3Gx\n", plain: []string{"abx "}},
		{name: "wide over narrow", in: "abcd\r\x1b[2C中\n", plain: []string{"ab中"}},
		{name: "wide over wide half", in: "中文\x1b[2G字\n", plain: []string{" 字 "}},
		{name: "combining mark", in: "e\u0301t\u00e9\n", plain: []string{"e\u0301t\u00e9"}},
		{name: "combining mark after escape joins the cell", in: "e\x1b[1m\u0301x\n", lines: []string{"e\u0301\x1b[1mx\x1b[m"}, plain: []string{"e\u0301x"}},
		{name: "combining mark then invalid byte", in: "e\u0301\xff\u0301\n", plain: []string{"e\u0301\uFFFD\u0301"}},
		{name: "baseless combining mark dropped", in: "\u0301x\n", plain: []string{"x"}},
		{name: "combining mark in overwritten cell", in: "abc\rx\u0301\n", plain: []string{"x\u0301bc"}},
		{name: "flag and keycap", in: "\U0001F1FA\U0001F1F8|1\ufe0f\u20e3|\n", plain: []string{"\U0001F1FA\U0001F1F8|1\ufe0f\u20e3|"}},
		{name: "huge cursor move is clamped", in: "x\x1b[99999999Cy\x1b[999999999999G|\n", plain: []string{"x" + strings.Repeat(" ", 511) + "y|"}},
		{name: "styled text overwritten keeps new styles", in: "\x1b[31mred\x1b[0m\r\x1b[32mg\x1b[0m\n", lines: []string{"\x1b[32mg\x1b[0;31med\x1b[m"}, plain: []string{"ged"}},
		{name: "padding is unstyled", in: "\x1b[41ma\x1b[3Cb\x1b[m\n", lines: []string{"\x1b[41ma\x1b[m   \x1b[41mb\x1b[m"}, plain: []string{"a   b"}},
	})
}

func TestRenderSGR(t *testing.T) {
	runCases(t, []renderCase{
		{
			name: "256, truecolor and attributes",
			in:   "\x1b[38;5;208mA\x1b[48;2;1;2;3mB\x1b[0;3;4;7mC\x1b[22;23;24;27mD\x1b[2mE\x1b[94;101mF\n",
			lines: []string{
				"\x1b[38;5;208mA\x1b[0;38;5;208;48;2;1;2;3mB\x1b[0;3;4;7mC\x1b[mD\x1b[2mE\x1b[0;2;94;101mF\x1b[m",
			},
			plain: []string{"ABCDEF"},
		},
		{
			name:  "colon forms",
			in:    "\x1b[38:2::10:20:30mX\x1b[38:5:9;4:0mY\x1b[4:3mZ\x1b[m\n",
			lines: []string{"\x1b[38;2;10;20;30mX\x1b[0;38;5;9mY\x1b[0;4;38;5;9mZ\x1b[m"},
			plain: []string{"XYZ"},
		},
		{
			name:  "style carries across lines",
			in:    "\x1b[31mred\nstill red\x1b[0m\nplain\n",
			lines: []string{"\x1b[31mred\x1b[m", "\x1b[31mstill red\x1b[m", "plain"},
			plain: []string{"red", "still red", "plain"},
		},
		{
			name:  "blink conceal strike are dropped",
			in:    "\x1b[5;8;9mvisible\x1b[0m\n",
			plain: []string{"visible"},
		},
		{
			name:  "underline colour arguments are not attributes",
			in:    "\x1b[58;2;1;2;3mX\x1b[58;5;4mY\n",
			plain: []string{"XY"},
		},
		{
			name:  "bold faint reset by 22 and default colours",
			in:    "\x1b[1;2;33;44mA\x1b[22;39;49mB\n",
			lines: []string{"\x1b[1;2;33;44mA\x1b[mB\x1b[m"},
			plain: []string{"AB"},
		},
		{
			name:  "invalid colours ignored",
			in:    "\x1b[38;5;256mA\x1b[38;2;1;2;300mB\x1b[38;9mC\x1b[38mD\n",
			plain: []string{"ABCD"},
		},
		{
			name:  "private SGR-like sequence is not SGR",
			in:    "\x1b[?1mA\x1b[>4;2mB\n",
			plain: []string{"AB"},
		},
		{
			name:  "too many parameters are dropped, not a panic",
			in:    "\x1b[" + strings.Repeat("1;", 40) + "31mX\n",
			plain: []string{"X"},
		},
	})
}

func TestRenderHostile(t *testing.T) {
	runCases(t, []renderCase{
		{name: "OSC 52 clipboard BEL", in: "a\x1b]52;c;ZXZpbA==\x07b\n", plain: []string{"ab"}},
		{name: "OSC 52 clipboard ST", in: "a\x1b]52;c;ZXZpbA==\x1b\\b\n", plain: []string{"ab"}},
		{name: "OSC 0 and 2 title", in: "\x1b]0;pwned\x07\x1b]2;title\x1b\\x\n", plain: []string{"x"}},
		{name: "OSC 8 hyperlink", in: "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\\n", plain: []string{"click"}},
		{name: "C1 OSC 8-bit ST", in: "\x1b]8;;x\x9cy\n", plain: []string{"y"}},
		{name: "DCS", in: "\x1bP1$r0m\x1b\\x\x1bPq#0;2;0;0;0~~-\x1b\\\n", plain: []string{"x"}},
		{
			name:  "DCS cancelled by ESC starts the next sequence",
			in:    "\x1bPabc\x1b[31mred\n",
			lines: []string{"\x1b[31mred\x1b[m"},
			plain: []string{"red"},
		},
		{name: "APC", in: "\x1b_Gi=1;AAAA\x1b\\x\n", plain: []string{"x"}},
		{name: "PM", in: "\x1b^secret\x1b\\x\n", plain: []string{"x"}},
		{name: "SOS", in: "\x1bXsecret\x1b\\x\n", plain: []string{"x"}},
		{name: "DSR and DA queries", in: "a\x1b[6nb\x1b[c\x1b[>c\x1b[0c\x1b[5n\n", plain: []string{"ab"}},
		{name: "cursor positioning and clears", in: "top\x1b[1;1Hover\x1b[2J\x1b[3A\x1b[10B\x1b[H\x1b[J\n", plain: []string{"topover"}},
		{name: "RIS, DECSC, DECRC, charset", in: "a\x1bcb\x1b7c\x1b8\x1b(0lqk\x1b(B\n", plain: []string{"abclqk"}},
		{name: "private modes and cursor style", in: "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[1 qx\n", plain: []string{"x"}},
		{
			name:  "raw C1 bytes",
			in:    "a\x9b31mb\x9d0;t\x07\n",
			lines: []string{"a\x1b[2m<0x9B>\x1b[m31mb\x1b[2m<0x9D>\x1b[m0;t\x1b[2m^G\x1b[m"},
			plain: []string{"a<0x9B>31mb<0x9D>0;t^G"},
		},
		{
			name:  "C1 code points",
			in:    "\xc2\x9b31m\xc2\x85x\n",
			lines: []string{"\x1b[2m<U+009B>\x1b[m31m\x1b[2m<U+0085>\x1b[mx\x1b[m"},
			plain: []string{"<U+009B>31m<U+0085>x"},
		},
		{
			name:  "bidi overrides isolates and marks",
			in:    "abc\u202edcba\u202c|\u2066x\u2069|\u200e\u200f\u061c\n",
			plain: []string{"abc<U+202E>dcba<U+202C>|<U+2066>x<U+2069>|<U+200E><U+200F><U+061C>"},
			lines: []string{"abc\x1b[2m<U+202E>\x1b[mdcba\x1b[2m<U+202C>\x1b[m|\x1b[2m<U+2066>\x1b[mx\x1b[2m<U+2069>\x1b[m|\x1b[2m<U+200E><U+200F><U+061C>\x1b[m"},
		},
		{
			name:  "NUL BEL DEL and other C0",
			in:    "\x00a\x07\x7f\x0b\x0c\x1a\n",
			lines: []string{"\x1b[2m^@\x1b[ma\x1b[2m^G^?^K^L^Z\x1b[m"},
			plain: []string{"^@a^G^?^K^L^Z"},
		},
		{
			name:  "placeholder keeps surrounding colour",
			in:    "\x1b[1;31mA\x07B\n",
			lines: []string{"\x1b[1;31mA\x1b[0;2;31m^G\x1b[0;1;31mB\x1b[m"},
			plain: []string{"A^GB"},
		},
		{
			name:  "invalid UTF-8",
			in:    "\xff\xfeok\xc3(\xed\xa0\x80\n",
			lines: []string{"\uFFFD\uFFFDok\uFFFD(\uFFFD\uFFFD\x1b[2m<0x80>\x1b[m"},
			plain: []string{"\uFFFD\uFFFDok\uFFFD(\uFFFD\uFFFD<0x80>"},
		},
		{name: "unterminated OSC at end", in: "ok\x1b]0;title", plain: []string{"ok"}},
		{name: "unterminated CSI at end", in: "ok\x1b[38;5", plain: []string{"ok"}},
		{name: "lone ESC at end", in: "ok\x1b", plain: []string{"ok"}},
		{name: "unterminated DCS at end", in: "ok\x1bPq#0", plain: []string{"ok"}},
		{name: "CAN cancels a string and shows", in: "\x1b]0;x\x18y\n", lines: []string{"\x1b[2m^X\x1b[my\x1b[m"}, plain: []string{"^Xy"}},
		{name: "ESC followed by a control", in: "a\x1b\nb\n", plain: []string{"a", "b"}},
	})
}

func TestWriteText(t *testing.T) {
	in := []byte("[\x1b[0;32m  OK  \x1b[0m] Started\r\n\x1b]0;t\x07x\ty\n")
	var plain, color bytes.Buffer
	if err := WriteText(&plain, in, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := plain.String(), "[  OK  ] Started\nx       y\n"; got != want {
		t.Errorf("plain: got %q, want %q", got, want)
	}
	if err := WriteText(&color, in, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := color.String(), "[\x1b[32m  OK  \x1b[m] Started\x1b[m\nx       y\n"; got != want {
		t.Errorf("color: got %q, want %q", got, want)
	}
	if err := WriteText(failWriter{}, in, Options{}); err == nil {
		t.Error("write error not returned")
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = bytes.ErrTooLarge

func TestTabWidthOption(t *testing.T) {
	doc := Render([]byte("a\tb\n"), Options{TabWidth: 4})
	if want := []string{"a   b"}; !slices.Equal(doc.Plain, want) {
		t.Errorf("got %q, want %q", doc.Plain, want)
	}
}

// TestPrintableEnd checks the eight-bytes-at-a-time scan against the obvious loop on every byte
// value in every position of a word.
func TestPrintableEnd(t *testing.T) {
	naive := func(d []byte, j int) int {
		for j < len(d) && d[j] >= 0x20 && d[j] < 0x7f {
			j++
		}
		return j
	}
	for pos := range 20 {
		for c := range 256 {
			d := []byte(strings.Repeat("a", 24))
			d[pos] = byte(c)
			r := &renderer{data: d}
			for start := range 3 {
				if got, want := r.printableEnd(start), naive(d, start); got != want {
					t.Fatalf("byte %#x at %d, start %d: got %d, want %d", c, pos, start, got, want)
				}
			}
		}
	}
}

// TestHostileInputsStayLinear renders inputs built to make a naive line model quadratic: many
// ESC[1K after a long line, combining marks attached to a cell between writes elsewhere, and
// redraws of a long line. Each is about a megabyte; with quadratic work this test would not finish
// within the test timeout. It asserts the rendered text, not a time.
func TestHostileInputsStayLinear(t *testing.T) {
	const n = 1 << 18
	long := strings.Repeat("x", n)
	cases := []struct {
		name, in string
		check    func(doc Document) bool
	}{
		{
			name:  "repeated erase to start",
			in:    long + strings.Repeat("\x1b[1K", n) + "\n",
			check: func(d Document) bool { return len(d.Plain) == 1 && d.Plain[0] == strings.Repeat(" ", n) },
		},
		{
			name: "attach between writes",
			in:   "a\r" + strings.Repeat("\x1b[2Cx\r\x1b[1C\u0301", n) + "\n",
			check: func(d Document) bool {
				return len(d.Plain) == 1 && strings.HasPrefix(d.Plain[0], "a\u0301") && len(d.Plain[0]) <= maxAttachBytes+2
			},
		},
		{
			name:  "redraws of a long line",
			in:    strings.Repeat(long[:1024]+"\r", n/1024) + "done\x1b[K\n",
			check: func(d Document) bool { return len(d.Plain) == 1 && d.Plain[0] == "done" },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, color := range []bool{true, false} {
				doc := Render([]byte(tc.in), Options{Color: color})
				if !tc.check(doc) {
					first := ""
					if len(doc.Plain) > 0 {
						first = doc.Plain[0][:min(len(doc.Plain[0]), 80)]
					}
					t.Errorf("color=%v: unexpected result: %d lines, first starts %q", color, len(doc.Plain), first)
				}
			}
		})
	}
}

// TestSetStyleCollapsesEmptyRuns checks that style changes with no text between them leave no
// runs behind, so no SGR is emitted for text that does not exist.
func TestSetStyleCollapsesEmptyRuns(t *testing.T) {
	r := newRenderer(nil, Options{Color: true}, false)
	red := style{fg: kindBasic | 1}
	green := style{fg: kindBasic | 2}
	r.setStyle(red)
	r.setStyle(green)
	if len(r.ln.runs) != 1 || r.ln.runs[0].st != green {
		t.Fatalf("runs after red, green: %+v", r.ln.runs)
	}
	r.setStyle(style{})
	if len(r.ln.runs) != 0 {
		t.Fatalf("runs after reset: %+v", r.ln.runs)
	}
	r.writeASCII("a", red)
	r.setStyle(green)
	r.setStyle(red)
	r.writeASCII("b", red)
	if len(r.ln.runs) != 1 {
		t.Fatalf("runs after a, green, red, b: %+v", r.ln.runs)
	}
	doc := r.document()
	if want := []string{"\x1b[31mab\x1b[m"}; !slices.Equal(doc.Lines(), want) {
		t.Fatalf("got %q, want %q", doc.Lines(), want)
	}
}
