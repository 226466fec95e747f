package slab_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/slab"
)

func ExampleSlab() {
	type node struct{ text string }
	var nodes slab.Slab[node]
	a, b := nodes.New(), nodes.New()
	a.text, b.text = "first", "second"
	pair := slab.Slab[*node]{Max: 256}
	list := pair.Take(2)
	list[0], list[1] = a, b
	fmt.Println(list[0].text, list[1].text, len(list), cap(list))
	// Output: first second 2 2
}

func ExampleArena() {
	var words slab.Arena[string]
	for _, line := range [][]string{{"a", "b", "c"}, {"d", "e"}} {
		m := words.Mark()
		var kept []*string
		for _, w := range line {
			p := words.New()
			*p = w
			kept = append(kept, p)
		}
		fmt.Println(*kept[0], *kept[len(kept)-1], len(kept))
		words.Release(m) // the line's words are dead: the next line reuses them
	}
	// Output:
	// a c 3
	// d e 2
}
