package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/config"
)

// After a listing loads, the list records it in the shell-completion cache (config's instance
// cache), as `bootlog list` does, so `bootlog get <TAB>` offers what the operator just saw. The
// demo's fleet goes under config.DemoCacheProfile, never under a real account's profile.

// instanceCacheSavedMsg reports the write; a failure is only a note, the listing succeeded.
type instanceCacheSavedMsg struct {
	err error
}

// saveInstanceCacheCmd writes the region's listing to the completion cache, off the UI
// goroutine; nil when there is no cache path (tests) or nothing listed.
func (l *instanceList) saveInstanceCacheCmd() tea.Cmd {
	path := l.opts.InstanceCachePath
	if path == "" || len(l.all) == 0 {
		return nil
	}
	profile := l.cfg.Profile
	if l.opts.Demo {
		profile = config.DemoCacheProfile
	}
	rows := make([]config.CachedInstance, 0, len(l.all))
	for _, in := range l.all {
		rows = append(rows, config.CachedInstance{ID: in.ID, Name: in.Name, Region: l.region})
	}
	region := l.region
	return func() tea.Msg {
		return instanceCacheSavedMsg{err: safeErr(config.SaveInstanceCache(path, profile, []string{region}, rows))}
	}
}

// onInstanceCacheSaved notes a failed write in a toast; completion only loses its suggestions.
func (l *instanceList) onInstanceCacheSaved(msg instanceCacheSavedMsg) tea.Cmd {
	if msg.err == nil {
		return nil
	}
	return l.showToast("completion cache not written: "+oneLine(msg.err.Error()), toastWarn)
}
