package markdown

import (
	"bytes"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Inline content. The marks of a run nest as Markdown needs them (see
// openOrder); the run is built as a small tree of spans, white space is
// collapsed over it as a browser collapses it over the editor's HTML,
// and the tree is printed.

// pspan is a piece of inline content.
type pspan struct {
	kind pKind
	// text: the text of a pText (white space collapsed), the HTML of
	// a pRaw, the code of a pCode.
	text string
	// mark is the mark of a pMark.
	mark tiptap.Mark
	// href and target are a link's destination and target.
	href, target string
	// htmlBreak asks for <br /> rather than two spaces and a newline.
	htmlBreak bool
	kids      []*pspan
}

type pKind uint8

const (
	pText pKind = iota
	pRaw        // written as it is
	pBreak
	pMark // bold, italic, strike, link, superscript, subscript
	pCode
)

// printInline appends inline content. htmlBreaks says that hard breaks
// must be <br /> (headings and table cells are one line).
func (w *writer) printInline(out []byte, nodes []*tiptap.Node, htmlBreaks bool) []byte {
	spans, kids := w.spans.Mark(), w.kids.Mark()
	if w.rootKids == nil {
		w.rootKids = make([]*pspan, 0, 16)
	}
	root := w.span(pspan{kind: pMark, kids: w.rootKids[:0]})
	w.buildSpans(root, nodes, htmlBreaks)
	c := collapser{}
	c.walk(root)
	c.end()
	out = w.printSpans(out, root.kids)
	// The spans are printed: their places serve the next block, and the
	// list of the root's kids (never the arena's: it starts non-nil)
	// the next content printed.
	w.rootKids = root.kids[:0]
	w.spans.Release(spans)
	w.kids.Release(kids)
	return out
}

// buildSpans builds the spans of inline nodes under root.
func (w *writer) buildSpans(root *pspan, nodes []*tiptap.Node, htmlBreaks bool) {
	// The open marks, outermost first, and their spans.
	var openMarks []tiptap.Mark
	var openSpans []*pspan
	var orderBuf [4]tiptap.Mark // openOrder's room
	cur := func() *pspan {
		if len(openSpans) == 0 {
			return root
		}
		return openSpans[len(openSpans)-1]
	}
	add := func(s *pspan) { w.addKid(cur(), s) }
	for i := 0; i < len(nodes); i++ {
		n := nodes[i]
		marks := sortedMarks(n.Marks)
		keep := 0
		for keep < len(openMarks) && containsMark(marks, openMarks[keep]) {
			keep++
		}
		openMarks, openSpans = openMarks[:keep], openSpans[:keep]
		raw := false
		var opening []tiptap.Mark
		if len(marks) > 0 {
			// (Without marks, nothing opens.)
			opening = openOrder(orderBuf[:0], nodes, i, marks, openMarks)
		}
		for _, m := range opening {
			if m.Type == tiptap.MarkUnderline || m.Type == tiptap.MarkHighlight {
				outside := make([]tiptap.Mark, len(openMarks), len(openMarks)+1)
				copy(outside, openMarks)
				need := append(outside, m)
				j := i + 1
				for j < len(nodes) && hasMarks(nodes[j], need) {
					j++
				}
				add(w.span(pspan{kind: pRaw, text: w.protect(w.inlineHTML(nodes[i:j], outside))}))
				i = j - 1
				raw = true
				break
			}
			s := w.markSpan(m)
			add(s)
			openMarks, openSpans = append(openMarks, m), append(openSpans, s)
		}
		if raw {
			continue
		}
		switch n.Type {
		case tiptap.TypeText:
			if s := cur(); s.kind == pCode {
				s.text += w.protect(n.Text)
				break
			}
			w.textSpans(cur(), n.Text)
		case tiptap.TypeHardBreak:
			add(w.span(pspan{kind: pBreak, htmlBreak: htmlBreaks || breakNeedsHTML(nodes, i)}))
		}
	}
}

// markSpan returns the span of mark m.
func (w *writer) markSpan(m tiptap.Mark) *pspan {
	switch m.Type {
	case tiptap.MarkCode:
		return w.span(pspan{kind: pCode})
	case tiptap.MarkLink:
		w.linkNotes(m)
		s := w.span(pspan{kind: pMark, mark: m, href: w.destination(w.protect(m.AttrString("href")), nil)})
		if t := m.AttrString("target"); w.opts.LinkTargets && t != "" {
			s.target = w.protect(t)
		}
		return s
	}
	return w.span(pspan{kind: pMark, mark: m})
}

// textSpans appends text as text spans and verbatim Liquid.
func (w *writer) textSpans(parent *pspan, s string) {
	for s != "" {
		i, j := nextLiquid(s)
		if i < 0 {
			w.addKid(parent, w.span(pspan{kind: pText, text: w.markdownText(s)}))
			return
		}
		if i > 0 {
			w.addKid(parent, w.span(pspan{kind: pText, text: w.markdownText(s[:i])}))
		}
		w.addKid(parent, w.span(pspan{kind: pRaw, text: w.protect(w.inertLiquid(s[i:j]))}))
		s = s[j:]
	}
}

// collapser collapses white space over inline content as a browser
// does: runs of ASCII white space become one space, and a space is
// dropped at the start and end of a line (at a hard break or the end of
// the block) and after another. Verbatim HTML and code count as text
// that is not white space.
type collapser struct {
	// last is the text span that the last text went to; nil at the
	// start of a line, and for verbatim content (which ends with no
	// space).
	last  *pspan
	atom  bool // the last text was verbatim content or code
	begun bool // text was seen on this line
}

func (c *collapser) walk(s *pspan) {
	for _, k := range s.kids {
		switch k.kind {
		case pText:
			t := collapseSpaces(k.text)
			if (!c.begun || c.last != nil && !c.atom && strings.HasSuffix(c.last.text, " ")) && strings.HasPrefix(t, " ") {
				t = t[1:]
			}
			k.text = t
			if t == "" {
				continue
			}
			c.last, c.atom, c.begun = k, false, true
		case pRaw:
			c.last, c.atom, c.begun = nil, true, true
		case pCode:
			c.last, c.atom, c.begun = nil, true, true
			c.walk(k)
		case pBreak:
			c.end()
		case pMark:
			c.walk(k)
		}
	}
}

// end ends a line: a space at its end is dropped.
func (c *collapser) end() {
	if c.last != nil && !c.atom {
		c.last.text = strings.TrimSuffix(c.last.text, " ")
	}
	c.last, c.atom, c.begun = nil, false, false
}

// collapseSpaces replaces every run of spaces, tabs and line breaks by
// one space.
func collapseSpaces(s string) string {
	if !collapsible(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r':
			if !space {
				b = append(b, ' ')
			}
			space = true
		default:
			b = append(b, c)
			space = false
		}
	}
	return string(b)
}

// collapsible reports whether collapseSpaces changes s: it holds a tab,
// a line break or two spaces in a row. It reads eight bytes at a time
// (text is most of a page, and this runs on all of it): a word of
// letters and single spaces passes with a few operations, and only a
// word with another byte below "!" is read byte by byte.
func collapsible(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		lows  = 0x7F7F7F7F7F7F7F7F
	)
	lastSpace := false // the byte before i is a space
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// below: the high bit of each byte under 0x21; spaces: of
		// each byte 0x20. Exact per byte (no carry crosses bytes).
		below := ^(((x & lows) + 0x5F*ones) | x) & highs
		if below == 0 {
			lastSpace = false
			continue
		}
		y := x ^ 0x20*ones
		spaces := ^(((y & lows) + lows) | y) & highs
		if below != spaces {
			// A tab, a line break or another control byte: byte by
			// byte, from the byte before (a space there counts).
			return collapsibleBytes(s[max(i-1, 0):])
		}
		if spaces&(spaces>>8) != 0 || lastSpace && spaces&0x80 != 0 {
			return true // two spaces in a row
		}
		lastSpace = spaces>>63 != 0
	}
	return collapsibleBytes(s[max(i-1, 0):])
}

// collapsibleBytes is collapsible, a byte at a time.
func collapsibleBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// nextLiquid is liquid.Next for text, which mostly holds no "{": it
// looks for one first, with strings.IndexByte, and asks liquid.Next only
// then.
func nextLiquid(s string) (start, end int) {
	if strings.IndexByte(s, '{') < 0 {
		return -1, -1
	}
	return liquid.Next(s)
}

// span returns a new span holding s. Spans are taken from an arena,
// for the many small spans of a document's text.
func (w *writer) span(s pspan) *pspan {
	p := w.spans.New()
	*p = s
	return p
}

// addKid adds kid to the spans under p. A span's first kid goes to a
// slice of one taken from an arena (most spans have one); more move it
// out.
func (w *writer) addKid(p, kid *pspan) {
	if p.kids == nil {
		p.kids = w.kids.One()
	}
	p.kids = append(p.kids, kid)
}

// printNested prints spans into a scratch buffer of their nesting level
// and passes them to wrap, which appends them to out.
func (w *writer) printNested(out []byte, spans []*pspan, wrap func(out, content []byte) []byte) []byte {
	if len(w.nested) == w.depth {
		w.nested = append(w.nested, nil)
	}
	k := w.depth
	w.depth++
	content := w.printSpans(w.nested[k][:0], spans)
	w.depth--
	out = wrap(out, content)
	w.nested[k] = content[:0]
	return out
}

// printSpans appends spans.
func (w *writer) printSpans(out []byte, spans []*pspan) []byte {
	for _, s := range spans {
		out = w.printSpan(out, s)
	}
	return out
}

func (w *writer) printSpan(out []byte, s *pspan) []byte {
	switch s.kind {
	case pText:
		return markText(out, s.text)
	case pRaw:
		return append(out, s.text...)
	case pBreak:
		if s.htmlBreak {
			return append(out, "<br />"...)
		}
		return append(out, "  \n"...)
	case pCode:
		return appendCode(out, s.text)
	}
	switch s.mark.Type {
	case tiptap.MarkBold:
		return w.printNested(out, s.kids, func(out, content []byte) []byte { return appendEmphasis(out, content, "**") })
	case tiptap.MarkItalic:
		return w.printNested(out, s.kids, func(out, content []byte) []byte { return appendEmphasis(out, content, "*") })
	case tiptap.MarkStrike:
		return w.printNested(out, s.kids, func(out, content []byte) []byte { return appendEmphasis(out, content, "~~") })
	case tiptap.MarkLink:
		return w.printLink(out, s)
	case tiptap.MarkSuperscript, tiptap.MarkSubscript:
		tag := markTag(s.mark.Type)
		out = append(out, "<"+tag+">"...)
		out = w.printSpans(out, s.kids)
		return append(out, "</"+tag+">"...)
	}
	return w.printSpans(out, s.kids)
}

// appendLinkText appends "[" and the printed text of a link, which it
// changes in place: a marked "]" in it, which would end it, takes its
// backslash now (the marker becomes it), and a "^" at its start, which
// would make "[^" a footnote and takes no backslash, is written as a
// reference.
func appendLinkText(out, text []byte) []byte {
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], placeholder)
		if k < 0 {
			break
		}
		i += k
		if i+1 < len(text) && text[i+1] == ']' {
			text[i] = '\\'
			i++
		}
		i++
	}
	out = append(out, '[')
	if len(text) > 0 && text[0] == '^' {
		out = append(out, "&#94;"...)
		text = text[1:]
	}
	return append(out, text...)
}

// markText appends text with "<" and ">" as references and an escape
// marker before every character that may need a backslash (a NUL
// becomes U+FFFD).
func markText(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		// Copy the run of bytes that stay as they are.
		j := i
		for j < len(s) && !markTextBytes[s[j]] {
			j++
		}
		out = append(out, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		switch c := s[i]; c {
		case '<':
			out = append(out, "&lt;"...)
		case '>':
			out = append(out, "&gt;"...)
		case 0:
			out = append(out, "\uFFFD"...)
		default:
			out = append(out, placeholder, c)
		}
	}
	return out
}

// markTextBytes holds the bytes for which markTextSpecial is true.
var markTextBytes = ascii.SetWhere(markTextSpecial)

// markTextSpecial tells the bytes that markText changes or marks.
func markTextSpecial(c byte) bool {
	switch c {
	case '<', '>', 0, '\\', '*', '_', '-', '+', '.', '|', '$', '#', '=', '[', ']', '(', ')', '!', '~', '`', '"', '\'', '{', ':':
		return true
	}
	return false
}

// appendCode appends a code span as kramdown reads one: it ends at the
// first run of its delimiter's length, and only a delimiter of two
// backticks or more drops one space on each side. Code that holds two
// backticks in a row is the editor's HTML: three at the start of a line
// would open a fenced code block.
func appendCode(out []byte, code string) []byte {
	switch run := longestRun(code, '`'); {
	case run == 0 && code != "" && code[0] != ' ' && code[0] != '\t':
		return append(out, "`"+code+"`"...)
	case run <= 1:
		return append(out, "`` "+code+" ``"...)
	default:
		return append(out, "<code>"+escapeHTML(code, false)+"</code>"...)
	}
}

// appendEmphasis appends bold, italic or strike text: the delimiter
// around each line of the content (a hard break ends a line), with the
// white space at either end of a line moved out, since Markdown
// emphasis can neither start nor end with a space. White space alone
// stays unmarked.
func appendEmphasis(out, content []byte, delim string) []byte {
	for i := 0; ; i++ {
		line := content
		next := bytes.IndexByte(content, '\n')
		if next >= 0 {
			line = content[:next]
		}
		if i > 0 {
			out = append(out, '\n')
		}
		text := bytes.TrimLeft(line, " \t")
		lead := line[:len(line)-len(text)]
		text = bytes.TrimRight(text, " \t")
		trail := line[len(lead)+len(text):]
		out = append(out, lead...)
		switch {
		case len(text) == 0:
		case delim == "*" && bytes.HasPrefix(text, []byte("**")):
			// kramdown reads "***" as bold first: when bold opens where
			// italic does, italic is the HTML tag.
			out = append(out, "<em>"...)
			out = append(out, text...)
			out = append(out, "</em>"...)
		default:
			out = append(out, delim...)
			out = append(out, text...)
			out = append(out, delim...)
		}
		out = append(out, trail...)
		if next < 0 {
			return out
		}
		content = content[next+1:]
	}
}

// printLink appends [text](url), and the target as an attribute list
// with LinkTargets. The text keeps its spaces: kramdown links may start
// and end with one.
func (w *writer) printLink(out []byte, s *pspan) []byte {
	out = w.printNested(out, s.kids, appendLinkText)
	out = append(out, "]("...)
	out = append(out, s.href...)
	out = append(out, ')')
	if s.target != "" {
		out = append(out, `{:target="`+ialValue(s.target)+`"}`...)
	}
	return out
}
