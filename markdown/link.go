package markdown

import (
	"bytes"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
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
	inlineNode
	image  bool
	seg    text.Segment // the "[" or "![" in the source
	bottom ast.Node     // the last emphasis delimiter before it
	active bool
}

type linkParser struct{}

func (p *linkParser) Trigger() []byte { return []byte{'!', '[', ']'} }

// CloseBlock implements parser.CloseBlocker: openers left at the end of
// a block are text.
func (p *linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	st := stOf(pc)
	st.openers = st.openers[:0]
	st.inactive = 0
	st.dest = nil
}

func (p *linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	switch {
	case line[0] == '!' && len(line) > 1 && line[1] == '[' && (len(line) < 3 || line[2] != '^'):
		o := &linkOpener{image: true, seg: text.NewSegment(seg.Start, seg.Start+2), active: true}
		o.bottom = lastDelimiter(pc)
		st.openers = append(st.openers, o)
		block.Advance(2)
		return o
	case line[0] == '[' && (len(line) < 2 || line[1] != '^'):
		o := &linkOpener{seg: text.NewSegment(seg.Start, seg.Start+1), active: true}
		o.bottom = lastDelimiter(pc)
		st.openers = append(st.openers, o)
		block.Advance(1)
		return o
	case line[0] != ']':
		return nil
	}
	k := len(st.openers)
	if k == 0 {
		return nil
	}
	o := st.openers[k-1]
	st.openers = st.openers[:k-1]
	st.inactive = min(st.inactive, k-1)
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
		// No links inside links: earlier openers become text (those
		// below st.inactive already are).
		for _, e := range st.openers[st.inactive:] {
			if !e.image {
				e.active = false
			}
		}
		st.inactive = len(st.openers)
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
		return p.inline(stOf(pc), block)
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

// destMemo remembers what reading one inline destination found out
// about the text after it, so that the destinations that start further
// on in the same text are read without scanning it again: a line of
// thousands of "[x](" that never close would otherwise take quadratic
// time. The window is the text linesAhead returns for the first
// destination; it is the same for every destination that starts later
// on the same line, unless the first line's part after the "(" held a
// ")" and the later one starts after the last of them.
type destMemo struct {
	line      int    // block line of the window's start
	start     int    // source offset of window[0]
	window    []byte // linesAhead's text from start
	firstLen  int    // length of the window's first line
	lastClose int    // offset of the last ")" of the first line, or -1
	// The scan from scanFrom stopped at scanStop without closing its
	// "(": at a title (stopTitle) or at the end of the window. match
	// holds, for each "(" the scan visited, the offset of the ")" that
	// closes it, or -1.
	scanFrom, scanStop int
	stopTitle          bool
	match              map[int]int
	// titleFail holds, for each quote, the smallest offset from which
	// linkTitle is known to fail (-1: unknown); it then fails from any
	// later offset too.
	titleFail [2]int
	// The first ">" at or after gtFrom is at gtAt (-1: none).
	gtFrom, gtAt int
}

// memo returns the memo whose window holds the destination at the
// reader's position, making a new one when there is none, and the offset
// of the destination in its window. It returns nil when the line cannot
// be read as a part of a window (a tab expanded into padding).
func (p *linkParser) memo(st *state, block text.Reader) (*destMemo, int) {
	l, seg := block.Position()
	if m := st.dest; m != nil && m.line == l && seg.Padding == 0 {
		off := seg.Start - m.start
		if off >= 0 && off < m.firstLen && (m.lastClose < 0 || m.lastClose > off) {
			return m, off
		}
	}
	if seg.Padding != 0 {
		return nil, 0
	}
	line, _ := block.PeekLine()
	rest, _ := linesAhead(block, ")", maxSpanLines)
	m := &destMemo{
		line: l, start: seg.Start, window: rest, firstLen: len(line),
		lastClose: bytes.LastIndexByte(line, ')'), scanFrom: -1, scanStop: -1,
		titleFail: [2]int{-1, -1}, gtFrom: -1,
	}
	st.dest = m
	return m, 0
}

// title reads a title at rest[i:] (see linkTitle), where rest starts at
// offset off of m's window.
func (m *destMemo) title(rest []byte, i, off int) ([]byte, int, bool) {
	if m == nil {
		return linkTitle(rest[i:])
	}
	k := i
	for k < len(rest) && isRubySpace(rest[k]) {
		k++
	}
	if k >= len(rest) || rest[k] != '"' && rest[k] != '\'' {
		return nil, 0, false
	}
	q := 0
	if rest[k] == '\'' {
		q = 1
	}
	if f := m.titleFail[q]; f >= 0 && off+k >= f {
		return nil, 0, false
	}
	t, n, ok := linkTitle(rest[i:])
	if !ok {
		if f := m.titleFail[q]; f < 0 || off+k < f {
			m.titleFail[q] = off + k
		}
	}
	return t, n, ok
}

// indexGT returns the offset in rest of the first ">" at or after i, or
// -1, where rest starts at offset off of m's window.
func (m *destMemo) indexGT(rest []byte, i, off int) int {
	if m == nil {
		if e := bytes.IndexByte(rest[i:], '>'); e >= 0 {
			return i + e
		}
		return -1
	}
	if m.gtFrom < 0 || off+i < m.gtFrom || m.gtAt >= 0 && off+i > m.gtAt {
		m.gtFrom, m.gtAt = off+i, -1
		if e := bytes.IndexByte(rest[i:], '>'); e >= 0 {
			m.gtAt = off + i + e
		}
	}
	if m.gtAt < 0 {
		return -1
	}
	return m.gtAt - off
}

// inline reads "(destination "title")" the way kramdown does.
func (p *linkParser) inline(st *state, block text.Reader) (dest, title []byte, ok bool) {
	m, off := p.memo(st, block)
	var rest []byte
	if m != nil {
		rest = m.window[off:]
	} else {
		rest, _ = linesAhead(block, ")", maxSpanLines)
	}
	// (<url>)
	if len(rest) > 1 && rest[1] == '<' {
		if e := m.indexGT(rest, 2, off); e >= 0 {
			d := rest[2:e]
			after := e + 1
			if after < len(rest) && rest[after] == ')' {
				block.Advance(after + 1)
				return d, nil, true
			}
			if t, n, ok := m.title(rest, after, off); ok {
				block.Advance(after + n)
				return d, t, true
			}
		}
	}
	i, depth, known := m.scanned(off)
	if !known {
		i, depth = m.scan(rest, off)
	}
	if i >= len(rest) {
		return nil, nil, false
	}
	d := bytes.TrimFunc(rest[1:i], func(r rune) bool { return r < 0x80 && isRubySpace(byte(r)) })
	if depth == 0 {
		block.Advance(i + 1)
		return d, nil, true
	}
	t, n, ok := m.title(rest, i, off)
	if !ok {
		return nil, nil, false
	}
	block.Advance(i + n)
	return d, t, true
}

// scanned returns what scan would return for the destination at offset
// off of the window, when an earlier scan visited its "(": the ")" that
// closes it, or where that scan stopped (at a title, or at the end of
// the window).
func (m *destMemo) scanned(off int) (i, depth int, known bool) {
	if m == nil || m.match == nil || off <= m.scanFrom || off >= m.scanStop {
		return 0, 0, false
	}
	j, ok := m.match[off]
	switch {
	case !ok:
		return 0, 0, false
	case j >= 0:
		return j - off, 0, true
	case m.stopTitle:
		return m.scanStop - off, 1, true
	}
	return len(m.window) - off, 1, true
}

// scan reads the destination at rest[0] == '(': up to the ")" that
// closes it (depth 0), or to the start of a title (depth > 0), or to the
// end of rest (i == len(rest)). Liquid is opaque: Jekyll replaces it
// before kramdown reads the destination. When the "(" stays open, m (if
// not nil; rest starts at offset off of its window) records the "(" met
// on the way and the ")" that close them.
func (m *destMemo) scan(rest []byte, off int) (i, depth int) {
	var opens []int
	var match map[int]int
	if m != nil {
		match = map[int]int{}
	}
	for ; i < len(rest); i++ {
		c := rest[i]
		if c == '{' {
			if end := liquid.End(rest, i); end > 0 {
				i = end - 1
				continue
			}
		}
		if c == '(' {
			depth++
			if match != nil {
				opens = append(opens, i)
				match[off+i] = -1
			}
		} else if c == ')' {
			depth--
			if match != nil && len(opens) > 0 {
				match[off+opens[len(opens)-1]] = off + i
				opens = opens[:len(opens)-1]
			}
			if depth == 0 {
				return i, 0
			}
		} else if isRubySpace(c) && i+1 < len(rest) && (rest[i+1] == '"' || rest[i+1] == '\'') {
			break
		}
	}
	if m != nil {
		m.scanFrom, m.scanStop, m.stopTitle, m.match = off, off+i, i < len(rest), match
	}
	return i, depth
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
// stop was seen. The reader is left where it was. When stop is on the
// current line, the result is that line, not a copy: the caller must
// not modify it.
func linesAhead(block text.Reader, stop string, max int) (b []byte, found bool) {
	l, pos := block.Position()
	line, _ := block.PeekLine()
	if stop != "" && bytes.Contains(line, []byte(stop)) {
		return line, true
	}
	b = append(b, line...)
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
