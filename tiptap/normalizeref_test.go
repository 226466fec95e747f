package tiptap

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"golang.org/x/net/html"
)

// normalizeBlocksRef is the reference for parser.normalizeBlocks: every
// element is matched against the block rules.
func (p *parser) normalizeBlocksRef(body *html.Node) {
	var found []*html.Node
	walkDOM(body, func(n *html.Node) {
		if n.Type == html.ElementNode && isBlockRuleElement(p.s, n) {
			found = append(found, n)
		}
	})
	for _, el := range found {
		el = p.liftFromInline(el)
		if parent := el.Parent; (isElement(parent, "p") || isHeadingElement(parent)) && parent.Parent != nil {
			if before := extractElement(el); before != nil {
				if off, ok := p.pos[parent]; ok {
					p.pos[before] = off
				}
			}
		}
	}
}

// checkNormalizeBlocks checks that normalizeBlocks leaves the DOM of src,
// and its positions, as normalizeBlocksRef does.
func checkNormalizeBlocks(t *testing.T, src []byte) {
	t.Helper()
	dump := func(ref bool) string {
		p := newParser(src, false, true)
		body, err := p.parseDOM()
		if err != nil {
			return "error " + err.Error()
		}
		p.prepareDOM(body)
		if ref {
			p.normalizeBlocksRef(body)
		} else {
			p.normalizeBlocks(body)
		}
		return domDump(p, body)
	}
	if got, want := dump(false), dump(true); got != want {
		t.Fatalf("%q: normalizeBlocks gives\n%s\nthe reference\n%s", src, got, want)
	}
}

var normalizeCases = []string{
	"", "<p>a<img src=x>b</p>", "<p><a href=y>a<img src=x>b</a>c</p>",
	"<h2>t<iframe src=x></iframe></h2>", "<p><span><b>a<img src=x></b>c<img src=z></span></p>",
	"<p>a<div>b</div>c<hr>d<ul><li>e</li></ul></p>", "<ul><li><p>a<img src=x></p></li></ul>",
	"<p><b><p>x</p></b></p>", "<p><a class=isomer-image-wrapper href=y><img src=x></a>z</p>",
	"<table><tr><td><p>a<img src=x>b<img src=y></p></td></tr></table>", "<span><img src=x></span>",
}

func TestNormalizeBlocks(t *testing.T) {
	for _, c := range normalizeCases {
		checkNormalizeBlocks(t, []byte(c))
	}
	for _, pg := range corpus.Pages(t) {
		checkNormalizeBlocks(t, pg.Body())
	}
}

func FuzzNormalizeBlocks(f *testing.F) {
	for _, c := range normalizeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkNormalizeBlocks(t, src)
	})
}
