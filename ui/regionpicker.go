package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
)

// regionPicker lists DescribeRegions with local names; choosing one reloads the instance list.
type regionPicker struct {
	*env

	items []fetch.Region
	scroller
	loading bool
	loaded  bool
	// gen numbers the DescribeRegions calls; an answer to an older one is dropped.
	gen uint64
}

func newRegionPicker(e *env) regionPicker { return regionPicker{env: e} }

// open puts the cursor on the current region and loads the regions the first time.
func (r *regionPicker) open(current string) tea.Cmd {
	r.pointAt(current)
	if r.loaded || r.loading {
		return nil
	}
	return r.load()
}

// pointAt moves the cursor onto region id, if listed.
func (r *regionPicker) pointAt(id string) {
	for i, it := range r.items {
		if it.ID == id {
			r.cursor = i
		}
	}
	r.clamp(len(r.items))
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
	r.cursor = 0
	r.pointAt(current)
	return nil
}

// setSize gives the picker its height, its header included.
func (r *regionPicker) setSize(width, height int) { r.setRows(height - 1) }

// enableKeys switches on the picker's bindings (syncKeys calls it); back is offered only when
// there is a current region to go back to.
func (r *regionPicker) enableKeys(k *KeyMap, hasRegion bool) {
	enable(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom)
	if len(r.items) > 0 {
		enable(&k.Choose)
	}
	if hasRegion {
		enable(&k.Back)
	}
	if !r.loading {
		enable(&k.Reload)
	}
}

// onKey handles keys in the picker.
func (r *regionPicker) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &r.keys
	if r.moveKey(msg, k, len(r.items), r.fit) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Reload):
		r.banner = nil
		return r.load()
	case key.Matches(msg, k.Back):
		return r.send(closeRegionsMsg{})
	case key.Matches(msg, k.Choose):
		return r.send(switchRegionMsg{region: r.items[r.cursor].ID})
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
	from, to := r.window(len(r.items))
	for i := from; i < to; i++ {
		it := r.items[i]
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
