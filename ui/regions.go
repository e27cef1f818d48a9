package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/bootlog/bootlog/fetch"
)

// regionPicker lists DescribeRegions with local names; choosing one reloads the instance list.
type regionPicker struct {
	items   []fetch.Region
	cursor  int
	offset  int
	height  int
	loading bool
	loaded  bool
	gen     uint64
}

// openRegionPicker shows the picker, loading the regions the first time.
func (m *Model) openRegionPicker() tea.Cmd {
	m.screen = screenRegions
	r := &m.regions
	for i, it := range r.items {
		if it.ID == m.region {
			r.cursor = i
		}
	}
	r.clamp()
	if r.loaded || r.loading {
		return nil
	}
	return m.loadRegionsCmd()
}

// onRegionsLoaded fills the picker.
func (m *Model) onRegionsLoaded(msg regionsLoadedMsg) tea.Cmd {
	r := &m.regions
	if msg.gen != r.gen {
		return nil
	}
	r.loading = false
	if msg.err != nil {
		m.setError(msg.err)
		return nil
	}
	if m.screen == screenRegions {
		m.banner = nil
	}
	r.items, r.loaded = msg.regions, true
	r.cursor = 0
	for i, it := range r.items {
		if it.ID == m.region {
			r.cursor = i
		}
	}
	r.clamp()
	return nil
}

// regionsKey handles keys in the picker.
func (m *Model) regionsKey(msg tea.KeyPressMsg) tea.Cmd {
	k, r := m.keys, &m.regions
	switch {
	case key.Matches(msg, k.Up):
		r.cursor--
	case key.Matches(msg, k.Down):
		r.cursor++
	case key.Matches(msg, k.PageUp):
		r.cursor -= r.visible()
	case key.Matches(msg, k.PageDown):
		r.cursor += r.visible()
	case key.Matches(msg, k.Top):
		r.cursor = 0
	case key.Matches(msg, k.Bottom):
		r.cursor = len(r.items) - 1
	case key.Matches(msg, k.Reload):
		m.banner = nil
		return m.loadRegionsCmd()
	case key.Matches(msg, k.Back):
		m.screen = screenList
		m.banner = nil
		return nil
	case key.Matches(msg, k.Choose):
		if r.cursor < 0 || r.cursor >= len(r.items) {
			return nil
		}
		return m.switchRegion(r.items[r.cursor].ID)
	}
	r.clamp()
	return nil
}

// switchRegion makes region current and lists it; the old list and any open console are dropped.
func (m *Model) switchRegion(region string) tea.Cmd {
	m.screen = screenList
	m.banner = nil
	if region == m.region && (m.list.loading || len(m.list.all) > 0) {
		return nil
	}
	m.region = region
	m.list.all = m.list.all[:0]
	m.list.moved = false
	m.list.filter.SetValue("")
	m.list.rebuildKeep("")
	m.closeViewer()
	load := m.loadInstancesCmd()
	if id := m.pendingInstance; id != "" {
		// --instance without a region: the console opens once the operator has picked one.
		m.pendingInstance = ""
		return tea.Batch(load, m.openInstance(fetch.Instance{ID: id, RegionID: region}))
	}
	return load
}

// visible is how many regions fit.
func (r *regionPicker) visible() int { return max(r.height-1, 1) }

// clamp keeps cursor and offset in range.
func (r *regionPicker) clamp() {
	r.cursor = min(max(r.cursor, 0), max(len(r.items)-1, 0))
	n := r.visible()
	if r.cursor < r.offset {
		r.offset = r.cursor
	}
	if r.cursor >= r.offset+n {
		r.offset = r.cursor - n + 1
	}
	r.offset = max(min(r.offset, len(r.items)-n), 0)
}

// view renders the picker.
func (r *regionPicker) view(width int, s Styles, spin string) string {
	if len(r.items) == 0 {
		if r.loading {
			return s.Pane.Render(spin + " loading regions…")
		}
		return s.Pane.Render("No regions loaded. ctrl+r tries again.")
	}
	idW := 0
	for _, it := range r.items {
		idW = max(idW, ansi.StringWidth(it.ID))
	}
	var b strings.Builder
	b.WriteString(s.TableHeader.Render(ansi.Truncate(fmt.Sprintf("  %s  %s", pad("REGION", idW), "NAME"), width, "")))
	end := min(r.offset+r.visible(), len(r.items))
	for i := r.offset; i < end; i++ {
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
