package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/tiptapmd/tiptapmd/internal/slab"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
)

// The builder makes document nodes straight from goldmark's tree for
// the blocks made of Markdown alone: paragraphs and headings of text,
// emphasis, code, links and line breaks; code blocks; rules; quotes and
// lists of such blocks. It gives exactly the nodes, attributes and
// positions that tiptap.ParseHTML gives for the HTML the renderer writes
// for them (render.go): the same text, white space collapsed by the same
// rules, marks in the schema's order, each node placed where the
// renderer's position marks place it. A block it cannot build that way
// (something the dialect's reader would note, change or wrap) is left to
// the HTML reader: block reports false.

type builder struct {
	st    *state
	src   []byte
	s     *source
	links map[string]bool // fragments that the page's links point to
	rank  map[string]int  // mark type → place in tiptap.MarkOrder
	off   bool            // the source holds what only the HTML reader handles
	buf   []byte          // scratch space for the HTML of texts
	str   string          // the source as a string, once a text needed it (see srcString)
	// nodes, marks and ones hand out text nodes, their marks and
	// lists of one node.
	nodes slab.Slab[tiptap.Node]
	marks slab.Slab[tiptap.Mark]
	ones  slab.Slab[*tiptap.Node]
	in    inlines // the inline content being read (see inlines)
	depth int     // nesting in quotes and lists
	// cur is the source offset of the last node the renderer would have
	// marked (see renderer.mark), which gives nodes their positions.
	cur int
	// noPos leaves the nodes without positions, for [Read].
	noPos bool
	// rendered builds, for [Read], the raw HTML Render writes for hard
	// breaks, superscript and subscript, and images whose attributes hold
	// a lone "&", instead of reading their paragraphs as HTML; TestRead
	// and FuzzRead hold Read's documents to Parse's.
	rendered bool
}

func newBuilder(st *state, s *source) *builder {
	b := &builder{st: st, src: s.text, s: s, links: map[string]bool{}, rank: markRank(), cur: -1}
	// Carriage returns and NULs are changed by the HTML parser; text
	// positions are not kept where the source holds the noncharacters
	// tiptap marks them with (U+FDD0…U+FDEF, and their neighbours).
	b.off = bytes.IndexByte(s.text, '\r') >= 0 || bytes.IndexByte(s.text, 0) >= 0 || bytes.Contains(s.text, []byte("\xef\xb7"))
	return b
}

// markRank maps mark types to their place in tiptap.MarkOrder (built
// once, never changed).
var markRank = sync.OnceValue(func() map[string]int {
	rank := map[string]int{}
	for i, m := range tiptap.MarkOrder() {
		rank[m] = i
	}
	return rank
})

// srcString returns the source as a string, made once: the texts that
// are stretches of the source are pieces of it.
func (b *builder) srcString() string {
	if b.str == "" {
		b.str = string(b.src)
	}
	return b.str
}

// node returns a new node holding n, taken from a slab: a page has many
// small text nodes.
func (b *builder) node(n tiptap.Node) *tiptap.Node {
	p := b.nodes.New()
	*p = n
	return p
}

// one returns a slice holding n alone, taken from a slab (three-index:
// appending to it copies it).
func (b *builder) one(n *tiptap.Node) []*tiptap.Node {
	s := b.ones.Take(1)
	s[0] = n
	return s
}

func (b *builder) pos() tiptapmd.Pos {
	return b.posAt(b.cur)
}

// posAt returns the position of source offset off, or none when off is
// negative or b keeps no positions.
func (b *builder) posAt(off int) tiptapmd.Pos {
	if off < 0 || b.noPos {
		return tiptapmd.Pos{}
	}
	return b.s.pos(off)
}

// markBlock moves the position to block n, as renderer.mark does.
func (b *builder) markBlock(n ast.Node) {
	if off := blockStart(n); off >= 0 {
		b.cur = off
	}
}

// block builds block n, or reports false. It leaves b as it was when it
// fails.
func (b *builder) block(n ast.Node) ([]*tiptap.Node, bool) {
	if b.off {
		return nil, false
	}
	cur := b.cur
	out, ok := b.blockNodes(n)
	if !ok {
		// The links it recorded are in its HTML too.
		b.cur = cur
		return nil, false
	}
	return out, true
}

func (b *builder) blockNodes(n ast.Node) ([]*tiptap.Node, bool) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		b.markBlock(n)
		return b.paragraph(n)
	case *ast.Heading:
		b.markBlock(n)
		in, ok := b.inlines(n, false)
		if !ok {
			return nil, false
		}
		return b.one(b.node(tiptap.Node{Type: tiptap.TypeHeading, Attrs: map[string]any{"level": n.Level}, Pos: b.posAt(in.at), Content: finishInline(in.out)})), true
	case *ast.ThematicBreak:
		b.markBlock(n)
		return []*tiptap.Node{{Type: tiptap.TypeHorizontalRule, Pos: b.pos()}}, true
	case *ast.CodeBlock:
		b.markBlock(n)
		return b.codeBlock(n, nil)
	case *ast.FencedCodeBlock:
		b.markBlock(n)
		return b.codeBlock(n, n.Language(b.src))
	case *ast.Blockquote:
		b.markBlock(n)
		q := &tiptap.Node{Type: tiptap.TypeBlockquote, Pos: b.pos()}
		b.depth++
		defer func() { b.depth-- }()
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			nodes, ok := b.blockNodes(c)
			if !ok {
				return nil, false
			}
			q.Content = append(q.Content, nodes...)
		}
		if len(q.Content) == 0 {
			return nil, false
		}
		return []*tiptap.Node{q}, true
	case *ast.List:
		b.markBlock(n)
		return b.list(n)
	case *stopBlock, *ialBlock, *abbrevBlock:
		// The renderer writes nothing for them.
		b.markBlock(n)
		return nil, true
	}
	return nil, false
}

func (b *builder) codeBlock(n ast.Node, lang []byte) ([]*tiptap.Node, bool) {
	attrs := map[string]any{"language": nil}
	if len(lang) > 0 {
		if bytes.IndexByte(lang, '&') >= 0 || bytes.ContainsAny(lang, " \t\n\f") {
			return nil, false
		}
		attrs["language"] = string(lang)
	}
	c := &tiptap.Node{Type: tiptap.TypeCodeBlock, Attrs: attrs, Pos: b.pos()}
	var text []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		text = append(text, s.Value(b.src)...)
	}
	if t := strings.TrimRight(string(text), "\n"); t != "" {
		c.Content = []*tiptap.Node{{Type: tiptap.TypeText, Text: t, Pos: c.Pos}}
	}
	return []*tiptap.Node{c}, true
}

func (b *builder) list(n *ast.List) ([]*tiptap.Node, bool) {
	a := b.st.attrs[n]
	if _, ok := a.get("start"); ok && n.IsOrdered() {
		return nil, false
	}
	task := isTaskList(n)
	var l *tiptap.Node
	item := tiptap.TypeListItem
	switch {
	case task:
		l = &tiptap.Node{Type: tiptap.TypeTaskList, Pos: b.pos()}
		item = tiptap.TypeTaskItem
	case n.IsOrdered():
		l = &tiptap.Node{Type: tiptap.TypeOrderedList, Attrs: map[string]any{"start": 1}, Pos: b.pos()}
	default:
		l = &tiptap.Node{Type: tiptap.TypeBulletList, Attrs: map[string]any{}, Pos: b.pos()}
	}
	b.depth++
	defer func() { b.depth-- }()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		it := &tiptap.Node{Type: item, Pos: b.pos()}
		if task {
			cb := taskBox(c)
			it.Attrs = map[string]any{"checked": cb != nil && cb.IsChecked}
		}
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			nodes, ok := b.blockNodes(k)
			if !ok {
				return nil, false
			}
			it.Content = append(it.Content, nodes...)
		}
		if len(it.Content) == 0 || it.Content[0].Type != tiptap.TypeParagraph {
			return nil, false
		}
		if task && slices.ContainsFunc(it.Content, func(n *tiptap.Node) bool { return n.Type != tiptap.TypeParagraph }) {
			return nil, false
		}
		l.Content = append(l.Content, it)
	}
	if len(l.Content) == 0 {
		return nil, false
	}
	if !task {
		v, _ := a.get("data-tight")
		l.Attrs["tight"] = n.IsTight || v == "true" || !holdsParagraph(l)
	}
	return []*tiptap.Node{l}, true
}

// holdsParagraph reports whether a paragraph is under n.
func holdsParagraph(n *tiptap.Node) bool {
	for _, c := range n.Content {
		if c.Type == tiptap.TypeParagraph || holdsParagraph(c) {
			return true
		}
	}
	return false
}

// paragraph builds a paragraph. An image in it (at the top of the page,
// outside emphasis and links) stands between the paragraphs the reader
// splits it into: the text before it, when anything of the paragraph's
// HTML came before it, and the text after it.
func (b *builder) paragraph(n ast.Node) ([]*tiptap.Node, bool) {
	in, ok := b.inlines(n, b.depth == 0)
	if !ok || !in.nonBlank {
		// The renderer leaves out a paragraph of white space.
		return nil, ok
	}
	if len(in.parts) == 0 {
		// No image: one paragraph, or none.
		if !in.anyDOM {
			return nil, true
		}
		return b.one(b.node(tiptap.Node{Type: tiptap.TypeParagraph, Pos: b.posAt(in.at), Content: finishInline(in.out)})), true
	}
	var out []*tiptap.Node
	for _, part := range append(in.parts, inlinePart{content: in.out, any: in.anyDOM}) {
		if part.any {
			out = append(out, &tiptap.Node{Type: tiptap.TypeParagraph, Pos: b.posAt(in.at), Content: finishInline(part.content)})
		}
		if part.image != nil {
			out = append(out, part.image)
		}
	}
	return out, true
}

// inlines reads the inline content of n, with images when images is
// set. The result is valid until the next call.
func (b *builder) inlines(n ast.Node, images bool) (*inlines, bool) {
	// One inline content is read at a time: the builder's is reused,
	// with the scratch space of its stacks (the nodes it makes are new).
	in := &b.in
	*in = inlines{b: b, textAt: -1, lastGT: true, at: b.cur, text: b.buf[:0], images: images, marks: in.marks[:0], elems: in.elems[:0]}
	defer func() { b.buf = in.text[:0] }()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if !in.inline(c) {
			return nil, false
		}
	}
	if len(in.marks) > 0 {
		return nil, false // an element of raw HTML left open
	}
	in.flush()
	return in, true
}

// inlines builds the inline content of one text block as ProseMirror's
// parser reads it from the renderer's HTML: text between two elements is
// one DOM text node, read when the next element starts.
type inlines struct {
	b      *builder
	out    []*tiptap.Node
	marks  []tiptap.Mark // marks of the elements open, outermost first
	elems  []int         // where those elements are placed (offsets)
	at     int           // where the text block is placed
	text   []byte        // the HTML of the text node being written
	textAt int           // its position (an offset), -1 if none
	// mixed tells that the text's HTML is not known to be src[vlo:vhi]
	// (see follow).
	mixed    bool
	vlo, vhi int
	nonBlank bool // something other than white space was written
	lastGT   bool // the last HTML written ends with '>'
	// images tells whether images may be read; parts holds the content
	// before each image read, and anyDOM whether the HTML since the last
	// image holds anything (even white space, or nothing the reader
	// keeps), which makes the reader split a paragraph there.
	images bool
	parts  []inlinePart
	anyDOM bool
}

// An inlinePart is the content of a paragraph before an image, and the
// image.
type inlinePart struct {
	content []*tiptap.Node
	any     bool
	image   *tiptap.Node
}

// write adds HTML text (no tags) to the text node being written. at is
// the source offset of s, or -1 (for this and the two below).
func (in *inlines) write(h []byte, at int) {
	from := len(in.text)
	in.text = append(in.text, h...)
	in.wrote(from, at)
}

// writeText adds Markdown text as the renderer writes it (renderer.text).
func (in *inlines) writeText(s []byte, at int) {
	from := len(in.text)
	r := renderer{out: in.text}
	r.text(s)
	in.text = r.out
	in.wrote(from, at)
}

// writeEscaped adds text escaped as HTML.
func (in *inlines) writeEscaped(s []byte, m htmlesc.Mode, at int) {
	from := len(in.text)
	in.text = htmlesc.Append(in.text, s, m)
	in.wrote(from, at)
}

// wrote records what the HTML added to the text from offset from holds;
// at is the source offset of what was written, or -1.
func (in *inlines) wrote(from, at int) {
	h := in.text[from:]
	if len(h) == 0 {
		return
	}
	in.follow(h, from == 0, at)
	in.anyDOM = true
	if in.textAt < 0 {
		// The reader places a text at its first character that is not
		// white space; a text of white space only at its element.
		for _, c := range h {
			if !ascii.IsSpace(c) {
				in.textAt = in.b.cur
				break
			}
		}
	}
	in.lastGT = h[len(h)-1] == '>'
	if !isBlankBytes(h) {
		in.nonBlank = true
	}
}

// follow keeps track of whether the text node's HTML is, byte for byte,
// a stretch of the source, src[vlo:vhi] (see flush): h was just written,
// first tells that it starts the text, at is where it was read from in
// the source (-1 when it was not). It is as long as each piece written
// is the bytes of the source that follow the last one.
func (in *inlines) follow(h []byte, first bool, at int) {
	if in.mixed {
		return
	}
	if first {
		if at < 0 {
			in.mixed = true
			return
		}
		in.vlo, in.vhi = at, at
	}
	if !bytes.HasPrefix(in.b.src[in.vhi:], h) {
		in.mixed = true
		return
	}
	in.vhi += len(h)
}

// element records an element boundary: the text before it is read.
func (in *inlines) element() {
	in.flush()
	in.anyDOM = true
	in.nonBlank = true
	in.lastGT = true
}

// flush reads the text node being written (ParseContext.addTextNode).
func (in *inlines) flush() {
	if len(in.text) == 0 {
		return
	}
	var v string
	if !in.mixed && in.vhi-in.vlo == len(in.text) {
		// The HTML is a stretch of the source: the text is a piece of
		// one string of the source, instead of a string of its own.
		v = in.b.srcString()[in.vlo:in.vhi]
	} else {
		v = string(in.text)
	}
	in.mixed = false
	at := in.textAt
	if at < 0 {
		at = in.at
		if k := len(in.elems); k > 0 {
			at = in.elems[k-1]
		}
	}
	in.text, in.textAt = in.text[:0], -1
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v)
	}
	v = ascii.CollapseSpace(v)
	if v != "" && v[0] == ' ' {
		if k := len(in.out); k == 0 || in.out[k-1].Type == tiptap.TypeHardBreak || in.out[k-1].Type == tiptap.TypeText && endsHTMLSpace(in.out[k-1].Text) {
			v = v[1:]
		}
	}
	if v == "" {
		return
	}
	in.out = append(in.out, in.b.node(tiptap.Node{Type: tiptap.TypeText, Text: v, Marks: in.currentMarks(), Pos: in.b.posAt(at)}))
}

// currentMarks returns the marks open, in the schema's order.
func (in *inlines) currentMarks() []tiptap.Mark {
	if len(in.marks) == 0 {
		return nil
	}
	// The marks of a node are its own (three-index slice of a slab): a
	// change to them changes no other node.
	ms := in.b.marks.Take(len(in.marks))
	copy(ms, in.marks)
	slices.SortStableFunc(ms, func(x, y tiptap.Mark) int { return in.b.rank[x.Type] - in.b.rank[y.Type] })
	return ms
}

// push opens a mark; it reports false when the mark is open already
// (the reader would replace it, or note it).
func (in *inlines) push(m tiptap.Mark) bool {
	for _, o := range in.marks {
		if o.Type == m.Type || o.Type == tiptap.MarkCode {
			return false
		}
	}
	in.element()
	in.marks = append(in.marks, m)
	in.elems = append(in.elems, in.b.cur)
	return true
}

func (in *inlines) pop() {
	in.element()
	in.marks = in.marks[:len(in.marks)-1]
	in.elems = in.elems[:len(in.elems)-1]
}

// mark moves the position to inline node n, as renderer.markInline does.
func (in *inlines) mark(n ast.Node) {
	if off := inlineStart(n); off >= 0 {
		in.b.cur = off
	}
}

func (in *inlines) inline(n ast.Node) bool {
	in.mark(n)
	switch n := n.(type) {
	case *ast.Text:
		if t, ok := in.b.st.typo[n]; ok {
			in.writeText(t, -1)
		} else {
			in.writeText(n.Segment.Value(in.b.src), n.Segment.Start)
		}
		switch {
		case n.HardLineBreak():
			in.element()
			in.out = append(in.out, &tiptap.Node{Type: tiptap.TypeHardBreak, Marks: in.currentMarks(), Pos: in.b.pos()})
			in.write([]byte("\n"), -1)
		case n.SoftLineBreak() && in.lastGT:
			in.write([]byte(" "), -1)
		case n.SoftLineBreak():
			in.write([]byte("\n"), -1)
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			if htmlBytes.Index(n.Value) >= 0 {
				return false
			}
			in.write(n.Value, -1)
		} else {
			in.writeText(n.Value, -1)
		}
	case *ast.CodeSpan:
		if !in.push(tiptap.Mark{Type: tiptap.MarkCode}) || len(in.marks) > 1 {
			return false
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				in.writeEscaped(t.Segment.Value(in.b.src), 0, t.Segment.Start)
			case *ast.String:
				in.writeEscaped(t.Value, 0, -1)
			}
		}
		in.pop()
	case *ast.Emphasis:
		m := tiptap.MarkItalic
		if n.Level == 2 {
			m = tiptap.MarkBold
		}
		return in.span(tiptap.Mark{Type: m}, n)
	case *extast.Strikethrough:
		return in.span(tiptap.Mark{Type: tiptap.MarkStrike}, n)
	case *ast.Link:
		if n.Title != nil || len(n.Attributes()) > 0 || n.FirstChild() == nil {
			return false
		}
		href, ok := in.href(n.Destination)
		if !ok {
			return false
		}
		return in.span(linkMark(href), n)
	case *ast.AutoLink:
		url := n.URL(in.b.src)
		dest := url
		if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
			dest = append([]byte("mailto:"), url...)
		}
		href, ok := in.href(dest)
		label := bytes.TrimPrefix(n.Label(in.b.src), []byte("mailto:"))
		if !ok || len(label) == 0 || !in.push(linkMark(href)) {
			return false
		}
		in.writeEscaped(label, htmlesc.KeepRefs, -1)
		in.pop()
	case *rawInline:
		// A line break written as HTML, as Render writes one, which the
		// reader reads as the line break of Markdown's. Only for Read:
		// in the pages people write, such paragraphs mostly sit between
		// HTML blocks, and building them here splits one HTML fragment
		// into two, which costs Parse more than it saves (on the corpus,
		// 1.31 M -> 1.41 M allocations; Read: 1.20 M -> 1.14 M).
		if !in.b.rendered {
			return false
		}
		switch string(n.html) {
		case "<br />":
			in.element()
			in.out = append(in.out, &tiptap.Node{Type: tiptap.TypeHardBreak, Marks: in.currentMarks(), Pos: in.b.pos()})
		case "<sup>", "<sub>":
			// Superscript and subscript, as Render writes them (also
			// only for Read, for the same reason).
			return in.push(tiptap.Mark{Type: scriptMarks[string(n.html)]})
		case "</sup>", "</sub>":
			k := len(in.marks)
			if k == 0 || in.marks[k-1].Type != scriptMarks[string(n.html[:1])+string(n.html[2:])] {
				return false
			}
			in.pop()
		default:
			return false
		}
	case *liquidNode:
		in.writeEscaped(n.seg.Value(in.b.src), 0, n.seg.Start)
	case *literalInline:
		in.writeEscaped(n.text, 0, -1)
	case *linkOpener:
		if htmlBytes.Index(n.seg.Value(in.b.src)) >= 0 {
			return false
		}
		in.write(n.seg.Value(in.b.src), n.seg.Start)
	case *ast.Image:
		return in.image(n)
	case *extast.TaskCheckBox:
	default:
		return false
	}
	return true
}

// image reads an image, which the reader moves out of the paragraph.
func (in *inlines) image(n *ast.Image) bool {
	if !in.images || len(in.marks) > 0 || len(n.Attributes()) > 0 {
		return false
	}
	src, ok := in.attr(n.Destination)
	if !ok || src == "" || strings.HasPrefix(src, "data:") || tiptap.UnsafeURL(src) {
		return false
	}
	alt, ok := in.attr(plainText(n, in.b.src))
	if !ok {
		return false
	}
	a := tiptap.DefaultAttrs(tiptap.TypeImage)
	a["src"], a["alt"] = src, alt
	if n.Title != nil {
		if a["title"], ok = in.attr(n.Title); !ok {
			return false
		}
	}
	in.flush()
	in.parts = append(in.parts, inlinePart{content: in.out, any: in.anyDOM, image: &tiptap.Node{Type: tiptap.TypeImage, Attrs: a, Pos: in.b.pos()}})
	in.out, in.anyDOM = nil, false
	in.nonBlank, in.lastGT = true, true
	return true
}

// attr returns an attribute value as the reader reads the renderer's
// attribute, or false when reading it would change it (a character
// reference, white space the editor trims at its ends).
func (in *inlines) attr(v []byte) (string, bool) {
	if bytes.IndexByte(v, '&') >= 0 && (!in.b.rendered || hasRef(v)) {
		// For Read only, an "&" that starts no reference is read as
		// written (as href reads it): images whose URL holds one are
		// common in what Render writes. Parse is left as it was.
		return "", false
	}
	s := string(v)
	if strings.TrimFunc(s, func(r rune) bool { return r == '\uFEFF' || unicode.IsSpace(r) }) != s {
		return "", false
	}
	return s, true
}

// span reads an element that gives its content mark m.
func (in *inlines) span(m tiptap.Mark, n ast.Node) bool {
	if !in.push(m) {
		return false
	}
	k := len(in.marks)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if !in.inline(c) {
			return false
		}
	}
	if len(in.marks) != k {
		return false // an element of raw HTML left open, or closed m
	}
	in.pop()
	return true
}

// scriptMarks maps the tags of superscript and subscript to their marks.
var scriptMarks = map[string]string{"<sup>": tiptap.MarkSuperscript, "<sub>": tiptap.MarkSubscript}

// hasRef reports whether an "&" of v starts a character reference.
func hasRef(v []byte) bool {
	for i, c := range v {
		if c == '&' && htmlesc.RefLen(v, i) > 0 {
			return true
		}
	}
	return false
}

// href returns a link destination as the reader reads the renderer's
// href attribute, or false when the reader would note it.
func (in *inlines) href(dest []byte) (string, bool) {
	for i, c := range dest {
		if c == '&' && htmlesc.RefLen(dest, i) > 0 {
			return "", false
		}
	}
	h := string(dest)
	if tiptap.UnsafeURL(h) {
		return "", false
	}
	if t := strings.TrimSpace(h); len(t) > 1 && t[0] == '#' {
		in.b.links[t[1:]] = true
	}
	return h, true
}

// linkMark returns the mark of a Markdown link: the editor's defaults
// (target, rel) and href.
func linkMark(href string) tiptap.Mark {
	a := tiptap.DefaultAttrs(tiptap.MarkLink)
	a["href"] = href
	return tiptap.Mark{Type: tiptap.MarkLink, Attrs: a}
}

// finishInline ends a text block's content as the reader does
// (NodeContext.finish): white space at its ends and before unformatted
// line breaks goes, adjacent texts with the same marks merge.
func finishInline(nodes []*tiptap.Node) []*tiptap.Node {
	if k := len(nodes); k > 0 && nodes[k-1].Type == tiptap.TypeText {
		if t := strings.TrimRight(nodes[k-1].Text, " \t\r\n\f"); t == "" {
			nodes = nodes[:k-1]
		} else {
			nodes[k-1].Text = t
		}
	}
	if len(nodes) > 0 && nodes[0].Type == tiptap.TypeText {
		if t := strings.TrimLeft(nodes[0].Text, " \t\r\n\f"); t == "" {
			nodes = nodes[1:]
		} else {
			nodes[0].Text = t
		}
	}
	out := nodes[:0]
	for i, n := range nodes {
		if n.Type == tiptap.TypeText && len(n.Marks) == 0 && i+1 < len(nodes) && nodes[i+1].Type == tiptap.TypeHardBreak && len(nodes[i+1].Marks) == 0 {
			if n.Text = strings.TrimRight(n.Text, " \t\r\n\f"); n.Text == "" {
				continue
			}
		}
		out = append(out, n)
	}
	out = tiptap.MergeText(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

func endsHTMLSpace(s string) bool {
	return s != "" && ascii.IsSpace(s[len(s)-1])
}
