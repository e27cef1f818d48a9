package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// The viewer's own console fetch, under its generation.

// fetchCmd loads the viewer's instance. It bumps the generation and cancels the previous request,
// so at most one viewer fetch is current and an older answer can never replace a newer one.
func (v *viewer) fetchCmd(purpose fetchPurpose) tea.Cmd {
	if v.cancel != nil {
		v.cancel()
	}
	v.gen++
	v.loading = true
	v.loadingPurpose = purpose
	v.awaitPrefetch = false
	ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
	v.cancel = cancel
	region, id, gen := v.region, v.inst.ID, v.gen
	return v.fetchConsoleCmd(ctx, cancel, region, id, func(r consoleResult) tea.Msg {
		return consoleLoadedMsg{region: region, instanceID: id, gen: gen, purpose: purpose, consoleResult: r}
	})
}
