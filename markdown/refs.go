package markdown

import (
	"bytes"
	"sort"

	"github.com/tiptapmd/tiptapmd/internal/enum"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A ReferenceKind tells what kind of place in Markdown source a
// [Reference] is.
type ReferenceKind int

// The kinds of [Reference].
const (
	// RefLink is the destination of an inline link: [text](url).
	RefLink ReferenceKind = iota + 1
	// RefImage is the destination of an inline image: ![alt](url).
	RefImage
	// RefLinkDefinition is the destination of a reference definition,
	// [id]: url, that a link uses, or that nothing uses.
	RefLinkDefinition
	// RefImageDefinition is the destination of a reference definition
	// that only images use.
	RefImageDefinition
	// RefAutolink is the URL of an autolink: <https://…> or <user@host>.
	RefAutolink
	// RefHTML is a stretch of raw HTML (a block, an inline tag or
	// element, or the body of a {::nomarkdown} extension), whose URLs
	// are in its attributes. Its URL is empty.
	RefHTML
)

var referenceKinds = enum.New[ReferenceKind]("markdown.ReferenceKind", []string{RefLink: "link", RefImage: "image", RefLinkDefinition: "link-definition", RefImageDefinition: "image-definition", RefAutolink: "autolink", RefHTML: "html"})

// String returns the name of the kind, such as "link" or "html".
func (k ReferenceKind) String() string { return referenceKinds.String(k) }

// A Reference is a place in Markdown source that holds a URL: the
// destination of a link or an image, of a reference definition or of an
// autolink, or a stretch of raw HTML.
type Reference struct {
	Kind ReferenceKind
	// Start and End delimit the destination in the source passed to
	// [Refs], without its angle brackets; for RefHTML they delimit the
	// HTML. Both are -1 for the rare destination whose bytes cannot be
	// found in the source (one that runs over several lines inside a
	// block quote or list item).
	Start, End int
	// URL is the destination as written: kramdown neither resolves
	// backslash escapes nor percent-encodes destinations, and it leaves
	// character references such as "&amp;" for the browser to decode.
	// Liquid is kept as written. A line break inside it ("\r\n" or "\r"
	// in the source) reads as "\n", as kramdown reads it. For an e-mail
	// autolink it is "mailto:" followed by the address. It is empty for
	// RefHTML.
	URL string
	// Angle reports that the destination is written in angle brackets:
	// (<url>), [id]: <url>, or an autolink.
	Angle bool
}

// Refs returns the references of a Markdown page body, in source order,
// read with the same kramdown rules as [Parse]: links and images
// (inline, images inside links included, and reference-style ones
// through their definition, each definition listed once), reference
// definitions, autolinks, and the spans of raw HTML. What kramdown does
// not read as a link is not a reference: text in code spans and code
// blocks, Liquid tags, and inline tags it shows as text. A RefHTML
// reference is a stretch of raw HTML as a whole; reading the URLs in its
// attributes is left to the caller (package convert does it with
// kramdown's grammar for tags).
//
// The byte spans let a caller replace a destination and nothing else.
// Liquid is not resolved, so {{ site.baseurl }} stays part of a URL.
// Refs fails only on invalid UTF-8, and on the pages that Parse refuses
// for blocks nested too deeply or too many table cells, with a
// *[ParseError].
func Refs(src []byte) ([]Reference, error) {
	s, err := newSource(src, "", true)
	if err != nil {
		return nil, err
	}
	st := newState(s, Options{KeepBaseURL: true})
	pc := &parseContext{Context: parser.NewContext(), st: st}
	doc := mdParser().Parse(text.NewReader(s.text), parser.WithContext(pc))
	if st.deepAt >= 0 {
		return nil, &ParseError{Pos: s.pos(st.deepAt), Err: tiptap.ErrTooDeep}
	}
	if st.largeAt >= 0 {
		return nil, &ParseError{Pos: s.pos(st.largeAt), Err: tiptap.ErrTooLarge}
	}
	c := &refCollector{text: s.text, defs: make(map[int]int), ends: make(map[ast.Node]int), at: make(map[int]int)}
	for _, r := range pc.References() {
		c.definition(r.Destination())
	}
	c.walk(doc)
	// Sort by where each reference is written; one that could not be
	// located sorts where its link or image starts.
	order := make([]int, len(c.refs))
	for i, r := range c.refs {
		order[i] = r.Start
		if r.Start < 0 {
			order[i] = c.at[i]
		}
	}
	idx := make([]int, len(c.refs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return order[idx[a]] < order[idx[b]] })
	m := refOffsetMap(src)
	refs := make([]Reference, len(c.refs))
	for i, j := range idx {
		refs[i] = c.refs[j]
		if refs[i].Start >= 0 {
			refs[i].Start, refs[i].End = m.orig(refs[i].Start), m.orig(refs[i].End)
		}
	}
	return refs, nil
}

// refCollector gathers the references of one parsed document. Offsets
// are in text, the source as the parser read it.
type refCollector struct {
	text []byte
	refs []Reference
	// defs maps the start of each reference definition's destination to
	// its index in refs.
	defs map[int]int
	// pending is the index in refs of a raw inline HTML reference whose
	// end is the start of the next piece of inline source (-1 if none).
	pending int
	// ends maps each link and image whose destination was found to the
	// end of the destination.
	ends map[ast.Node]int
	// at holds, for each reference not located, where its link or image
	// starts, to sort it by.
	at map[int]int
}

// refOffsetIn returns the offset of b in text when b is a sub-slice of
// it, and -1 otherwise. An empty b is located by its capacity, which
// also points into text when b was cut from it.
func refOffsetIn(text, b []byte) int {
	if cap(b) == 0 {
		return -1
	}
	off := cap(text) - cap(b)
	if off < 0 || off >= cap(text) || &text[:cap(text)][off] != &b[:1][0] || off+len(b) > len(text) {
		return -1
	}
	return off
}

func (c *refCollector) definition(d []byte) {
	off := refOffsetIn(c.text, d)
	if off < 0 {
		return
	}
	if _, ok := c.defs[off]; ok {
		return
	}
	c.defs[off] = len(c.refs)
	c.refs = append(c.refs, Reference{
		Kind: RefLinkDefinition, Start: off, End: off + len(d), URL: string(d),
		Angle: c.angled(off, off+len(d)),
	})
}

// angled reports whether text[start:end] is written between < and >.
func (c *refCollector) angled(start, end int) bool {
	return start > 0 && c.text[start-1] == '<' && end < len(c.text) && c.text[end] == '>'
}

// walk collects the references of doc in document order, which for the
// inline nodes it looks at is source order.
func (c *refCollector) walk(doc ast.Node) {
	c.pending = -1
	usedByLink := make(map[int]bool)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			// Destinations are read on the way out, once those of images
			// inside a link are known.
			switch n := n.(type) {
			case *ast.Link:
				c.destination(n, n.Destination, RefLink, usedByLink)
			case *ast.Image:
				c.destination(n, n.Destination, RefImage, usedByLink)
			}
			if n.Type() == ast.TypeBlock {
				c.closePending(refBlockEnd(n))
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *htmlBlock:
			c.closePending(n.start)
			c.refs = append(c.refs, Reference{Kind: RefHTML, Start: n.start, End: n.end})
			return ast.WalkSkipChildren, nil
		case *extBlock:
			if off := refOffsetIn(c.text, n.body); off >= 0 && n.name == "nomarkdown" && len(n.body) > 0 {
				c.refs = append(c.refs, Reference{Kind: RefHTML, Start: off, End: off + len(n.body)})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			c.closePending(n.Segment.Start)
		case *liquidNode:
			c.closePending(n.seg.Start)
		case *rawInline:
			c.closePending(n.Pos())
			if i := n.Pos(); i >= 0 && i+1 < len(c.text) && c.text[i+1] != '/' && c.text[i+1] != '!' {
				c.pending = len(c.refs)
				c.refs = append(c.refs, Reference{Kind: RefHTML, Start: i, End: -1})
			}
		case *ast.AutoLink:
			label := n.Label(c.text)
			off := refOffsetIn(c.text, label)
			c.closePending(off - 1)
			if off >= 0 {
				url := string(label)
				if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(label, []byte("mailto:")) {
					url = "mailto:" + url
				}
				c.refs = append(c.refs, Reference{Kind: RefAutolink, Start: off, End: off + len(label), URL: url, Angle: true})
			}
		case *ast.Link, *ast.Image:
			c.closePending(n.Pos())
		}
		return ast.WalkContinue, nil
	})
	c.closePending(len(c.text))
}

// closePending ends a pending raw inline HTML reference at end.
func (c *refCollector) closePending(end int) {
	if c.pending < 0 || end < 0 {
		return
	}
	r := &c.refs[c.pending]
	if end < r.Start {
		return
	}
	r.End = end
	c.pending = -1
}

// refBlockEnd returns the end of the last line of block n, or -1.
func refBlockEnd(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(l.Len() - 1).Stop
	}
	return -1
}

// destination records the destination d of link or image n.
func (c *refCollector) destination(n ast.Node, d []byte, kind ReferenceKind, usedByLink map[int]bool) {
	off := refOffsetIn(c.text, d)
	if i, ok := c.defs[off]; ok && off >= 0 {
		// A reference link: its destination is the definition's.
		if kind == RefLink {
			usedByLink[off] = true
			c.refs[i].Kind = RefLinkDefinition
		} else if !usedByLink[off] {
			c.refs[i].Kind = RefImageDefinition
		}
		return
	}
	angle := false
	if off < 0 {
		off, angle = c.find(n, d)
	} else {
		angle = c.angled(off, off+len(d))
	}
	r := Reference{Kind: kind, Start: -1, End: -1, URL: string(d)}
	if off >= 0 {
		r.Start, r.End, r.Angle = off, off+len(d), angle
		c.ends[n] = off + len(d)
	} else {
		c.at[len(c.refs)] = n.Pos()
	}
	c.refs = append(c.refs, r)
}

// find locates the destination d of the inline link or image n, which
// the parser read from a copy of the source: it follows the first "]("
// after n's content (its text, and the destinations of images inside
// it), as "(<d>" or as "(" and optional white space before d. It
// returns -1 when d is not there, which happens when the destination
// runs over lines of a block quote or list item.
func (c *refCollector) find(n ast.Node, d []byte) (int, bool) {
	from := n.Pos() + 1
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || m == n {
			return ast.WalkContinue, nil
		}
		if t, ok := m.(*ast.Text); ok {
			from = max(from, t.Segment.Stop)
		}
		if e, ok := c.ends[m]; ok {
			from = max(from, e)
		}
		return ast.WalkContinue, nil
	})
	if from <= 0 || from > len(c.text) {
		return -1, false
	}
	i := bytes.Index(c.text[from:], []byte("]("))
	if i < 0 {
		return -1, false
	}
	j := from + i + 2
	if e := j + 1 + len(d); e < len(c.text) && c.text[j] == '<' && c.text[e] == '>' && bytes.HasPrefix(c.text[j+1:], d) {
		return j + 1, true
	}
	if len(d) == 0 {
		// Right after "(": a new URL written there cannot run into a
		// title.
		return j, false
	}
	for j < len(c.text) && refRubySpace(c.text[j]) {
		j++
	}
	if bytes.HasPrefix(c.text[j:], d) {
		return j, false
	}
	return -1, false
}

// refRubySpace reports whether c is white space to Ruby's strip, which
// kramdown applies to destinations.
func refRubySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// refOffsets maps offsets in the parser's text, where every "\r\n" of
// the source is one "\n", back to offsets in the source.
type refOffsets struct {
	// crlf holds, in order, the text offset of the "\n" of each "\r\n".
	crlf []int
}

func refOffsetMap(src []byte) refOffsets {
	var m refOffsets
	removed := 0
	for i := 0; i+1 < len(src); i++ {
		if src[i] == '\r' && src[i+1] == '\n' {
			m.crlf = append(m.crlf, i+1-removed-1)
			removed++
		}
	}
	return m
}

// orig returns the source offset of text offset off.
func (m refOffsets) orig(off int) int {
	return off + sort.SearchInts(m.crlf, off)
}
