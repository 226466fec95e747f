package slab

import (
	"math/rand/v2"
	"testing"
)

// TestArena hands out and releases elements in random nested marks and
// checks that the elements alive at any time are distinct and keep what
// was written to them, and that a slice from one holds one element
// without reaching the next.
func TestArena(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var a Arena[int]
	type level struct {
		m    ArenaMark
		live []*int
	}
	stack := []level{{m: a.Mark()}}
	next := 0
	for range 4000 {
		top := &stack[len(stack)-1]
		switch op := r.IntN(10); {
		case op < 6:
			p := a.New()
			next++
			*p = next
			top.live = append(top.live, p)
		case op < 7:
			s := a.One()
			if len(s) != 0 || cap(s) != 1 {
				t.Fatalf("One has len %d, cap %d", len(s), cap(s))
			}
			s = append(s, -1)
			if p := a.New(); p == &s[0] {
				t.Fatal("New handed out the element of a slice from One")
			}
		case op < 8:
			stack = append(stack, level{m: a.Mark()})
		case len(stack) > 1:
			a.Release(top.m)
			stack = stack[:len(stack)-1]
		}
		seen := map[*int]bool{}
		want := 0
		for _, l := range stack {
			for _, p := range l.live {
				if seen[p] {
					t.Fatalf("element %p handed out twice while alive", p)
				}
				seen[p] = true
				if *p <= want {
					t.Fatalf("element %p holds %d, written before %d", p, *p, want)
				}
				want = *p
			}
		}
	}
}
