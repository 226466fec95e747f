// Package diff computes unified diffs of texts (the format of diff -u),
// for the diffs of a batch's dry run.
package diff

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// diffContext is the number of unchanged lines a hunk of [Diff] shows
// around each change, as diff -u does.
const diffContext = 3

// Diff returns the unified diff (the format of diff -u and git diff, with
// three lines of context) that turns old into new, under the header lines
// "--- oldName" and "+++ newName" (a name with a control character, a
// backslash, a double quote or bytes that are not UTF-8 in it is quoted,
// as Go and git quote it, so that it cannot make lines of its own). It returns nil when old and new are
// equal. A last line without a line ending is followed by the line
// "\ No newline at end of file"; a "\r" before a "\n" is part of its
// line.
//
// The diff is minimal: it removes and adds as few lines as possible (a
// longest common subsequence of lines is kept), computed in linear space,
// unless that would take too long (pages of tens of thousands of lines
// that differ throughout). Then lines that occur once in each text are
// matched first, in order, as patience diff does, and the diff may keep
// fewer lines than it could; it is always a correct diff.
func Diff(oldName string, old []byte, newName string, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	a, b := splitLines(old), splitLines(new)
	ids := make(map[string]int, len(a)+len(b))
	x, y := lineIDs(a, ids), lineIDs(b, ids)
	d := &lcsDiff{del: make([]bool, len(x)), ins: make([]bool, len(y)), budget: diffBudget}
	d.compare(x, y, 0, 0)

	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", diffName(oldName), diffName(newName))
	writeHunks(&out, a, b, editScript(d.del, d.ins))
	return out.Bytes()
}

// splitLines cuts s after each "\n"; the last line may have no "\n".
func splitLines(s []byte) []string {
	var lines []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, string(s))
			break
		}
		lines = append(lines, string(s[:i+1]))
		s = s[i+1:]
	}
	return lines
}

// lineIDs numbers lines so that equal lines get equal numbers.
func lineIDs(lines []string, ids map[string]int) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		id, ok := ids[l]
		if !ok {
			id = len(ids)
			ids[l] = id
		}
		out[i] = id
	}
	return out
}

// lcsDiff marks the lines of a to delete and of b to insert so that the
// lines left form a longest common subsequence, by Hirschberg's
// divide-and-conquer: O(len(a)·len(b)) time, O(len(b)) space.
type lcsDiff struct {
	del, ins []bool
	fwd, rev []int // scratch rows of LCS lengths
	// budget is what is left of the cells of LCS tables the diff may
	// compute; past it, compare matches unique lines instead (coarse).
	budget int
}

// diffBudget bounds the work of one Diff at about 2^25 cells of LCS
// tables (some tens of milliseconds): two pages of 5,000 lines that
// differ everywhere.
const diffBudget = 1 << 25

// compare diffs a and b, which start at line i of the old text and line
// j of the new one.
func (d *lcsDiff) compare(a, b []int, i, j int) {
	// Common prefix and suffix are kept as they are.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
		i++
		j++
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	switch {
	case len(a) == 0:
		for k := range b {
			d.ins[j+k] = true
		}
		return
	case len(b) == 0:
		for k := range a {
			d.del[i+k] = true
		}
		return
	case len(a) == 1:
		// a[0] differs from b's first and last lines; keep it if it is
		// anywhere else in b.
		keep := -1
		for k, v := range b {
			if v == a[0] {
				keep = k
				break
			}
		}
		for k := range b {
			if k != keep {
				d.ins[j+k] = true
			}
		}
		if keep < 0 {
			d.del[i] = true
		}
		return
	}
	if cost := len(a) * len(b); cost > d.budget {
		d.coarse(a, b, i, j)
		return
	} else {
		d.budget -= cost
	}
	mid := len(a) / 2
	fwd := d.lcsRow(a[:mid], b, false)
	rev := d.lcsRow(a[mid:], b, true)
	// Split b where the LCS of the two halves is longest.
	best, split := -1, 0
	for k := 0; k <= len(b); k++ {
		if s := fwd[k] + rev[len(b)-k]; s > best {
			best, split = s, k
		}
	}
	d.compare(a[:mid], b[:split], i, j)
	d.compare(a[mid:], b[split:], i+mid, j+split)
}

// coarse diffs a and b (which differ at both ends) without LCS tables:
// the lines that occur exactly once in a and once in b are matched,
// keeping the longest run of them that is in the same order in both, and
// the stretches between them are compared again. Without such lines, a
// is deleted and b inserted.
func (d *lcsDiff) coarse(a, b []int, i, j int) {
	type seen struct{ countA, countB, posA int }
	lines := make(map[int]*seen, len(a))
	for k, v := range a {
		s := lines[v]
		if s == nil {
			s = &seen{}
			lines[v] = s
		}
		s.countA++
		s.posA = k
	}
	for _, v := range b {
		if s := lines[v]; s != nil {
			s.countB++
		}
	}
	var pairs [][2]int // (line in a, line in b), in b's order
	for k, v := range b {
		if s := lines[v]; s != nil && s.countA == 1 && s.countB == 1 {
			pairs = append(pairs, [2]int{s.posA, k})
		}
	}
	anchors := increasingRun(pairs)
	if len(anchors) == 0 {
		for k := range a {
			d.del[i+k] = true
		}
		for k := range b {
			d.ins[j+k] = true
		}
		return
	}
	pa, pb := 0, 0
	for _, p := range anchors {
		d.compare(a[pa:p[0]], b[pb:p[1]], i+pa, j+pb)
		pa, pb = p[0]+1, p[1]+1
	}
	d.compare(a[pa:], b[pb:], i+pa, j+pb)
}

// increasingRun returns a longest subsequence of pairs (sorted by their
// second element) whose first elements increase, by patience sorting.
func increasingRun(pairs [][2]int) [][2]int {
	var tops []int // tops[l]: index of the pair ending the best run of length l+1
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		l := sort.Search(len(tops), func(t int) bool { return pairs[tops[t]][0] >= p[0] })
		prev[k] = -1
		if l > 0 {
			prev[k] = tops[l-1]
		}
		if l == len(tops) {
			tops = append(tops, k)
		} else {
			tops[l] = k
		}
	}
	if len(tops) == 0 {
		return nil
	}
	run := make([][2]int, len(tops))
	for k, at := len(tops)-1, tops[len(tops)-1]; k >= 0; k, at = k-1, prev[at] {
		run[k] = pairs[at]
	}
	return run
}

// lcsRow returns row[k] = the length of the longest common subsequence of
// a and b[:k] (of a and the last k lines of b when reverse is set, both
// read backwards). The row is scratch space reused by the next call of the
// same direction.
func (d *lcsDiff) lcsRow(a, b []int, reverse bool) []int {
	buf := &d.fwd
	if reverse {
		buf = &d.rev
	}
	if cap(*buf) < len(b)+1 {
		*buf = make([]int, len(b)+1)
	}
	row := (*buf)[:len(b)+1]
	clear(row)
	n, m := len(a), len(b)
	for ii := range n {
		x := a[ii]
		if reverse {
			x = a[n-1-ii]
		}
		diag := 0 // row[k-1] of the previous line of a
		for k := 1; k <= m; k++ {
			y := b[k-1]
			if reverse {
				y = b[m-k]
			}
			up := row[k]
			switch {
			case x == y:
				row[k] = diag + 1
			case row[k-1] > up:
				row[k] = row[k-1]
			}
			diag = up
		}
	}
	return row
}

// An edit is one line of an edit script: ' ' keeps line a[i] (= b[j]),
// '-' deletes a[i], '+' inserts b[j].
type edit struct {
	op   byte
	i, j int
}

// editScript turns the marks of a diff into an edit script, with the
// deletions of each change before its insertions.
func editScript(del, ins []bool) []edit {
	var es []edit
	i, j := 0, 0
	for i < len(del) || j < len(ins) {
		switch {
		case i < len(del) && del[i]:
			es = append(es, edit{'-', i, j})
			i++
		case j < len(ins) && ins[j]:
			es = append(es, edit{'+', i, j})
			j++
		default:
			es = append(es, edit{' ', i, j})
			i++
			j++
		}
	}
	return es
}

// writeHunks writes the hunks of an edit script in unified format.
func writeHunks(out *bytes.Buffer, a, b []string, es []edit) {
	for start := 0; start < len(es); {
		// Find the next change, and the hunk around it: it runs on while
		// changes are at most 2·diffContext unchanged lines apart.
		first := start
		for first < len(es) && es[first].op == ' ' {
			first++
		}
		if first == len(es) {
			return
		}
		last := first // the last change of the hunk
		for k := first + 1; k < len(es); k++ {
			if es[k].op == ' ' {
				continue
			}
			if k-last-1 > 2*diffContext {
				break
			}
			last = k
		}
		from := max(start, first-diffContext)
		to := min(len(es), last+1+diffContext)
		hunk := es[from:to]

		oldStart, newStart := hunk[0].i, hunk[0].j
		oldLen, newLen := 0, 0
		for _, e := range hunk {
			if e.op != '+' {
				oldLen++
			}
			if e.op != '-' {
				newLen++
			}
		}
		fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(oldStart, oldLen), hunkRange(newStart, newLen))
		for _, e := range hunk {
			line := ""
			switch e.op {
			case '+':
				line = b[e.j]
			default:
				line = a[e.i]
			}
			out.WriteByte(e.op)
			out.WriteString(line)
			if len(line) == 0 || line[len(line)-1] != '\n' {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		start = to
	}
}

// hunkRange formats the range of a hunk header from a 0-based start: an
// empty range names the line before it, a one-line range has no count.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// diffName returns name as a diff header shows it: quoted when it holds
// anything that strconv.Quote escapes.
func diffName(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}
