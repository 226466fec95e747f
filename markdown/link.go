package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Links and images follow kramdown, whose inline links differ from
// CommonMark's: the destination may hold spaces (Isomer pages link to
// "/files/Annex A.pdf"), parentheses nest, and a title starts at the
// first whitespace followed by a quote. Destinations are kept exactly as
// written: kramdown neither unescapes nor percent-encodes them, so
// Liquid in a destination survives too (and is skipped as a whole while
// looking for the end of the destination, as if Jekyll had rendered it).

// linkOpener is a "[" or "![" waiting for its "]". If none comes it is
// text.
type linkOpener struct {
	ast.BaseInline
	image  bool
	seg    text.Segment // the "[" or "![" in the source
	bottom ast.Node     // the last emphasis delimiter before it
	active bool
}

func (n *linkOpener) Kind() ast.NodeKind         { return 0 }
func (n *linkOpener) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type linkParser struct{ st *state }

func (p *linkParser) Trigger() []byte { return []byte{'!', '[', ']'} }

// CloseBlock implements parser.CloseBlocker: openers left at the end of
// a block are text.
func (p *linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.st.openers = p.st.openers[:0]
}

func (p *linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	switch {
	case line[0] == '!' && len(line) > 1 && line[1] == '[' && (len(line) < 3 || line[2] != '^'):
		o := &linkOpener{image: true, seg: text.NewSegment(seg.Start, seg.Start+2), active: true}
		o.bottom = lastDelimiter(pc)
		p.st.openers = append(p.st.openers, o)
		block.Advance(2)
		return o
	case line[0] == '[' && (len(line) < 2 || line[1] != '^'):
		o := &linkOpener{seg: text.NewSegment(seg.Start, seg.Start+1), active: true}
		o.bottom = lastDelimiter(pc)
		p.st.openers = append(p.st.openers, o)
		block.Advance(1)
		return o
	case line[0] != ']':
		return nil
	}
	k := len(p.st.openers)
	if k == 0 {
		return nil
	}
	o := p.st.openers[k-1]
	p.st.openers = p.st.openers[:k-1]
	if o.Parent() == nil || !o.active {
		return nil
	}
	src := block.Source()
	label := src[o.seg.Stop:seg.Start]
	l, save := block.Position()
	block.Advance(1)
	dest, title, ok := p.destination(block, pc, label)
	if !ok {
		block.SetPosition(l, save)
		return nil
	}
	var n ast.Node
	if o.image {
		img := ast.NewImage(ast.NewLink())
		img.Destination, img.Title = dest, title
		n = img
	} else {
		link := ast.NewLink()
		link.Destination, link.Title = dest, title
		n = link
		// No links inside links: earlier openers become text.
		for _, e := range p.st.openers {
			if !e.image {
				e.active = false
			}
		}
	}
	n.SetPos(o.seg.Start)
	parser.ProcessDelimiters(o.bottom, pc)
	for c := o.NextSibling(); c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		n.AppendChild(n, c)
		c = next
	}
	parent.RemoveChild(parent, o)
	return n
}

// lastDelimiter returns the last emphasis delimiter of the block so far,
// as a node (nil when there is none).
func lastDelimiter(pc parser.Context) ast.Node {
	if d := pc.LastDelimiter(); d != nil {
		return d
	}
	return nil
}

// destination reads what follows "]": an inline destination, a
// reference, or nothing (the label is then the reference).
func (p *linkParser) destination(block text.Reader, pc parser.Context, label []byte) (dest, title []byte, ok bool) {
	line, _ := block.PeekLine()
	if len(line) > 0 && line[0] == '(' {
		return p.inline(block)
	}
	// [text][id], [text] [id], or [text].
	ref := label
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '[' {
		if end := bytes.IndexByte(line[i:], ']'); end > 0 {
			if end > 1 {
				ref = line[i+1 : i+end]
			}
			block.Advance(i + end + 1)
		}
	}
	if len(ref) > maxLabel {
		return nil, nil, false
	}
	r, found := pc.Reference(util.ToLinkReference(ref))
	if !found {
		return nil, nil, false
	}
	return r.Destination(), r.Title(), true
}

// inline reads "(destination "title")" the way kramdown does.
func (p *linkParser) inline(block text.Reader) (dest, title []byte, ok bool) {
	rest, _ := linesAhead(block, ")", maxSpanLines)
	// (<url>)
	if len(rest) > 1 && rest[1] == '<' {
		if e := bytes.IndexByte(rest[2:], '>'); e >= 0 {
			d := rest[2 : 2+e]
			after := 2 + e + 1
			if after < len(rest) && rest[after] == ')' {
				block.Advance(after + 1)
				return d, nil, true
			}
			if t, n, ok := linkTitle(rest[after:]); ok {
				block.Advance(after + n)
				return d, t, true
			}
		}
	}
	depth := 0
	i := 0
	for ; i < len(rest); i++ {
		c := rest[i]
		if c == '{' {
			// Liquid is opaque: Jekyll replaces it before kramdown reads
			// the destination.
			if end := liquidEnd(rest, i); end > 0 {
				i = end - 1
				continue
			}
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			depth--
			if depth == 0 {
				break
			}
		} else if isRubySpace(c) && i+1 < len(rest) && (rest[i+1] == '"' || rest[i+1] == '\'') {
			break
		}
	}
	if i >= len(rest) {
		return nil, nil, false
	}
	d := bytes.TrimFunc(rest[1:i], func(r rune) bool { return r < 0x80 && isRubySpace(byte(r)) })
	if depth == 0 {
		block.Advance(i + 1)
		return d, nil, true
	}
	t, n, ok := linkTitle(rest[i:])
	if !ok {
		return nil, nil, false
	}
	block.Advance(i + n)
	return d, t, true
}

// linkTitle matches kramdown's \s*?(["'])(.+?)\1\s*?\) at the start of
// s, returning the title and the length matched.
func linkTitle(s []byte) ([]byte, int, bool) {
	i := 0
	for i < len(s) && isRubySpace(s[i]) {
		i++
	}
	if i >= len(s) || s[i] != '"' && s[i] != '\'' {
		return nil, 0, false
	}
	q := s[i]
	// The title is the shortest run ending in the quote that is followed
	// by optional whitespace and ")".
	for j := i + 2; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		k := j + 1
		for k < len(s) && isRubySpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] == ')' {
			return s[i+1 : j], k + 1, true
		}
	}
	return nil, 0, false
}

// maxLabel bounds the length of a reference label (CommonMark's limit;
// kramdown has none, but no definition has a longer one, and looking up
// long labels costs quadratic time on "[[[[…]]]]").
const maxLabel = 999

// maxSpanLines bounds how many lines a link destination, a tag or an
// inline math span may run over. kramdown sets no bound; without one,
// input full of unclosed "(" or "<tag" takes quadratic time, and no
// real page comes near it.
const maxSpanLines = 64

// linesAhead returns the text of the inline block from the reader's
// position: the rest of the current line and the following lines, up to
// and including the first one that holds stop (all of them when stop is
// ""), at most max lines in all (max < 0: no limit). found tells whether
// stop was seen. The reader is left where it was.
func linesAhead(block text.Reader, stop string, max int) (b []byte, found bool) {
	l, pos := block.Position()
	line, _ := block.PeekLine()
	b = append(b, line...)
	if stop != "" && bytes.Contains(line, []byte(stop)) {
		return b, true
	}
	for n := 1; max < 0 || n < max; n++ {
		block.AdvanceLine()
		next, _ := block.PeekLine()
		if next == nil {
			break
		}
		b = append(b, next...)
		if stop != "" && bytes.Contains(next, []byte(stop)) {
			found = true
			break
		}
	}
	block.SetPosition(l, pos)
	return b, found
}
