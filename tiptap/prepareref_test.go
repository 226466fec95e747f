package tiptap

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// prepareDOMRef is the reference for parser.prepareDOM: the three walks
// it was made of (the instrumentation and attribute values, then
// markdownDOMUpdates, then dropNewlinesAfterElementsRef).
func (p *parser) prepareDOMRef(body *html.Node) {
	walkDOM(body, func(n *html.Node) {
		if !p.utf8Valid {
			n.Data = validUTF8(n.Data)
		}
		switch n.Type {
		case html.ElementNode:
			kept := n.Attr[:0]
			off := -1
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == posAttr {
					if v, err := strconv.Atoi(a.Val); err == nil {
						off = v
					}
					continue
				}
				if !p.utf8Valid {
					a.Key, a.Val = validUTF8(a.Key), validUTF8(a.Val)
				}
				if a.Key != "value" {
					a.Val = jsTrim(a.Val)
				}
				kept = append(kept, a)
			}
			n.Attr = kept
			if off >= 0 {
				p.pos[n] = off
			}
		case html.TextNode, html.CommentNode:
			if !p.markers {
				break
			}
			data, off := stripMarkers(n.Data)
			n.Data = data
			if off >= 0 {
				p.pos[n] = off
			}
		}
	})
	markdownDOMUpdates(body)
	p.dropNewlinesAfterElementsRef(body)
}

// markdownDOMUpdates is tiptap-markdown's task list DOM changes as one
// walk and the items' changes (see taskItemUpdates).
func markdownDOMUpdates(body *html.Node) {
	var items []*html.Node
	walkDOM(body, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if hasClass(n, "contains-task-list") {
			dom.SetAttr(n, "data-type", "taskList")
		}
		if hasClass(n, "task-list-item") {
			items = append(items, n)
		}
	})
	taskItemUpdates(items)
}

// dropNewlinesAfterElementsRef is dropNewlinesAfterElements with its own
// walk, which finds the texts from the elements they follow.
func (p *parser) dropNewlinesAfterElementsRef(body *html.Node) {
	var texts []*html.Node
	walkDOM(body, func(n *html.Node) {
		if n.Type == html.ElementNode && n.NextSibling != nil && n.NextSibling.Type == html.TextNode &&
			strings.HasPrefix(n.NextSibling.Data, "\n") && closest(n, func(a *html.Node) bool { return isElement(a, "pre") }) == nil {
			texts = append(texts, n.NextSibling)
		}
	})
	p.dropNewlinesAfterElements(texts)
}

// checkPrepareDOM checks that prepareDOM leaves the DOM of src, its
// positions and editorDiffers as prepareDOMRef does, on both paths
// (tokens and the instrumented tree builder), with and without
// positions, read as a browser and as the editor.
func checkPrepareDOM(t *testing.T, src []byte) {
	t.Helper()
	for _, treeBuilder := range []bool{false, true} {
		for _, positions := range []bool{false, true} {
			for _, editor := range []bool{false, true} {
				dump := func(ref bool) string {
					p := newParser(src, editor, positions)
					p.treeBuilder = treeBuilder
					body, err := p.parseDOM()
					if err != nil {
						return "error " + err.Error()
					}
					if ref {
						p.prepareDOMRef(body)
					} else {
						p.prepareDOM(body)
					}
					return domDump(p, body) + fmt.Sprintf("editorDiffers %v\n", p.editorDiffers)
				}
				if got, want := dump(false), dump(true); got != want {
					t.Fatalf("%q (tree builder %v, positions %v, editor %v): prepareDOM gives\n%s\nthe reference\n%s",
						src, treeBuilder, positions, editor, got, want)
				}
			}
		}
	}
}

var prepareCases = []string{
	"", "<p>a</p>\n<p>b</p>", "<p><b>x</b>\ny</p>", "<p><b>x</b>\n<i>y</i></p>", "<p><b>x</b>\n</p>",
	"<pre><b>x</b>\ny</pre>", "<p><a href=a>Down</a>\n<a href=b>load</a></p>", "<div><img src=x>\n  <p>a</p></div>",
	`<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" checked>` + "\n" + `done</li>` +
		`<li class="task-list-item"><p><input type="checkbox">` + "\n" + `<b>x</b>` + "\n" + `todo</p></li></ul>`,
	`<p class=" a "><span title=" t ">` + "\n" + `x</span><input value=" v ">` + "\n" + `</p>`,
	"<p>a<!-- c -->\n<b>b</b><!--x-->\n</p>", "<table><tr><td>a</td>\n<td>b</td></tr></table>\n",
	"<p>\xff<b>\n</b>\n</p>", "\uFDD0<p>\n</p>",
}

func TestPrepareDOM(t *testing.T) {
	for _, c := range prepareCases {
		checkPrepareDOM(t, []byte(c))
	}
	for _, pg := range corpus.Pages(t) {
		checkPrepareDOM(t, pg.Body())
	}
}

func FuzzPrepareDOM(f *testing.F) {
	for _, c := range prepareCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			return // eight readings each
		}
		checkPrepareDOM(t, src)
	})
}
