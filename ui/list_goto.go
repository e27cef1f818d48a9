package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
	"github.com/bootlog/bootlog/ui/console"
)

// Go to instance: `:` on the list opens a prompt for a name, an IP address or an instance ID, as
// an alert names it; Enter asks every region at once (Fetcher.Find). One match opens its console,
// switching region if needed; several are listed to choose from; none says which regions were
// searched and which failed. The typed text goes to Find and nowhere else.

// gotoPhase is where the prompt is.
type gotoPhase int

const (
	gotoOff       gotoPhase = iota
	gotoTyping              // the prompt has the keys
	gotoSearching           // Find is running
	gotoResults             // the candidates, or why there are none
)

// String names the phase for test failures.
func (p gotoPhase) String() string {
	switch p {
	case gotoTyping:
		return "typing"
	case gotoSearching:
		return "searching"
	case gotoResults:
		return "results"
	}
	return "off"
}

// gotoState is the prompt, the search in flight and its answer.
type gotoState struct {
	*env
	phase gotoPhase
	input textinput.Model
	// gen numbers the searches; an answer to an older one is dropped.
	gen    uint64
	cancel context.CancelFunc
	res    fetch.FindResult
	err    error
	scroller
}

// gotoFoundMsg answers a Find.
type gotoFoundMsg struct {
	gen uint64
	res fetch.FindResult
	err error
}

func newGotoState(e *env) gotoState {
	in := newTextInput("name, IP or ID")
	in.Prompt = "go to instance (name, IP or ID): "
	return gotoState{env: e, input: in}
}

// active reports whether the prompt or its answer has the list's keys.
func (g *gotoState) active() bool { return g.phase != gotoOff }

// showing reports whether the search or its answer replaces the table.
func (g *gotoState) showing() bool { return g.phase == gotoSearching || g.phase == gotoResults }

// typing reports whether the prompt has focus.
func (g *gotoState) typing() bool { return g.phase == gotoTyping }

// open shows an empty prompt.
func (g *gotoState) open() tea.Cmd {
	g.close()
	g.phase = gotoTyping
	g.input.SetValue("")
	return g.input.Focus()
}

// close hides the prompt and cancels a search in flight.
func (g *gotoState) close() {
	if g.cancel != nil {
		g.cancel()
		g.cancel = nil
	}
	g.gen++
	g.phase = gotoOff
	g.input.Blur()
	g.res, g.err = fetch.FindResult{}, nil
}

// enableKeys switches on the bindings of the searching and results phases.
func (g *gotoState) enableKeys(k *KeyMap) {
	enable(&k.Back)
	if g.phase == gotoResults && len(g.res.Candidates) > 0 {
		enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Open)
	}
}

// onKey handles a key while the prompt has focus: enter searches, esc closes, the rest is text.
func (g *gotoState) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &g.keys
	switch {
	case key.Matches(msg, k.Accept):
		return g.search()
	case key.Matches(msg, k.Cancel):
		g.close()
		return nil
	}
	var cmd tea.Cmd
	g.input, cmd = g.input.Update(msg)
	return cmd
}

// search starts Find over every region. A query Find would refuse (empty, too long, control
// characters) is answered at once by ParseFindQuery's own message, without a call.
func (g *gotoState) search() tea.Cmd {
	text := g.input.Value()
	g.input.Blur()
	g.gen++
	if _, err := fetch.ParseFindQuery(text); err != nil {
		g.phase, g.err = gotoResults, safeErr(err)
		return nil
	}
	g.phase = gotoSearching
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	g.cancel = cancel
	f, gen := g.f, g.gen
	return func() tea.Msg {
		defer cancel()
		res, err := f.Find(ctx, text, nil)
		return gotoFoundMsg{gen: gen, res: safeFindResult(res), err: safeErr(err)}
	}
}

// safeFindResult copies res with every server string made safe to display.
func safeFindResult(res fetch.FindResult) fetch.FindResult {
	out := fetch.FindResult{Query: fetch.FindQuery{Text: console.SafeLine(res.Query.Text), Kind: res.Query.Kind}}
	out.Candidates = safeInstances(res.Candidates)
	out.Searched = safeLines(res.Searched)
	out.Truncated = safeLines(res.Truncated)
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, fetch.RegionError{Region: console.SafeLine(f.Region), Err: safeErr(f.Err)})
	}
	return out
}

// onFound applies Find's answer: one candidate opens at once, otherwise the answer is shown.
func (g *gotoState) onFound(msg gotoFoundMsg) tea.Cmd {
	if msg.gen != g.gen || g.phase != gotoSearching {
		return nil
	}
	g.cancel = nil
	g.phase, g.res, g.err = gotoResults, msg.res, msg.err
	g.cursor, g.offset = 0, 0
	if msg.err == nil && len(msg.res.Candidates) == 1 {
		return g.choose(msg.res.Candidates[0])
	}
	return nil
}

// choose opens a candidate, switching to its region first when it is elsewhere.
func (g *gotoState) choose(in fetch.Instance) tea.Cmd {
	g.close()
	var cmds []tea.Cmd
	if in.RegionID != "" {
		cmds = append(cmds, g.send(switchRegionMsg{region: in.RegionID}))
	}
	cmds = append(cmds, g.send(openInstanceMsg{inst: in}))
	return tea.Batch(cmds...)
}

// onResultsKey handles keys while searching or showing the answer.
func (g *gotoState) onResultsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &g.keys
	if g.moveKey(msg, k, len(g.res.Candidates), g.fit) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		g.close()
	case key.Matches(msg, k.Open):
		return g.choose(g.res.Candidates[g.cursor])
	}
	return nil
}

// View is the search in progress, the candidates to choose from, or why there are none.
func (g *gotoState) View(width, height int) string {
	s := g.styles
	q := g.res.Query.Text
	if q == "" {
		q = console.SafeLine(strings.TrimSpace(g.input.Value()))
	}
	switch {
	case g.phase == gotoSearching:
		return s.Pane.Render(wrapText(g.spinner.View()+" looking for "+q+" in every region… (esc stops)", width-4))
	case g.err != nil:
		return s.Pane.Render(wrapText("Could not look for "+q+": "+oneLine(g.err.Error())+"\n\nesc goes back.", width-4))
	case len(g.res.Candidates) == 0:
		return s.Pane.Render(wrapText(g.noneText(), width-4))
	}
	return g.pickerView(width)
}

// noneText says where Find looked, with which filters, and which regions failed.
func (g *gotoState) noneText() string {
	r := g.res
	var b strings.Builder
	fmt.Fprintf(&b, "No instance with %s %s in %d region(s) searched (%s): %s.",
		r.Query.Kind, r.Query.Text, len(r.Searched), strings.Join(r.Query.Filters(), ", "), strings.Join(r.Searched, ", "))
	if len(r.Failed) > 0 {
		b.WriteString("\n\nThese regions could not be searched:")
		for _, f := range r.Failed {
			b.WriteString("\n  " + f.Region + ": " + oneLine(f.Err.Error()))
		}
	}
	b.WriteString("\n\nesc goes back.")
	return b.String()
}

// pickerView lists the candidates: ID, name, region, status and addresses.
func (g *gotoState) pickerView(width int) string {
	s, r := g.styles, g.res
	title := fmt.Sprintf("%d instances match %s %s", len(r.Candidates), r.Query.Kind, r.Query.Text)
	if len(r.Failed) > 0 {
		names := make([]string, len(r.Failed))
		for i, f := range r.Failed {
			names[i] = f.Region
		}
		title += " · not searched: " + strings.Join(names, ", ")
	}
	if len(r.Truncated) > 0 {
		title += " · first page only in " + strings.Join(r.Truncated, ", ")
	}
	cells := func(in fetch.Instance) []string {
		ips := append(append([]string{}, in.PrivateIPs...), in.PublicIPs...)
		if in.EIP != "" {
			ips = append(ips, in.EIP+" (EIP)")
		}
		return []string{in.ID, in.Name, in.RegionID, in.Status, strings.Join(ips, ", ")}
	}
	head := []string{"ID", "NAME", "REGION", "STATUS", "IPS"}
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = ansi.StringWidth(h)
	}
	for _, in := range r.Candidates {
		for i, c := range cells(in) {
			widths[i] = min(max(widths[i], ansi.StringWidth(c)), 32)
		}
	}
	row := func(cs []string) string {
		for i := range cs {
			cs[i] = pad(ansi.Truncate(cs[i], widths[i], "…"), widths[i])
		}
		return strings.Join(cs, "  ")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render(clip(title, width)))
	b.WriteString("\n" + s.TableHeader.Render(ansi.Truncate("  "+row(head), width, "")))
	from, to := g.window(len(r.Candidates))
	for i := from; i < to; i++ {
		mark := "  "
		if i == g.cursor {
			mark = "▸ "
		}
		line := ansi.Truncate(mark+row(cells(r.Candidates[i])), width, "…")
		b.WriteString("\n")
		if i == g.cursor {
			b.WriteString(s.RowSelected.Width(width).Render(line))
		} else {
			b.WriteString(s.Row.Render(line))
		}
	}
	return b.String()
}
