package markdown

import (
	"fmt"
	"sort"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/yuin/goldmark/ast"
)

func TestZZStats(t *testing.T) {
	direct, frag := map[string]int{}, map[string]int{}
	pages := 0
	allDirect := 0
	for _, p := range corpus.Pages(t) {
		s, err := newSource(p.Body(), "", false)
		if err != nil {
			continue
		}
		pages++
		st := newState(s, Options{})
		doc := st.parse(s.text, 0)
		st.transform(doc, s.text)
		b := newBuilder(st, s)
		all := true
		for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
			k := fmt.Sprintf("%T", c)
			if _, ok := b.block(c); ok {
				direct[k]++
			} else {
				all = false
				kinds := map[string]bool{}
				_ = ast.Walk(c, func(n ast.Node, e bool) (ast.WalkStatus, error) {
					if e {
						kinds[fmt.Sprintf("%T", n)] = true
					}
					return ast.WalkContinue, nil
				})
				var ks []string
				for k := range kinds {
					ks = append(ks, k)
				}
				sort.Strings(ks)
				frag[fmt.Sprint(ks)]++
			}
		}
		if all {
			allDirect++
		}
	}
	t.Logf("pages %d, all direct %d", pages, allDirect)
	t.Logf("direct %v", direct)
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range frag {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for _, e := range l[:min(40, len(l))] {
		t.Logf("%6d %s", e.v, e.k)
	}
}
