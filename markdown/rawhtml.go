package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/tiptapmd/tiptapmd/internal/xmlname"
)

// This file reads raw HTML the way kramdown does. kramdown does not hand
// raw HTML to the browser untouched: it tokenizes it with its own small
// grammar, builds a tree, and writes the tree back out. Where its grammar
// and a browser's disagree (a start tag with an unquoted value holding a
// dot, a closing tag that does not match the open element), kramdown
// writes the text escaped, and the visitor sees it literally. We follow
// the same grammar so that the page shows the same thing.

// htmlAttr is one attribute of a tag as kramdown reads it: the value is
// raw (entities are not decoded), "" when the attribute has no value.
type htmlAttr struct {
	name, value string
}

// tagMatch is a start tag matched at some offset of the source.
type tagMatch struct {
	name        string // as written
	attrs       []htmlAttr
	selfClosing bool // written with "/>"
	end         int  // offset just past ">"
}

// isRubySpace reports whether c is in Ruby's \s class (ASCII only).
func isRubySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// isWordRune approximates Ruby's \p{Word}.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r)
}

func skipRubySpace(s []byte, i int) int {
	for i < len(s) && isRubySpace(s[i]) {
		i++
	}
	return i
}

// matchStartTag matches kramdown's HTML_TAG_RE at s[i] == '<'.
func matchStartTag(s []byte, i int) (tagMatch, bool) {
	t, ok, _ := scanStartTag(s, i)
	return t, ok
}

// scanStartTag is matchStartTag, and when it fails, tells whether more
// text after s might have made it match: the tag ran to the end of s, or
// a quoted value was not closed in s. When more is false, no text after
// s can make the tag match.
func scanStartTag(s []byte, i int) (t tagMatch, ok, more bool) {
	if i >= len(s) || s[i] != '<' {
		return tagMatch{}, false, false
	}
	ne := xmlname.Scan(s, i+1)
	if ne == i+1 {
		return tagMatch{}, false, i+1 >= len(s)
	}
	t = tagMatch{name: atomName(s[i+1 : ne])}
	// The attributes are gathered on the stack, then copied once.
	var buf [8]htmlAttr
	attrs := buf[:0]
	p := ne
	for {
		q := skipRubySpace(s, p)
		if q == p {
			break
		}
		ae := xmlname.Scan(s, q)
		if ae == q {
			break
		}
		a := htmlAttr{name: atomName(s[q:ae])}
		p = ae
		// Optional value: \s*=\s*(word+|"…"|'…').
		v := skipRubySpace(s, p)
		if v < len(s) && s[v] == '=' {
			v = skipRubySpace(s, v+1)
			switch {
			case v < len(s) && (s[v] == '"' || s[v] == '\''):
				if end := bytes.IndexByte(s[v+1:], s[v]); end >= 0 {
					a.value = string(s[v+1 : v+1+end])
					p = v + 1 + end + 1
				} else {
					more = true
				}
			default:
				we := v
				for we < len(s) {
					r, n := utf8.DecodeRune(s[we:])
					if !isWordRune(r) {
						break
					}
					we += n
				}
				if we > v {
					a.value = string(s[v:we])
					p = we
				}
			}
		}
		attrs = append(attrs, a)
	}
	p = skipRubySpace(s, p)
	if p < len(s) && s[p] == '/' {
		t.selfClosing = true
		p++
	}
	if p >= len(s) || s[p] != '>' {
		return tagMatch{}, false, more || p >= len(s)
	}
	t.end = p + 1
	if len(attrs) > 0 {
		t.attrs = make([]htmlAttr, len(attrs))
		copy(t.attrs, attrs)
	}
	return t, true, false
}

// matchEndTag matches kramdown's HTML_TAG_CLOSE_RE (</name\s*>) at s[i].
func matchEndTag(s []byte, i int) (name string, end int, ok bool) {
	if i+1 >= len(s) || s[i] != '<' || s[i+1] != '/' {
		return "", 0, false
	}
	ne := xmlname.Scan(s, i+2)
	if ne == i+2 {
		return "", 0, false
	}
	p := skipRubySpace(s, ne)
	if p >= len(s) || s[p] != '>' {
		return "", 0, false
	}
	return atomName(s[i+2 : ne]), p + 1, true
}

// matchDelimited matches open…close at s[i] (comments and processing
// instructions), returning the end offset.
func matchDelimited(s []byte, i int, open, close string) (int, bool) {
	if !bytes.HasPrefix(s[i:], []byte(open)) {
		return 0, false
	}
	j := bytes.Index(s[i+len(open):], []byte(close))
	if j < 0 {
		return 0, false
	}
	return i + len(open) + j + len(close), true
}

func matchComment(s []byte, i int) (int, bool) { return matchDelimited(s, i, "<!--", "-->") }

// The element tables of kramdown's HTML parser.
var (
	htmlSpanElements = setOf("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var")
	// htmlBlockElements are the tags kramdown refuses inside a paragraph:
	// written there, they show as literal text.
	htmlBlockElements = setOf("address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul")
	htmlVoidElements  = setOf("area base br col command embed hr img input keygen link meta param source track wbr")
	contentModelBlock = setOf("address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td")
	contentModelSpan  = setOf("a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt")
)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// knownElements holds the names of the elements kramdown knows: those of
// its tables, and the few it handles besides (built once, never
// changed).
var knownElements = func() map[string]bool {
	m := setOf("script style math textarea pre code kbd samp var option")
	for _, set := range []map[string]bool{htmlSpanElements, htmlBlockElements, htmlVoidElements, contentModelBlock, contentModelSpan} {
		for name := range set {
			m[name] = true
		}
	}
	return m
}()

// knownElement reports whether kramdown knows name as an HTML element, in
// which case it compares the name case-insensitively.
func knownElement(lower string) bool {
	return knownElements[lower]
}

// contentModel is how kramdown reads the content of an element.
type contentModel int

const (
	modelRaw   contentModel = iota // HTML only, no Markdown
	modelSpan                      // inline Markdown
	modelBlock                     // block Markdown
)

func defaultModel(name string) contentModel {
	switch {
	case contentModelBlock[name]:
		return modelBlock
	case contentModelSpan[name]:
		return modelSpan
	}
	return modelRaw
}

// normName returns the element name as kramdown stores it: lower case
// when it knows the element, as written otherwise.
func normName(name string) string {
	if l := strings.ToLower(name); knownElement(l) {
		return l
	}
	return name
}

// normAttrs lowers attribute names on known elements, and keeps the last
// of duplicate attributes (kramdown stores them in a hash) at the position
// of the first. It works in place: attrs is the caller's to give up.
func normAttrs(attrs []htmlAttr, known bool) []htmlAttr {
	out := attrs[:0]
	for _, a := range attrs {
		if known {
			a.name = strings.ToLower(a.name)
		}
		dup := false
		for i := range out {
			if out[i].name == a.name {
				out[i].value = a.value
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, a)
		}
	}
	return out
}

// takeMarkdownAttr removes the markdown="…" attribute and returns its
// value ("" when absent).
func takeMarkdownAttr(attrs []htmlAttr) ([]htmlAttr, string) {
	for i, a := range attrs {
		if a.name == "markdown" {
			return append(attrs[:i:i], attrs[i+1:]...), a.value
		}
	}
	return attrs, ""
}

// markdownModel maps a markdown attribute to a content model, or ok=false
// when the attribute is absent or has an unknown value.
func markdownModel(val, name string) (contentModel, bool) {
	switch val {
	case "0":
		return modelRaw, true
	case "1":
		return defaultModel(name), true
	case "span":
		return modelSpan, true
	case "block":
		return modelBlock, true
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func appendAttrs(dst []byte, attrs []htmlAttr) []byte {
	for _, a := range attrs {
		if a.name == "id" && strings.TrimSpace(a.value) == "" {
			continue
		}
		dst = append(dst, ' ')
		dst = append(dst, a.name...)
		dst = append(dst, `="`...)
		dst = htmlesc.Append(dst, a.value, htmlesc.Quot|htmlesc.KeepRefs)
		dst = append(dst, '"')
	}
	return dst
}

// rawHTML reads raw HTML at block level, kramdown style, and writes it
// back out as kramdown would. Elements whose markdown attribute asks for
// Markdown content are handed to sub, which parses Markdown from an
// offset until the element's closing tag and returns the HTML and the
// offset just past the closing tag (or the end of the input). When sub
// is nil (elements nested too deeply), such elements are read as raw
// HTML and recorded in deep.
type rawHTML struct {
	src []byte
	pos int
	out []byte
	// st reads the content of markdown="1" elements by sub-parses (see
	// sub); nil beyond maxDepth.
	st *state
	// unclosed records elements that reached the end of the input
	// without their closing tag, by start offset.
	unclosed []rawIssue
	// stray records closing tags that matched no open element; kramdown
	// shows them as text.
	stray []rawIssue
	// invalid records "<" that start no valid tag; kramdown shows them as
	// text.
	invalid []rawIssue
	// deep records elements whose markdown attribute was ignored because
	// st is nil.
	deep []rawIssue
}

// sub reads Markdown from r.src[from:] up to the closing tag of name
// with a sub-parse, returning its HTML and the offset past the tag.
func (r *rawHTML) sub(name string, model contentModel, from int) (html []byte, end int) {
	return r.st.subParse(r.src, name, model, from)
}

type rawIssue struct {
	off  int
	name string
}

// element reads the element whose start tag t begins at start (the
// caller has matched it) and writes it. parentRaw tells whether the
// element sits inside raw HTML content.
func (r *rawHTML) element(start int, t tagMatch, parentRaw bool) {
	name := normName(t.name)
	known := name != t.name || knownElement(name)
	attrs := normAttrs(t.attrs, known)
	attrs, mdAttr := takeMarkdownAttr(attrs)
	r.pos = t.end
	closed := t.selfClosing || htmlVoidElements[name]
	if name == "script" || name == "style" {
		r.out = append(r.out, '<')
		r.out = append(r.out, name...)
		r.out = appendAttrs(r.out, attrs)
		r.out = append(r.out, '>')
		end, closeEnd := findCloseTag(r.src, r.pos, name, true)
		r.out = append(r.out, r.src[r.pos:end]...)
		r.out = append(r.out, "</"...)
		r.out = append(r.out, name...)
		r.out = append(r.out, '>')
		if closeEnd < 0 {
			r.unclosed = append(r.unclosed, rawIssue{start, name})
			r.pos = len(r.src)
		} else {
			r.pos = closeEnd
		}
		return
	}
	model := modelRaw
	if m, ok := markdownModel(mdAttr, name); ok {
		model = m
		if model != modelRaw && r.st == nil {
			r.deep = append(r.deep, rawIssue{start, name})
			model = modelRaw
		}
	}
	r.out = append(r.out, '<')
	r.out = append(r.out, name...)
	r.out = appendAttrs(r.out, attrs)
	if closed {
		if t.selfClosing && !htmlVoidElements[name] {
			// kramdown writes <div/> as "<div />", which a browser reads
			// as an open tag; we close it at once.
			r.out = append(r.out, "></"...)
			r.out = append(r.out, name...)
			r.out = append(r.out, '>')
			return
		}
		r.out = append(r.out, '>')
		return
	}
	r.out = append(r.out, '>')
	switch model {
	case modelBlock, modelSpan:
		if model == modelBlock {
			r.pos = skipTrailingSpace(r.src, r.pos)
		}
		html, end := r.sub(name, model, r.pos)
		r.out = append(r.out, html...)
		r.pos = end
	default:
		r.content(name, known, start)
	}
	r.out = append(r.out, "</"...)
	r.out = append(r.out, name...)
	r.out = append(r.out, '>')
	if !parentRaw {
		r.pos = skipTrailingSpace(r.src, r.pos)
	}
}

// content reads raw content up to the closing tag of name.
func (r *rawHTML) content(name string, known bool, start int) {
	s := r.src
	for r.pos < len(s) {
		i := indexRawStart(s, r.pos)
		if i < 0 {
			r.out = htmlesc.Append(r.out, s[r.pos:], htmlesc.KeepRefs)
			r.pos = len(s)
			break
		}
		r.out = htmlesc.Append(r.out, s[r.pos:i], htmlesc.KeepRefs)
		r.pos = i
		if end, ok := matchComment(s, i); ok {
			r.out = append(r.out, s[i:end]...)
			r.pos = end
			continue
		}
		if end, ok := matchDelimited(s, i, "<?", "?>"); ok {
			r.out = append(r.out, s[i:end]...)
			r.pos = end
			continue
		}
		if t, ok := matchStartTag(s, i); ok {
			r.element(i, t, true)
			continue
		}
		if cname, end, ok := matchEndTag(s, i); ok {
			if cname == name || known && strings.EqualFold(cname, name) {
				r.pos = end
				return
			}
			r.stray = append(r.stray, rawIssue{i, cname})
			r.out = htmlesc.Append(r.out, s[i:end], htmlesc.KeepRefs)
			r.pos = end
			continue
		}
		r.invalid = append(r.invalid, rawIssue{i, ""})
		r.out = append(r.out, "&lt;"...)
		r.pos = i + 1
	}
	r.unclosed = append(r.unclosed, rawIssue{start, name})
}

// indexRawStart finds the next "<" that kramdown considers for a tag:
// followed by a name start, "/", "!--" or "?".
func indexRawStart(s []byte, from int) int {
	for i := from; i < len(s); i++ {
		k := bytes.IndexByte(s[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if i+1 >= len(s) {
			return -1
		}
		c := s[i+1]
		if c == '/' || c == '?' || bytes.HasPrefix(s[i+1:], []byte("!--")) {
			return i
		}
		if r, _ := utf8.DecodeRune(s[i+1:]); xmlname.IsStart(r) {
			return i
		}
	}
	return -1
}

// findCloseTag finds </name\s*> from offset from (case-insensitively when
// fold), returning the offset of the tag and the offset past it, or
// (len(s), -1) when there is none.
func findCloseTag(s []byte, from int, name string, fold bool) (int, int) {
	for i := from; i < len(s); i++ {
		if s[i] != '<' || i+1 >= len(s) || s[i+1] != '/' {
			continue
		}
		cname, end, ok := matchEndTag(s, i)
		if ok && (cname == name || fold && strings.EqualFold(cname, name)) {
			return i, end
		}
	}
	return len(s), -1
}

// skipTrailingSpace skips kramdown's TRAILING_WHITESPACE ([ \t]*\n) at i,
// if the rest of the line is blank.
func skipTrailingSpace(s []byte, i int) int {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j < len(s) && s[j] == '\n' {
		return j + 1
	}
	return i
}
