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
// of text, a delimiter character (run != nil), or an opaque element
// (node != nil, r == objChar).
type vchar struct {
	r    rune
	run  *emRun
	node ast.Node // the node the character belongs to
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
	v   []vchar
	pos int
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
		v := buildView(n, src, st.view)
		p := &emParser{v: v, budget: emBudget*len(v) + 1<<16}
		items, _, _ := p.spans(stack, nil, before)
		st.rebuild(n, v, items, src)
		st.view = v[:0] // the next view reuses its space
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
// when it is large enough.
func buildView(n ast.Node, src []byte, buf []vchar) []vchar {
	size := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
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
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *emRun:
			for i := t.seg.Start; i < t.seg.Stop; i++ {
				v = append(v, vchar{r: rune(t.c), run: t, node: c})
			}
		case *ast.Text:
			b := t.Segment.Value(src)
			for len(b) > 0 {
				r, size := utf8.DecodeRune(b)
				v = append(v, vchar{r: r, node: c})
				b = b[size:]
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				v = append(v, vchar{r: '\n', node: c})
			}
			if len(v) == 0 || v[len(v)-1].node != c {
				v = append(v, vchar{r: 0, node: c}) // keep empty text nodes
			}
		default:
			v = append(v, vchar{r: objChar, node: c})
		}
	}
	return v
}

func (p *emParser) at(i int) rune {
	if i < 0 || i >= len(p.v) {
		return 0
	}
	return p.v[i].r
}

func (p *emParser) isDelim(i int, c byte) bool {
	return i >= 0 && i < len(p.v) && p.v[i].run != nil && p.v[i].r == rune(c)
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
		if p.v[i].run != nil && p.budget >= 0 {
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

// rebuild replaces the children of n by the items.
func (st *state) rebuild(n ast.Node, v []vchar, items []emItem, src []byte) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.RemoveChild(n, c)
		c = next
	}
	st.appendItems(n, v, items, src)
}

func (st *state) appendItems(parent ast.Node, v []vchar, items []emItem, src []byte) {
	for _, it := range items {
		if it.level > 0 {
			e := ast.NewEmphasis(it.level)
			if r := v[it.delim].run; r != nil {
				e.SetPos(r.seg.Start)
			}
			st.appendItems(e, v, it.children, src)
			parent.AppendChild(parent, e)
			continue
		}
		for k := it.lo; k < it.hi; {
			ch := v[k]
			if ch.run != nil {
				// Delimiter characters left as text.
				j := k
				for j < it.hi && v[j].run == ch.run {
					j++
				}
				first := k
				for first > 0 && v[first-1].run == ch.run {
					first--
				}
				start := ch.run.seg.Start + (k - first)
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
			if node.Parent() == nil {
				parent.AppendChild(parent, node)
			}
		}
	}
}
