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
)

// regionPicker lists DescribeRegions with local names; choosing one reloads the instance list.
type regionPicker struct {
	*env

	items []fetch.Region
	// rows indexes the items the filter keeps; the cursor moves over rows.
	rows []int
	scroller
	loading bool
	loaded  bool
	// gen numbers the DescribeRegions calls; an answer to an older one is dropped.
	gen uint64

	// filter narrows the list as the operator types (real accounts see some 30 regions).
	filter    textinput.Model
	filtering bool
}

func newRegionPicker(e *env) regionPicker {
	return regionPicker{env: e, filter: newTextInput("region ID or name")}
}

// refilter recomputes the rows the filter keeps, the cursor staying on the same region when it
// survives.
func (r *regionPicker) refilter() {
	keep := r.selectedID()
	q := strings.ToLower(r.filter.Value())
	r.rows = r.rows[:0]
	for i, it := range r.items {
		if q == "" || strings.Contains(strings.ToLower(it.ID), q) || strings.Contains(strings.ToLower(it.LocalName), q) {
			r.rows = append(r.rows, i)
		}
	}
	r.cursor = 0
	r.pointAt(keep)
}

// selectedID is the region under the cursor, "" when none.
func (r *regionPicker) selectedID() string {
	if r.cursor < 0 || r.cursor >= len(r.rows) || r.rows[r.cursor] >= len(r.items) {
		return ""
	}
	return r.items[r.rows[r.cursor]].ID
}

// open puts the cursor on the current region and loads the regions the first time.
func (r *regionPicker) open(current string) tea.Cmd {
	r.pointAt(current)
	if r.loaded || r.loading {
		return nil
	}
	return r.load()
}

// pointAt moves the cursor onto region id, if shown.
func (r *regionPicker) pointAt(id string) {
	for i, idx := range r.rows {
		if r.items[idx].ID == id {
			r.cursor = i
		}
	}
	r.clamp(len(r.rows))
}

// load asks for the region list.
func (r *regionPicker) load() tea.Cmd {
	r.gen++
	r.loading = true
	f, gen := r.f, r.gen
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		rs, err := f.Regions(ctx)
		return regionsLoadedMsg{gen: gen, regions: safeRegions(rs), err: safeErr(err)}
	}
}

// current reports whether an answer belongs to the latest DescribeRegions call.
func (r *regionPicker) current(gen uint64) bool { return gen == r.gen }

// onRegionsLoaded fills the picker, with the cursor on the current region; it returns the
// answer's error, which the caller reports.
func (r *regionPicker) onRegionsLoaded(msg regionsLoadedMsg, current string) error {
	r.loading = false
	if msg.err != nil {
		return msg.err
	}
	r.items, r.loaded = msg.regions, true
	r.refilter()
	r.cursor = 0
	r.pointAt(current)
	return nil
}

// setSize gives the picker its height, its header included; the cursor stays on screen.
func (r *regionPicker) setSize(width, height int) {
	r.setRows(height - 1)
	r.clamp(len(r.rows))
	r.filter.SetWidth(min(40, max(width-4, 1)))
}

// typing reports whether the filter box has the keys.
func (r *regionPicker) typing() bool { return r.filtering }

// filterView is the filter box for the status bar.
func (r *regionPicker) filterView() string { return r.filter.View() }

// statusLine names the filter, if any.
func (r *regionPicker) statusLine() string {
	if q := r.filter.Value(); q != "" {
		return r.styles.Dim.Render(fmt.Sprintf("filter %q: %d of %d regions", q, len(r.rows), len(r.items)))
	}
	return ""
}

// onFilterKey handles keys while the filter box has focus: enter keeps the filter, esc clears
// it, the arrows move the cursor, everything else is text.
func (r *regionPicker) onFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &r.keys
	switch {
	case key.Matches(msg, k.Accept):
		r.filtering = false
		r.filter.Blur()
		return nil
	case key.Matches(msg, k.Cancel):
		r.filtering = false
		r.filter.Blur()
		r.filter.SetValue("")
		r.refilter()
		return nil
	case key.Matches(msg, k.BoxUp):
		r.cursor--
		r.clamp(len(r.rows))
		return nil
	case key.Matches(msg, k.BoxDown):
		r.cursor++
		r.clamp(len(r.rows))
		return nil
	}
	return r.updateFilter(msg)
}

// updateFilter gives the box a key, a paste or a blink, and applies the new text.
func (r *regionPicker) updateFilter(msg tea.Msg) tea.Cmd {
	before := r.filter.Value()
	var cmd tea.Cmd
	r.filter, cmd = r.filter.Update(msg)
	if r.filter.Value() != before {
		r.refilter()
	}
	return cmd
}

// enableKeys switches on the picker's bindings (syncKeys calls it); back is offered only when
// there is a current region to go back to.
func (r *regionPicker) enableKeys(k *KeyMap, hasRegion bool) {
	if r.filtering {
		enable(&k.Accept, &k.Cancel, &k.BoxUp, &k.BoxDown)
		return
	}
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom)
	if len(r.rows) > 0 {
		enable(&k.Choose)
	}
	if len(r.items) > 0 {
		enable(&k.Filter)
	}
	if r.filter.Value() != "" {
		// esc clears the filter first, and goes back with the next press.
		enable(&k.ClearFilter)
	} else if hasRegion {
		enable(&k.Back)
	}
	if !r.loading {
		enable(&k.Reload)
	}
}

// onKey handles keys in the picker.
func (r *regionPicker) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &r.keys
	if r.moveKey(msg, k, len(r.rows), r.fit) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Filter):
		r.filtering = true
		return r.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		r.filter.SetValue("")
		r.refilter()
	case key.Matches(msg, k.Reload):
		r.banner = nil
		return r.load()
	case key.Matches(msg, k.Back):
		return r.send(closeRegionsMsg{})
	case key.Matches(msg, k.Choose):
		return r.send(switchRegionMsg{region: r.selectedID()})
	}
	return nil
}

// View renders the picker.
func (r *regionPicker) View(width, height int) string {
	s := r.styles
	if len(r.items) == 0 {
		if r.loading {
			return s.Pane.Render(r.spinner.View() + " loading regions…")
		}
		return s.Pane.Render("No regions loaded. ctrl+r tries again.")
	}
	idW := 0
	for _, it := range r.items {
		idW = max(idW, ansi.StringWidth(it.ID))
	}
	var b strings.Builder
	b.WriteString(s.TableHeader.Render(ansi.Truncate(fmt.Sprintf("  %s  %s", pad("REGION", idW), "NAME"), width, "")))
	if len(r.rows) == 0 {
		b.WriteString("\n" + s.Dim.Render("  no region matches the filter"))
		return b.String()
	}
	from, to := r.window(len(r.rows))
	for i := from; i < to; i++ {
		it := r.items[r.rows[i]]
		mark := "  "
		if i == r.cursor {
			mark = "▸ "
		}
		name := it.LocalName
		if it.Status != "" && it.Status != "available" {
			name += " (" + it.Status + ")"
		}
		line := ansi.Truncate(mark+pad(it.ID, idW)+"  "+name, width, "…")
		b.WriteString("\n")
		if i == r.cursor {
			b.WriteString(s.RowSelected.Width(width).Render(line))
		} else {
			b.WriteString(s.Row.Render(line))
		}
	}
	return b.String()
}
