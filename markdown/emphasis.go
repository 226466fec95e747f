package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Emphasis follows kramdown, not CommonMark. kramdown reads emphasis by
// recursive descent: at "**" (or "*", "__", "_") it opens an element
// when the next character is not a space (and, for "_", the previous
// one is not a letter), then reads on until the same delimiter comes
// after a non-space, and gives up (the delimiter is text) when it does
// not. An element cannot contain another of its kind. This gives
// results CommonMark's delimiter runs never give: "**foo*" is an em
// holding "*foo", and "****x****" is a strong holding "**x" followed by
// "**".
//
// The inline parser only records runs of "*" and "_"; when the block's
// inline content is complete, a pass runs kramdown's algorithm over the
// content, with other inline elements (code, links, HTML) as opaque
// characters, and builds the emphasis nodes.

// emRun is a run of "*" or "_" not yet resolved.
type emRun struct {
	inlineNode
	seg text.Segment
	c   byte
}

type emphasisParser struct{}

func (p *emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (p *emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	block.Advance(n)
	return &emRun{seg: text.NewSegment(seg.Start, seg.Start+n), c: c}
}

// CloseBlock implements parser.CloseBlocker: it resolves the block's
// emphasis.
func (p *emphasisParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	st := stOf(pc)
	st.resolveEmphasis(parent, block.Source(), 0, ' ')
}

// Element kinds on kramdown's span stack that matter here.
const (
	inEm = 1 << iota
	inStrong
)

// vchar is one character of the view the algorithm reads: a character
// of text, a delimiter character (run is set), or an opaque element
// (r == objChar). It holds no pointers (the nodes are in a slice of
// the view, by index), so that a view is small and the garbage
// collector does not scan it: a page's views are as long as its
// paragraphs with emphasis.
type vchar struct {
	r    rune
	node int32 // index, in the view's nodes, of the node the character belongs to
	run  bool  // the node is an *emRun: r is one of its delimiters
}

const objChar = '\uFFFC'

// emItem is a piece of the result: a character range of the view, or an
// emphasis element holding items.
type emItem struct {
	lo, hi   int // view range, when level == 0
	level    int // 1 em, 2 strong
	children []emItem
	delim    int // opening delimiter's view index (for positions)
}

type emParser struct {
	v     []vchar
	nodes []ast.Node // the nodes of v's characters, by index
	pos   int
	// budget bounds the work: kramdown's algorithm takes quadratic time
	// when many delimiters open and never close ("*a *a *a …"). When the
	// budget runs out, the delimiters still to be read are text. Real
	// pages use a tiny fraction of it.
	budget int
}

// emBudget is the work allowed per character of an inline container.
const emBudget = 64

// resolveEmphasis resolves the emphasis runs among the children of n,
// then inside the inline containers among them. stack holds the
// emphasis kinds enclosing n; before is the character before n's
// content.
func (st *state) resolveEmphasis(n ast.Node, src []byte, stack int, before rune) {
	hasRun := false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*emRun); ok {
			hasRun = true
			break
		}
	}
	if hasRun {
		v, nodes := buildView(n, src, st.view, st.viewNodes)
		p := &emParser{v: v, nodes: nodes, budget: emBudget*len(v) + 1<<16}
		items, _, _ := p.spans(stack, nil, before)
		st.rebuild(n, p, items)
		// The next view reuses the space.
		clear(nodes)
		st.view, st.viewNodes = v[:0], nodes[:0]
	}
	// Recurse into inline containers (links, images, strikethrough,
	// emphasis), with the kinds that enclose them.
	s := st
	var walk func(ast.Node, int)
	walk = func(m ast.Node, k int) {
		for c := m.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Emphasis:
				kind := inEm
				if t.Level == 2 {
					kind = inStrong
				}
				walk(c, k|kind)
			case *ast.Link, *ast.Image:
				s.resolveEmphasis(c, src, k, objChar)
			default:
				if c.Type() == ast.TypeInline && c.HasChildren() {
					s.resolveEmphasis(c, src, k, objChar)
				}
			}
		}
	}
	walk(n, stack)
}

// buildView lays the children of n out as characters, in buf's space
// when it is large enough, and returns them with their nodes (in
// nodes' space), one for each child.
func buildView(n ast.Node, src []byte, buf []vchar, nodes []ast.Node) ([]vchar, []ast.Node) {
	size, count := 0, 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		count++
		switch t := c.(type) {
		case *emRun:
			size += t.seg.Len()
		case *ast.Text:
			size += utf8.RuneCount(t.Segment.Value(src)) + 1
		default:
			size++
		}
	}
	v := buf[:0]
	if cap(v) < size {
		v = make([]vchar, 0, size)
	}
	nodes = nodes[:0]
	if cap(nodes) < count {
		nodes = make([]ast.Node, 0, count)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		k := int32(len(nodes))
		nodes = append(nodes, c)
		switch t := c.(type) {
		case *emRun:
			for i := t.seg.Start; i < t.seg.Stop; i++ {
				v = append(v, vchar{r: rune(t.c), node: k, run: true})
			}
		case *ast.Text:
			from := len(v)
			b := t.Segment.Value(src)
			for i := 0; i < len(b); {
				if b[i] < utf8.RuneSelf {
					v = append(v, vchar{r: rune(b[i]), node: k})
					i++
					continue
				}
				r, size := utf8.DecodeRune(b[i:])
				v = append(v, vchar{r: r, node: k})
				i += size
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				v = append(v, vchar{r: '\n', node: k})
			}
			if len(v) == from {
				v = append(v, vchar{r: 0, node: k}) // keep empty text nodes
			}
		default:
			v = append(v, vchar{r: objChar, node: k})
		}
	}
	return v, nodes
}

func (p *emParser) at(i int) rune {
	if i < 0 || i >= len(p.v) {
		return 0
	}
	return p.v[i].r
}

func (p *emParser) isDelim(i int, c byte) bool {
	return i >= 0 && i < len(p.v) && p.v[i].run && p.v[i].r == rune(c)
}

// spans reads items until the stop delimiter (when stop is not nil)
// closes the element; it returns the items, whether the stop was found,
// and its position.
func (p *emParser) spans(stack int, stop *emStop, before rune) ([]emItem, bool, int) {
	var items []emItem
	textStart := -1
	flush := func() {
		if textStart >= 0 {
			items = append(items, emItem{lo: textStart, hi: p.pos})
			textStart = -1
		}
	}
	for p.pos < len(p.v) {
		i := p.pos
		p.budget--
		if p.budget < 0 && stop != nil {
			// Out of budget: the element does not close.
			flush()
			p.pos = len(p.v)
			return items, false, p.pos
		}
		if stop != nil && p.stopsAt(stop, i, before, len(items) > 0 || textStart >= 0) {
			flush()
			return items, true, i
		}
		if p.v[i].run && p.budget >= 0 {
			flush()
			items = append(items, p.open(stack, before)...)
			continue
		}
		if textStart < 0 {
			textStart = i
		}
		p.pos++
	}
	flush()
	return items, false, p.pos
}

// emStop is the delimiter that closes the element being read.
type emStop struct {
	c     byte
	n     int
	level int
}

// stopsAt reports whether the element closes at i: the delimiter is
// there, after a non-space; an em's "*" is not the start of a "**"
// (unless "***"); a "_" is not followed by a letter or digit; and the
// element is not empty.
func (p *emParser) stopsAt(s *emStop, i int, before rune, nonEmpty bool) bool {
	for k := 0; k < s.n; k++ {
		if !p.isDelim(i+k, s.c) {
			return false
		}
	}
	prev := before
	if i > 0 {
		prev = p.at(i - 1)
	}
	if isSpaceRune(prev) {
		return false
	}
	if s.level == 1 && p.isDelim(i+1, s.c) && !p.isDelim(i+2, s.c) {
		return false
	}
	if s.c == '_' {
		if r := p.at(i + s.n); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return nonEmpty
}

func isSpaceRune(r rune) bool { return r < utf8.RuneSelf && isRubySpace(byte(r)) }

// open reads emphasis starting at the delimiter at p.pos.
func (p *emParser) open(stack int, before rune) []emItem {
	i := p.pos
	c := byte(p.v[i].r)
	n := 1
	if p.isDelim(i+1, c) {
		n = 2
	}
	level, kind := n, inEm
	if n == 2 {
		kind = inStrong
	}
	text := func() []emItem {
		p.pos = i + n
		return []emItem{{lo: i, hi: i + n}}
	}
	if c == '_' && intraword(p, i, before) || isSpaceRune(p.at(i+n)) || i+n >= len(p.v) || stack&kind != 0 {
		return text()
	}
	p.pos = i + n
	items, found, end := p.spans(stack|kind, &emStop{c: c, n: n, level: level}, before)
	if !found && level == 2 && stack&inEm == 0 {
		// kramdown then tries an em opened by the first character, the
		// second one being its first content character.
		p.pos = i + 1
		level, n = 1, 1
		items, found, end = p.spans(stack|inEm, &emStop{c: c, n: 1, level: 1}, before)
	}
	if !found {
		n = 1 + boolInt(kind == inStrong) // the delimiter first read is text
		return text()
	}
	p.pos = end + n
	return []emItem{{level: level, children: items, delim: i}}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// intraword reports whether the "_" at i follows a letter (with an
// optional hyphen between), in which case kramdown takes it for text.
func intraword(p *emParser, i int, before rune) bool {
	prev := func(k int) rune {
		if k < 0 {
			if k == -1 {
				return before
			}
			return 0
		}
		return p.at(k)
	}
	r := prev(i - 1)
	if unicode.IsLetter(r) {
		return true
	}
	return r == '-' && unicode.IsLetter(prev(i-2))
}

// rebuild replaces the children of n by the items of p's view.
func (st *state) rebuild(n ast.Node, p *emParser, items []emItem) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.RemoveChild(n, c)
		c = next
	}
	st.appendItems(n, p, items)
}

func (st *state) appendItems(parent ast.Node, p *emParser, items []emItem) {
	v := p.v
	for _, it := range items {
		if it.level > 0 {
			e := ast.NewEmphasis(it.level)
			if d := v[it.delim]; d.run {
				e.SetPos(p.nodes[d.node].(*emRun).seg.Start)
			}
			st.appendItems(e, p, it.children)
			parent.AppendChild(parent, e)
			continue
		}
		for k := it.lo; k < it.hi; {
			ch := v[k]
			if ch.run {
				// Delimiter characters left as text.
				j := k
				for j < it.hi && v[j].run && v[j].node == ch.node {
					j++
				}
				first := k
				for first > 0 && v[first-1].run && v[first-1].node == ch.node {
					first--
				}
				start := p.nodes[ch.node].(*emRun).seg.Start + (k - first)
				t := ast.NewTextSegment(text.NewSegment(start, start+(j-k)))
				st.delimText[t] = true
				parent.AppendChild(parent, t)
				k = j
				continue
			}
			// A whole node (text nodes are never split: emphasis starts
			// and ends only at delimiters).
			node := ch.node
			for k < it.hi && v[k].node == node {
				k++
			}
			if c := p.nodes[node]; c.Parent() == nil {
				parent.AppendChild(parent, c)
			}
		}
	}
}
