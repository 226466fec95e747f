package markdown

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// build turns the transformed tree into the document's blocks and the
// notes of reading them.
//
// Blocks made of Markdown alone are built straight from the tree
// (direct.go). The others hold HTML: raw HTML blocks, Markdown with raw
// inline HTML, and the constructs kramdown writes as HTML the dialect
// has to judge (footnotes, definition lists, attribute lists, images…).
// Those are written as HTML by the renderer and read by the dialect's
// HTML reader, [tiptap.ParseFragment], in place: consecutive ones
// together, and a block that leaves an element open takes the blocks
// after it along until the element closes, as in a page read whole.
//
// Without positions (for [Read]), the nodes carry none, there are no
// notes, and the HTML is read with [tiptap.ReadFragment]; its error is
// then without a position.
func (st *state) build(doc ast.Node, s *source, positions bool) ([]*tiptap.Node, []tiptapmd.Note, error) {
	b := newBuilder(st, s)
	b.noPos = !positions
	b.rendered = !positions
	var pieces []piece
	var run *renderer
	// The runs write their HTML one after the other in spare, which is
	// made once for the page's raw HTML (see runSpace).
	var spare []byte
	var open htmlStack
	fed := 0 // how much of run.out open has read
	// The links to fragments matter only to ParseFragment's notes.
	links := b.links
	if !positions {
		links = nil
	}
	feed := func() {
		open.feed(run.out[fed:], links)
		fed = len(run.out)
	}
	flush := func() {
		if run != nil {
			if links != nil && bytes.IndexByte(run.out[fed:], '#') >= 0 {
				feed() // for the links to fragments
			}
			pieces = append(pieces, piece{run: run})
			spare = run.out[len(run.out):]
			run, open, fed = nil, htmlStack{}, 0
		}
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		_, rawHTML := c.(*htmlBlock)
		if run != nil && !rawHTML {
			feed()
		}
		if !rawHTML && (run == nil || open.balanced()) {
			if nodes, ok := b.block(c); ok {
				flush()
				if len(nodes) > 0 {
					pieces = append(pieces, piece{nodes: nodes})
				}
				continue
			}
		}
		if run == nil {
			if cap(spare) == 0 {
				spare = make([]byte, 0, runSpace(c))
			}
			run = &renderer{st: st, src: s.text, marks: positions, out: spare}
			if b.cur >= 0 {
				// HTML before the run's first mark is placed where
				// the page's previous mark is.
				run.blocks = append(run.blocks, blockMark{srcOff: b.cur})
			}
		}
		run.block(c)
		if k := len(run.blocks); k > 0 {
			b.cur = run.blocks[k-1].srcOff
		}
	}
	flush()

	var targets []string
	for l := range b.links {
		targets = append(targets, l)
	}
	var blocks []*tiptap.Node
	var notes []tiptapmd.Note
	for _, p := range pieces {
		if p.run == nil {
			blocks = append(blocks, p.nodes...)
			continue
		}
		// The HTML is clipped: the next run's follows it.
		html := slices.Clip(p.run.out)
		if !positions {
			nodes, err := tiptap.ReadFragment(html)
			if err != nil {
				return nil, nil, &ParseError{Err: err}
			}
			blocks = append(blocks, nodes...)
			continue
		}
		nodes, tnotes, err := tiptap.ParseFragment(html, targets)
		m := newPosMap(p.run, s)
		if err != nil {
			var pe *tiptap.ParseError
			if errors.As(err, &pe) {
				return nil, nil, &ParseError{Pos: m.pos(pe.Pos), Err: pe.Err}
			}
			return nil, nil, &ParseError{Err: err}
		}
		for _, n := range nodes {
			m.mapNodes(n)
		}
		blocks = append(blocks, nodes...)
		for _, n := range tnotes {
			n.Pos = m.pos(n.Pos)
			notes = append(notes, n)
		}
	}
	return blocks, notes, nil
}

// runSpace returns the room to make for the HTML of the runs that start
// at block c: the HTML of the raw HTML blocks from c on, and a quarter
// more for the Markdown between them. A run that outgrows it moves to
// a larger space, which the next runs use.
func runSpace(c ast.Node) int {
	n := 0
	for ; c != nil; c = c.NextSibling() {
		if h, ok := c.(*htmlBlock); ok {
			n += len(h.html)
		}
	}
	return n + n/4 + 512
}

// mapNodes maps the positions of n and the nodes under it, as
// tiptap.Walk visits them (without the stack Walk makes for each call).
func (m *posMap) mapNodes(n *tiptap.Node) {
	if n == nil {
		return
	}
	n.Pos = m.pos(n.Pos)
	for _, c := range n.Content {
		m.mapNodes(c)
	}
}

// A piece is a stretch of the page's blocks: built directly, or HTML to
// read.
type piece struct {
	nodes []*tiptap.Node
	run   *renderer
}

// htmlStack follows the elements that HTML leaves open, to tell where a
// stretch of HTML blocks can end. It counts as a browser would not (an
// element whose end tag may be left out stays open), which only makes
// the stretch longer.
type htmlStack struct {
	open    []string
	comment bool // an unfinished comment swallows what follows
	// formatting is set once a formatting element was closed by the end
	// of an element around it: a browser opens it again for the text
	// that follows (its list of active formatting elements).
	formatting bool
	cut        bool // the HTML ends inside a tag
}

func (h *htmlStack) balanced() bool {
	return len(h.open) == 0 && !h.comment && !h.formatting && !h.cut
}

// feed reads more of the HTML, recording in links, unless nil, the
// fragments that its links point to (href="#x").
func (h *htmlStack) feed(src []byte, links map[string]bool) {
	if len(src) == 0 {
		return
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	read := 0
	for {
		tt := z.Next()
		if tt != html.ErrorToken {
			read += len(z.Raw())
		}
		switch tt {
		case html.ErrorToken:
			// A tag cut off by the end takes in what follows.
			h.cut = h.cut || read < len(src)
			return
		case html.CommentToken:
			raw := z.Raw()
			h.comment = !bytes.HasSuffix(raw, []byte("-->")) && !bytes.HasSuffix(raw, []byte("--!>")) && !bytes.Equal(raw, []byte("<!-->")) && !bytes.Equal(raw, []byte("<!--->"))
		case html.StartTagToken, html.SelfClosingTagToken:
			tag := rawTagName(z)
			if tag == "a" && links != nil {
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "href" {
						if t := strings.TrimSpace(string(v)); len(t) > 1 && t[0] == '#' {
							links[t[1:]] = true
						}
						break
					}
				}
			}
			if !voidElement(tag) {
				h.open = append(h.open, tag)
			}
		case html.EndTagToken:
			tag := rawTagName(z)
			for i := len(h.open) - 1; i >= 0; i-- {
				if h.open[i] == tag {
					for _, e := range h.open[i+1:] {
						h.formatting = h.formatting || formattingElement(e)
					}
					h.open = h.open[:i]
					break
				}
			}
		}
	}
}

// rawTagName returns the name of the tag token z is at, as z.TagName
// gives it, read from the token's raw bytes: TagName copies the name
// each time.
func rawTagName(z *html.Tokenizer) string {
	var buf [32]byte
	name, ok := ascii.TagName(z.Raw(), buf[:])
	if !ok {
		name, _ = z.TagName()
	}
	return atomName(name)
}

// atomName returns a tag name as a string, without allocating for the
// names HTML knows.
func atomName(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}

// formattingElement reports whether a browser keeps an element in its
// list of active formatting elements.
func formattingElement(name string) bool {
	switch name {
	case "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u":
		return true
	}
	return false
}

// voidElement reports whether an element has no end tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
		"basefont", "bgsound", "frame", "image", "menuitem":
		return true
	}
	return false
}
