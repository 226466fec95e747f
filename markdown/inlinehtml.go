package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/tiptapmd/tiptapmd/internal/xmlname"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// HTML inside a paragraph follows kramdown's span-level rules:
//   - a span-level element whose content model is span (a, b, em, span,
//     strong, sup, …) keeps Markdown parsing inside it;
//   - any other non-block element (u, font, code, unknown tags) holds
//     raw text: the Markdown inside shows literally;
//   - a block-level tag (div, p, table, …) or a closing tag that closes
//     nothing is not markup at all: kramdown shows it as text;
//   - comments are kept.

// rawInline is HTML written out as is.
type rawInline struct {
	inlineNode
	html []byte
}

// newRaw returns a rawInline starting at source offset off.
func newRawInline(off int, html []byte) *rawInline {
	n := &rawInline{html: html}
	n.SetPos(off)
	return n
}

// literalInline is markup that kramdown shows as text.
type literalInline struct {
	inlineNode
	text []byte
}

type spanHTMLParser struct{}

func (p *spanHTMLParser) Trigger() []byte { return []byte{'<'} }

// CloseBlock implements parser.CloseBlocker: elements left open at the
// end of a block are closed there, as kramdown closes them.
func (p *spanHTMLParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	st := stOf(pc)
	st.spans = st.spans[:0]
	st.noCommentEnd = 1 << 30
}

func (p *spanHTMLParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	if len(line) < 2 || afterGuillemet(block.Source(), seg.Start) {
		return nil
	}
	if bytes.HasPrefix(line, []byte("<!--")) {
		rest := line
		if !st.commentEndAfter(line, seg) {
			// Look further only while a "-->" may still come.
			l, _ := block.Position()
			if l >= st.noCommentEnd {
				return nil
			}
			var found bool
			if rest, found = linesAhead(block, "-->", -1); !found {
				st.noCommentEnd = l
				return nil
			}
		}
		end, ok := matchComment(rest, 0)
		if !ok {
			return nil
		}
		block.Advance(end)
		return newRawInline(seg.Start, append([]byte(nil), rest[:end]...))
	}
	if name, end, ok := matchEndTag(line, 0); ok {
		block.Advance(end)
		if k := len(st.spans); k > 0 {
			top := st.spans[k-1]
			if name == top || knownElement(strings.ToLower(top)) && strings.EqualFold(name, top) {
				st.spans = st.spans[:k-1]
				return newRawInline(seg.Start, []byte("</"+top+">"))
			}
		}
		st.note(seg.Start, CodeLiteralHTML, "closing tag </%s> closes no open element: kramdown shows it as text", name)
		return &literalInline{text: append([]byte(nil), line[:end]...)}
	}
	rest := line
	multiline := false
	t, ok, more := scanStartTag(rest, 0)
	if !ok {
		// A tag without ">" on its line may go on over the next lines
		// (unless it failed before the line's end: checking that first
		// keeps a line of thousands of "<a " linear).
		if !more || !looksLikeTag(line) || st.gtAfter(line, seg) {
			return nil
		}
		rest, _ = linesAhead(block, ">", maxSpanLines)
		multiline = true
		if t, ok = matchStartTag(rest, 0); !ok {
			return nil
		}
	}
	name := normName(t.name)
	if htmlBlockElements[name] {
		block.Advance(t.end)
		st.note(seg.Start, CodeLiteralHTML, "block-level tag <%s> inside a paragraph: kramdown shows it as text", name)
		return &literalInline{text: append([]byte(nil), rest[:t.end]...)}
	}
	known := knownElement(strings.ToLower(name))
	attrs := normAttrs(t.attrs, known)
	attrs, mdAttr := takeMarkdownAttr(attrs)
	for i := range attrs {
		attrs[i].value = collapseNewlines(attrs[i].value)
	}
	open := []byte("<" + name)
	open = appendAttrs(open, attrs)
	if t.selfClosing || htmlVoidElements[name] {
		block.Advance(t.end)
		if htmlVoidElements[name] {
			open = append(open, " />"...)
		} else {
			open = append(open, "></"+name+">"...)
		}
		return newRawInline(seg.Start, open)
	}
	open = append(open, '>')
	parse := defaultModel(strings.ToLower(name)) != modelRaw && isSpanParsed(name)
	switch mdAttr {
	case "span", "1":
		parse = defaultModel(strings.ToLower(name)) != modelRaw || mdAttr == "span"
	case "0":
		parse = false
	}
	if name == "script" || name == "style" {
		parse = false
	}
	if parse {
		block.Advance(t.end)
		st.spans = append(st.spans, name)
		return newRawInline(seg.Start, open)
	}
	// Raw content: up to the closing tag, Markdown not parsed.
	r := &spanRaw{src: rest, pos: t.end}
	html, end, found := r.element(name, known)
	if !found && !multiline {
		// The closing tag is on a later line, or missing: the element
		// then takes the rest of the block, as in kramdown. Look up to
		// the next line holding a closing tag first, then to the end.
		for _, stop := range []string{"</", ""} {
			all, _ := linesAhead(block, stop, -1)
			r = &spanRaw{src: all, pos: t.end}
			if html, end, found = r.element(name, known); found {
				break
			}
		}
	}
	block.Advance(end)
	return newRawInline(seg.Start, append(open, html...))
}

// commentEndAfter reports whether line, the part of a source line from
// seg.Start, holds a "-->", in constant time for each part of a line
// after the first.
func (st *state) commentEndAfter(line []byte, seg text.Segment) bool {
	m := &st.commentEnds
	if m.stop != seg.Stop || m.stop == 0 || seg.Start < m.start {
		m.start, m.stop, m.last = seg.Start, seg.Stop, -1
		if i := bytes.LastIndex(line, []byte("-->")); i >= 0 {
			m.last = seg.Start + i - seg.Padding
		}
	}
	return m.last >= seg.Start
}

// gtMemo records the offset of the last ">" of one source line.
type gtMemo struct{ start, stop, last int }

// gtAfter reports whether line, the part of a source line from seg.Start,
// holds a ">", in constant time for each part of a line after the first.
func (st *state) gtAfter(line []byte, seg text.Segment) bool {
	m := &st.gts
	if m.stop != seg.Stop || m.stop == 0 || seg.Start < m.start {
		m.start, m.stop, m.last = seg.Start, seg.Stop, -1
		if i := bytes.LastIndexByte(line, '>'); i >= 0 {
			m.last = seg.Start + i - seg.Padding
		}
	}
	return m.last >= seg.Start
}

// afterGuillemet reports whether the "<" at i is the second of a "<<",
// which kramdown reads as a guillemet before it looks for a tag.
func afterGuillemet(src []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && src[i-n-1] == '<' {
		n++
	}
	return n%2 == 1 && !(i-n-1 >= 0 && src[i-n-1] == '\\')
}

// isSpanParsed reports whether kramdown parses Markdown inside a span
// element: only elements of its span content model.
func isSpanParsed(name string) bool { return contentModelSpan[strings.ToLower(name)] }

func looksLikeTag(line []byte) bool {
	r, _ := utf8.DecodeRune(line[1:])
	return xmlname.IsStart(r)
}

func collapseNewlines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	nl := false
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			if !nl {
				b.WriteByte(' ')
			}
			nl = true
			continue
		}
		nl = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// spanRaw reads the raw content of a span-level element: text up to the
// element's closing tag, nested elements read the same way, block tags
// and stray closing tags kept as text.
type spanRaw struct {
	src []byte
	pos int
}

// element reads from pos to the closing tag of name and returns the
// content with the closing tag written out, and the offset past it (or
// the end of the text when the tag is missing, found then false).
// Elements opened inside are read the same way, with a stack rather than
// recursion, so that a page of thousands of unclosed tags costs time and
// memory linear in its size.
func (r *spanRaw) element(name string, known bool) ([]byte, int, bool) {
	type open struct {
		name  string
		known bool
	}
	stack := []open{{name, known}}
	var out []byte
	s := r.src
	for r.pos < len(s) {
		i := bytes.IndexByte(s[r.pos:], '<')
		if i < 0 {
			break
		}
		i += r.pos
		out = htmlesc.Append(out, s[r.pos:i], htmlesc.KeepRefs)
		r.pos = i
		if end, ok := matchComment(s, i); ok {
			out = append(out, s[i:end]...)
			r.pos = end
			continue
		}
		if cname, end, ok := matchEndTag(s, i); ok {
			r.pos = end
			top := stack[len(stack)-1]
			if cname == top.name || top.known && strings.EqualFold(cname, top.name) {
				out = append(out, "</"+top.name+">"...)
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return out, end, true
				}
				continue
			}
			out = htmlesc.Append(out, s[i:end], htmlesc.KeepRefs)
			continue
		}
		if t, ok := matchStartTag(s, i); ok {
			n := normName(t.name)
			if htmlBlockElements[n] {
				out = htmlesc.Append(out, s[i:t.end], htmlesc.KeepRefs)
				r.pos = t.end
				continue
			}
			k := knownElement(strings.ToLower(n))
			attrs, _ := takeMarkdownAttr(normAttrs(t.attrs, k))
			out = append(out, '<')
			out = append(out, n...)
			out = appendAttrs(out, attrs)
			r.pos = t.end
			if t.selfClosing || htmlVoidElements[n] {
				out = append(out, " />"...)
				continue
			}
			out = append(out, '>')
			stack = append(stack, open{n, k})
			continue
		}
		out = append(out, "&lt;"...)
		r.pos = i + 1
	}
	out = htmlesc.Append(out, s[r.pos:], htmlesc.KeepRefs)
	r.pos = len(s)
	for k := len(stack) - 1; k >= 0; k-- {
		out = append(out, "</"+stack[k].name+">"...)
	}
	return out, len(s), false
}

// autoLinkParser reads kramdown's autolinks: <http://…>, <https://…>,
// <ftp://…>, <mailto:…> and <user@host>.
type autoLinkParser struct{}

func (p *autoLinkParser) Trigger() []byte { return []byte{'<'} }

func (p *autoLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	if !st.gtAfter(line, seg) {
		return nil
	}
	end := bytes.IndexByte(line, '>')
	if end < 2 || bytes.IndexByte(line[:end], '\n') >= 0 {
		return nil
	}
	body := line[1:end]
	email := false
	scheme := false
	for _, s := range []string{"mailto:", "http:", "https:", "ftp:", "ftps:"} {
		if bytes.HasPrefix(body, []byte(s)) && len(body) > len(s) {
			scheme = true
			break
		}
	}
	if !scheme {
		at := bytes.IndexByte(body, '@')
		if at < 1 || at == len(body)-1 || !autoLinkChars(body[:at]) || !autoLinkChars(body[at+1:]) {
			return nil
		}
		email = true
	}
	typ := ast.AutoLinkURL
	if email {
		typ = ast.AutoLinkEmail
	}
	value := ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+end))
	block.Advance(end + 1)
	return ast.NewAutoLink(typ, value)
}

func autoLinkChars(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if !(r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
		i += n
	}
	return true
}
