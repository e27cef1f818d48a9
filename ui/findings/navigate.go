package findings

import "sort"

// Next returns the first finding after line fromLine (0-based), wrapping around to the first
// finding when there is none after it. It reports false only when fs is empty. fs must be sorted
// by line, as Scan returns it.
func Next(fs []Finding, fromLine int) (Finding, bool) {
	if len(fs) == 0 {
		return Finding{}, false
	}
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Line > fromLine })
	if i == len(fs) {
		i = 0
	}
	return fs[i], true
}

// Prev returns the last finding before line fromLine (0-based), wrapping around to the last
// finding when there is none before it. It reports false only when fs is empty. fs must be sorted
// by line, as Scan returns it.
func Prev(fs []Finding, fromLine int) (Finding, bool) {
	if len(fs) == 0 {
		return Finding{}, false
	}
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Line >= fromLine }) - 1
	if i < 0 {
		i = len(fs) - 1
	}
	return fs[i], true
}
