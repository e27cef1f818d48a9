// Command teafloor is the smallest Bubble Tea program that does what bench/tmuxbench times
// `bootlog view` doing: open a log and show its last screenful. It starts the way bootlog's TUI
// does (the same frame rate, the colour profile lipgloss detected), reads the file, and draws its
// last lines in the alternate screen with a status line; q quits. Its time to the last screen is
// the floor any Bubble Tea viewer starts from, the cost of the framework rather than of bootlog,
// so the side-by-side run reports bootlog against it as well as against less and lnav.
//
// Usage: teafloor FILE
package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// screen is the last screenful of the log and its line count.
type screen struct {
	lines         []string
	total, height int
}

func (s screen) Init() tea.Cmd { return nil }

func (s screen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.height = msg.Height
	case tea.KeyPressMsg:
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return s, tea.Quit
		}
	}
	return s, nil
}

func (s screen) View() tea.View {
	rows := s.lines[max(0, len(s.lines)-max(s.height-1, 1)):]
	v := tea.NewView(strings.Join(rows, "\n") + fmt.Sprintf("\nline %d/%d", s.total, s.total))
	v.AltScreen = true
	return v
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: teafloor FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "teafloor:", err)
		os.Exit(1)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	total := bytes.Count(data, []byte("\n")) + 1
	// Only the end is kept: a screen shows no more than a few hundred lines.
	tail := data
	for n := 0; n < 500; n++ {
		i := bytes.LastIndexByte(tail, '\n')
		if i < 0 {
			break
		}
		tail = tail[:i]
	}
	last := strings.Split(strings.ReplaceAll(string(data[len(tail):]), "\r", ""), "\n")
	p := tea.NewProgram(screen{lines: last, total: total}, tea.WithFPS(120), tea.WithColorProfile(lipgloss.Writer.Profile))
	if _, err := p.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "teafloor:", err)
		os.Exit(1)
	}
}
