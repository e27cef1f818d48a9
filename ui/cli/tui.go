package cli

import (
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// maxFPS is the highest frame rate Bubble Tea accepts (it clamps anything above).
const maxFPS = 120

// runTUI runs model full screen, reading keys from in and drawing on out.
//
// When out is the process's stdout, the colour profile lipgloss detected for it at start-up is
// handed to Bubble Tea instead of letting it detect the same profile again. Inside tmux, detection
// runs `tmux info` (colorprofile asks tmux whether it passes true colour on), a process start that
// costs about 5 ms each time; lipgloss has already paid it once for os.Stdout with this very
// environment, which is what Bubble Tea would ask about. Measured with bench/tmuxbench on a 64 KB
// log, the second probe was a tenth of the time to the first screen.
//
// The frame rate is Bubble Tea's highest, 120, rather than its default 60: the renderer writes a
// frame only on its ticker, so the first screen waits for the first tick whatever the model has
// ready, and a tick of 8 ms instead of 17 takes that much off the time to the first screen. An
// unchanged frame costs the renderer only a comparison with the last one: bench/tmuxbench measures the
// idle CPU, which stays far below lnav's.
func runTUI(model tea.Model, in io.Reader, out io.Writer) error {
	opts := []tea.ProgramOption{tea.WithInput(in), tea.WithOutput(out), tea.WithFPS(maxFPS)}
	if f, ok := out.(*os.File); ok && f == os.Stdout {
		opts = append(opts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	_, err := tea.NewProgram(model, opts...).Run()
	return err
}
