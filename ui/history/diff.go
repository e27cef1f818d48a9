package history

// MaxDiffCells bounds the work NewLines does on the part of two logs that differs: the LCS table
// has one bit per pair of lines, so 1<<24 cells is 2 MiB and some tens of milliseconds. Beyond it
// NewLines falls back to marking everything after the common prefix (and before the common
// suffix) as new.
const MaxDiffCells = 1 << 24

// NewLines reports, for each line of cur, whether it is new since prev: not part of a longest
// common subsequence of the two line lists. The typical cases are cheap: a log that only grew
// (the common prefix is all of prev), and an identical log. In between, lines are interned to
// integers and compared with a dynamic-programming LCS whose table is bounded by MaxDiffCells.
func NewLines(prev, cur []string) []bool {
	out := make([]bool, len(cur))
	// Common prefix and suffix never change the LCS and cost one pass.
	p := 0
	for p < len(prev) && p < len(cur) && prev[p] == cur[p] {
		p++
	}
	s := 0
	for s < len(prev)-p && s < len(cur)-p && prev[len(prev)-1-s] == cur[len(cur)-1-s] {
		s++
	}
	a := prev[p : len(prev)-s]
	b := cur[p : len(cur)-s]
	mark := out[p : len(cur)-s]
	if len(a) == 0 || len(b) == 0 || int64(len(a))*int64(len(b)) > MaxDiffCells {
		for i := range mark {
			mark[i] = true
		}
		return out
	}
	lcsMark(a, b, make([]bool, len(a)), mark)
	return out
}

// DiffOp says where a line of a unified diff comes from.
type DiffOp int

const (
	// Same is a line of both logs.
	Same DiffOp = iota
	// Removed is a line only the old log has.
	Removed
	// Added is a line only the new log has.
	Added
)

// DiffLine is one line of a unified diff: Old indexes the old log (-1 for Added) and New the
// new one (-1 for Removed).
type DiffLine struct {
	Op       DiffOp
	Old, New int
}

// Diff returns the unified diff of old and cur, line by line in order: lines of both, and where
// they differ the old log's lines before the new one's, as diff -u prints them. Like NewLines it
// is exact when the part that differs fits MaxDiffCells, and beyond that shows the whole middle
// (between the common prefix and suffix) as removed, then added.
func Diff(old, cur []string) []DiffLine {
	p := 0
	for p < len(old) && p < len(cur) && old[p] == cur[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(cur)-p && old[len(old)-1-s] == cur[len(cur)-1-s] {
		s++
	}
	a, b := old[p:len(old)-s], cur[p:len(cur)-s]
	del, add := make([]bool, len(a)), make([]bool, len(b))
	if len(a) == 0 || len(b) == 0 || int64(len(a))*int64(len(b)) > MaxDiffCells {
		for i := range del {
			del[i] = true
		}
		for j := range add {
			add[j] = true
		}
	} else {
		lcsMark(a, b, del, add)
	}
	out := make([]DiffLine, 0, len(cur)+len(a))
	for i := range p {
		out = append(out, DiffLine{Op: Same, Old: i, New: i})
	}
	// The lines neither removed nor added pair up in order: they are the common subsequence.
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && del[i]:
			out = append(out, DiffLine{Op: Removed, Old: p + i, New: -1})
			i++
		case j < len(b) && add[j]:
			out = append(out, DiffLine{Op: Added, Old: -1, New: p + j})
			j++
		default:
			out = append(out, DiffLine{Op: Same, Old: p + i, New: p + j})
			i++
			j++
		}
	}
	for k := range s {
		out = append(out, DiffLine{Op: Same, Old: len(old) - s + k, New: len(cur) - s + k})
	}
	return out
}

// lcsMark sets del[i] for every a[i] and add[j] for every b[j] outside one longest common
// subsequence of a and b.
func lcsMark(a, b []string, del, add []bool) {
	// Intern lines so the inner loop compares integers, not strings.
	ids := make(map[string]int32, len(a)+len(b))
	intern := func(ls []string) []int32 {
		out := make([]int32, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = int32(len(ids))
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	A, B := intern(a), intern(b)
	n, m := len(A), len(B)
	// Two rows of lengths, plus one bit per cell recording, where the lines differ, whether the
	// longer subsequence came from above (skip a line of a) or from the left (skip a line of b).
	// Where they are equal, the diagonal is always optimal and needs no bit.
	prevRow := make([]int32, m+1)
	row := make([]int32, m+1)
	up := make([]uint64, (n*m+63)/64)
	for i := 1; i <= n; i++ {
		ai := A[i-1]
		base := (i - 1) * m
		for j := 1; j <= m; j++ {
			switch {
			case ai == B[j-1]:
				row[j] = prevRow[j-1] + 1
			case prevRow[j] >= row[j-1]:
				row[j] = prevRow[j]
				k := base + j - 1
				up[k>>6] |= 1 << (k & 63)
			default:
				row[j] = row[j-1]
			}
		}
		prevRow, row = row, prevRow
	}
	i, j := n, m
	for i > 0 && j > 0 {
		k := (i-1)*m + j - 1
		switch {
		case A[i-1] == B[j-1]:
			i--
			j--
		case up[k>>6]&(1<<(k&63)) != 0:
			i--
			del[i] = true
		default:
			j--
			add[j] = true
		}
	}
	for i > 0 {
		i--
		del[i] = true
	}
	for j > 0 {
		j--
		add[j] = true
	}
}
