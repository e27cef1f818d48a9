package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/bootlog/bootlog/fetch"
)

// Follow: F (as in less) polls the console every interval until turned off. Each poll starts only after the
// previous answer, so there is one chain; fetch.PollBackoff lengthens the gap after errors and
// throttling.

// Follow polling: the operator's interval, doubled after each failure up to maxFollowDelay, and at
// least minThrottledDelay once ECS has said to slow down.
const (
	defaultFollowInterval = 10 * time.Second
	maxFollowDelay        = 5 * time.Minute
	minThrottledDelay     = 30 * time.Second
)

// newFollowPoll paces follow at interval.
func newFollowPoll(interval time.Duration) fetch.PollBackoff {
	return fetch.PollBackoff{Base: interval, Max: maxFollowDelay, Throttled: minThrottledDelay}
}

// scheduleFollow plans the next follow poll after an answer. Bumping the sequence number makes any
// other pending tick a no-op, so there is only ever one poll chain.
func (v *viewer) scheduleFollow(err error) tea.Cmd {
	if !v.follow {
		return nil
	}
	delay := v.followPoll.Next(err)
	v.followSeq++
	next := v.tick(delay, followTickMsg{seq: v.followSeq})
	if err != nil {
		return tea.Batch(next, v.showToast(fmt.Sprintf("follow: next check in %s", delay), toastWarn))
	}
	return next
}

// onFollowTick polls, unless the tick is stale or a fetch is already on its way (whose answer
// schedules the next tick).
func (v *viewer) onFollowTick(msg followTickMsg) tea.Cmd {
	if msg.seq != v.followSeq || !v.follow || v.loading {
		return nil
	}
	return v.fetchCmd(purposeFollow)
}

// toggleFollow turns polling on or off. Turned on, it goes to the end of the log, as less +F
// does, and the status bar shows no check until this follow has made one.
func (v *viewer) toggleFollow() tea.Cmd {
	v.follow = !v.follow
	v.followSeq++
	if !v.follow {
		return v.showToast("follow off", toastInfo)
	}
	v.followSince = v.now()
	v.lv.GotoBottom()
	v.followPoll.Reset()
	cmds := []tea.Cmd{v.showToast(fmt.Sprintf("follow on · every %s", v.followPoll.Base), toastInfo)}
	if !v.loading {
		cmds = append(cmds, v.tick(v.followPoll.Current(), followTickMsg{seq: v.followSeq}))
	}
	return tea.Batch(cmds...)
}

// stopFollowing turns follow off without a word (a capture replaced the live log).
func (v *viewer) stopFollowing() (was bool) {
	was = v.follow
	v.follow = false
	v.followSeq++
	return was
}

// followStatus is the follow part of the status bar; "" while follow is off.
func (v *viewer) followStatus() string {
	if !v.follow {
		return ""
	}
	f := "follow on"
	if !v.lastCheck.IsZero() && !v.lastCheck.Before(v.followSince) {
		f += " (checked " + v.clock(v.lastCheck) + ")"
	}
	if d := v.followPoll.Current(); d > v.followPoll.Base {
		f += fmt.Sprintf(" backing off %s", d)
	}
	return f
}
