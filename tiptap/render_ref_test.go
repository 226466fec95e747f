package tiptap

import (
	"cmp"
	"slices"
	"testing"
)

// TestSortedMarksRef checks sortedMarks, which returns marks already in
// rank order as they are, against the stable sort it replaces, on every
// ordering of a few marks (an unknown one and a repeated rank included).
func TestSortedMarksRef(t *testing.T) {
	r := &renderer{s: theSchema()}
	var all []Mark
	for _, m := range r.s.markOrder {
		all = append(all, Mark{Type: m.spec.name})
	}
	all = append(all, Mark{Type: "unknown"}, Mark{Type: "other"})
	ref := func(marks []Mark) []Mark {
		return slices.SortedStableFunc(slices.Values(marks), func(a, b Mark) int {
			return cmp.Compare(r.markRank(a), r.markRank(b))
		})
	}
	var permute func(marks []Mark, k int)
	checked := 0
	permute = func(marks []Mark, k int) {
		if k == len(marks) {
			got, want := r.sortedMarks(marks), ref(marks)
			if !slices.EqualFunc(got, want, func(a, b Mark) bool { return a.Type == b.Type }) {
				t.Fatalf("sortedMarks(%v) = %v, want %v", marks, got, want)
			}
			checked++
			return
		}
		for i := k; i < len(marks); i++ {
			marks[k], marks[i] = marks[i], marks[k]
			permute(marks, k+1)
			marks[k], marks[i] = marks[i], marks[k]
		}
	}
	for start := 0; start+4 <= len(all); start++ {
		permute(slices.Clone(all[start:start+4]), 0)
	}
	permute(slices.Clone(all[len(all)-4:]), 0)
	if checked == 0 {
		t.Fatal("no orderings checked")
	}
}
