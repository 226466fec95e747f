package rewrite

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/internal/xmlname"
	"golang.org/x/net/html"
)

// HTML rewrites the URLs of HTML: a Tiptap page body, or any
// HTML with Liquid in it (a Jekyll .html page). It calls fn once for
// each reference, in source order: the href of links (the href of a
// Tiptap card link is a KindCardLink), the src of images, iframes and
// other embeds, each candidate of a srcset, and url() in style
// attributes and <style> elements (see [Kind] for the full list).
// Positions in the refs are in src.
//
// Only the bytes of the URLs that fn changes are changed: attribute
// values keep their quotes (an unquoted value gains double quotes only
// when the new URL needs them), and a new URL is written with the
// character references it needs: the attribute's quote character, and
// "&" when the value already wrote it as "&amp;" or when it would
// otherwise start a reference. Leading and trailing white space around
// a URL stays where it was. In srcset and CSS, characters that would
// end the URL early (white space, quotes, parentheses) are
// percent-encoded.
//
// The refs returned are those found in src, with the URLs as they were.
// When fn returns an error, or a new URL cannot be written back so that
// it reads as the same reference, HTML returns a [*Error]
// and no output. With a nil fn it only finds the references.
func HTML(src []byte, page PageInfo, fn Func) ([]byte, []Ref, error) {
	return rewriteHTML(src, page, fn, 1)
}

// rewriteHTML is HTML for a source that starts on line first of the
// page file.
func rewriteHTML(src []byte, page PageInfo, fn Func, first int) ([]byte, []Ref, error) {
	return rewriteSites(src, htmlSites(src), page, fn, first, func(out []byte) ([]refSite, error) {
		return htmlSites(out), nil
	})
}

// htmlSites returns the references of HTML, sorted.
func htmlSites(src []byte) []refSite {
	sites := scanHTML(src, 0, len(src), nil)
	sortSites(sites)
	return sites
}

// The HTML scanner finds the attribute values that hold URLs, with
// their exact byte spans, following the tokenizer of the HTML standard:
// comments, doctypes and bogus comments are skipped, the content of raw
// text elements (script, style, textarea, title, iframe…) is not markup,
// an attribute's first occurrence in a tag is the one that counts, and a
// tag cut off by the end of the input is not a tag. Unlike a browser it
// treats Liquid ({{ … }}, {% … %}) inside a tag as opaque, since Jekyll
// renders it before anything reads the HTML: a quote inside
// {{ "/x" | relative_url }} does not end the attribute value.

// urlSyntax is the syntax a URL is written in, which decides how a new URL
// is written back.
type urlSyntax uint8

const (
	ctxAttr       urlSyntax = iota // an HTML attribute value
	ctxSrcset                      // one candidate of a srcset attribute
	ctxCSSAttr                     // url() in a style attribute
	ctxCSS                         // url() in a <style> element
	ctxMdInline                    // a Markdown inline destination: (url)
	ctxMdAngle                     // a Markdown destination in <…>
	ctxMdDef                       // a reference definition's destination
	ctxMdAutolink                  // an autolink <https://…>
	ctxMdEmail                     // an e-mail autolink <a@b.c>
)

// A refSite is one reference found in a source: the bytes that hold its
// URL and what is needed to write a new one there.
type refSite struct {
	start, end int // the URL's bytes in the source
	kind       Kind
	field      string
	url        string
	ctx        urlSyntax
	quote      byte // the attribute's quote: '"', '\'' or 0 (ctxAttr, ctxSrcset, ctxCSSAttr)
	cssQuote   byte // the quote of url("…") (ctxCSSAttr, ctxCSS)
	amp        bool // the attribute value writes "&" as "&amp;" (or another reference)
	spaces     bool // the Markdown destination holds raw spaces
}

// attr is an attribute of the tag being scanned.
type attr struct {
	name       []byte // as written
	start, end int    // the raw value (without quotes); start < 0 when there is no value
	quote      byte
}

type htmlScanner struct {
	src []byte
	end int
	// kramdown makes the scanner read tags as kramdown reads raw HTML in
	// Markdown: a tag whose name, attribute names or unquoted values do
	// not fit kramdown's grammar is text, not a tag.
	kramdown bool
	sites    []refSite
	attrs    []attr
	// liquid finds Liquid in the source, remembering the stretches of a
	// line known to hold no closer, so that a line full of "{{" is not
	// searched again from each of them.
	liquid liquid.Memo
}

// scanHTML appends to sites the references in src[from:to].
func scanHTML(src []byte, from, to int, sites []refSite) []refSite {
	s := &htmlScanner{src: src, end: to, sites: sites}
	s.scan(from)
	return s.sites
}

// scanKramdownHTML is scanHTML for raw HTML in Markdown, read with
// kramdown's grammar for tags.
func scanKramdownHTML(src []byte, from, to int, sites []refSite) []refSite {
	s := &htmlScanner{src: src, end: to, sites: sites, kramdown: true}
	s.scan(from)
	return s.sites
}

// kramdownWord reports whether an unquoted attribute value fits
// kramdown's \p{Word}+ (Liquid in it counts as fitting, since Jekyll
// replaces it first).
func kramdownWord(b []byte) bool {
	s := string(b)
	for i := 0; i < len(s); {
		if e := liquid.End(s, i); e > 0 {
			i = e
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsLetter(r) || unicode.Is(unicode.M, r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r)) {
			return false
		}
		i += n
	}
	return len(s) > 0
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// liquidEnd is liquid.End on the scanner's source, bounded by its end.
func (s *htmlScanner) liquidEnd(i int) int {
	return s.liquid.End(s.src[:s.end], i, 0)
}

func (s *htmlScanner) scan(i int) {
	src := s.src
	for i < s.end {
		j := bytes.IndexByte(src[i:s.end], '<')
		if j < 0 {
			return
		}
		i += j
		rest := src[i:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			if bytes.HasPrefix(rest, []byte("<!-->")) {
				i += 5
			} else if bytes.HasPrefix(rest, []byte("<!--->")) {
				i += 6
			} else if k := bytes.Index(rest[4:], []byte("-->")); k >= 0 {
				i += 4 + k + 3
			} else if k := bytes.Index(rest[4:], []byte("--!>")); k >= 0 {
				i += 4 + k + 4
			} else {
				return
			}
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return
			}
			i += k + 1
		case len(rest) > 2 && rest[1] == '/' && isLetter(rest[2]):
			end, ok := s.tag(i+2, false)
			if !ok {
				return
			}
			i = end
		case len(rest) > 1 && isLetter(rest[1]):
			end, ok := s.tag(i+1, true)
			if !ok {
				return
			}
			i = end
		default:
			i++
		}
	}
}

// tag reads the tag whose name starts at i and returns the offset past
// it, false when the input ends first. For a start tag it records the
// URLs of its attributes and skips the content of raw text elements.
func (s *htmlScanner) tag(i int, start bool) (int, bool) {
	src := s.src
	n := i
	for n < s.end && !ascii.IsSpace(src[n]) && src[n] != '/' && src[n] != '>' {
		n++
	}
	var buf [16]byte
	name := ascii.AppendLower(buf[:0], src[i:n])
	s.attrs = s.attrs[:0]
	bad := s.kramdown && !xmlname.Valid(src[i:n])
	k := n
	for {
		slash := -1
		for k < s.end && (ascii.IsSpace(src[k]) || src[k] == '/') {
			if src[k] == '/' {
				slash = k
			}
			k++
		}
		if k >= s.end {
			return k, false
		}
		if src[k] == '>' {
			// kramdown allows "/" only right before ">".
			bad = bad || s.kramdown && slash >= 0 && slash != k-1
			k++
			break
		}
		bad = bad || s.kramdown && slash >= 0
		if e := s.liquidEnd(k); e > 0 {
			k = e
			continue
		}
		a := attr{start: -1}
		ns := k
		k++ // the first character may be "="
		for k < s.end && !ascii.IsSpace(src[k]) && src[k] != '/' && src[k] != '>' && src[k] != '=' {
			k++
		}
		a.name = src[ns:k]
		bad = bad || s.kramdown && !xmlname.Valid(a.name)
		v := k
		for v < s.end && ascii.IsSpace(src[v]) {
			v++
		}
		if v < s.end && src[v] == '=' {
			v++
			for v < s.end && ascii.IsSpace(src[v]) {
				v++
			}
			if v >= s.end {
				return v, false
			}
			switch q := src[v]; q {
			case '"', '\'':
				e := v + 1
				for e < s.end && src[e] != q {
					if le := s.liquidEnd(e); le > 0 {
						e = le
						continue
					}
					e++
				}
				if e >= s.end {
					return e, false
				}
				a.start, a.end, a.quote = v+1, e, q
				k = e + 1
			case '>':
				a.start, a.end = v, v
				k = v
			default:
				e := v
				for e < s.end && !ascii.IsSpace(src[e]) && src[e] != '>' {
					if le := s.liquidEnd(e); le > 0 {
						e = le
						continue
					}
					e++
				}
				a.start, a.end = v, e
				k = e
				bad = bad || s.kramdown && !kramdownWord(src[v:e])
			}
		}
		s.attrs = append(s.attrs, a)
	}
	if bad && start {
		// Not a tag to kramdown: its "<" is text, and what follows is
		// read on.
		return i, true
	}
	if !start {
		return k, true
	}
	s.element(string(name))
	switch string(name) {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript":
		end := s.rawTextEnd(k, name)
		if string(name) == "style" {
			s.css(k, end, 0, false)
		}
		return end, true
	case "plaintext":
		return s.end, true
	}
	return k, true
}

// rawTextEnd returns the offset of the end tag of the raw text element
// name whose content starts at i (or the end of the input).
func (s *htmlScanner) rawTextEnd(i int, name []byte) int {
	src := s.src
	for i < s.end {
		j := bytes.Index(src[i:s.end], []byte("</"))
		if j < 0 {
			return s.end
		}
		i += j
		e := i + 2 + len(name)
		if e <= s.end && bytes.EqualFold(src[i+2:e], name) && (e == s.end || ascii.IsSpace(src[e]) || src[e] == '/' || src[e] == '>') {
			return i
		}
		i += 2
	}
	return s.end
}

// attr returns the first attribute called name (lower case).
func (s *htmlScanner) attr(name string) (attr, bool) {
	for _, a := range s.attrs {
		if len(a.name) == len(name) && bytes.EqualFold(a.name, []byte(name)) {
			return a, true
		}
	}
	return attr{}, false
}

// element records the URLs of the attributes of the start tag name.
func (s *htmlScanner) element(name string) {
	switch name {
	case "a":
		kind := KindLink
		if c, ok := s.attr("class"); ok && c.start >= 0 && hasClass(s.value(c), "isomer-card") {
			kind = KindCardLink
		}
		s.url("href", kind)
	case "area":
		s.url("href", KindLink)
	case "form":
		s.url("action", KindLink)
	case "button":
		s.url("formaction", KindLink)
	case "input":
		s.url("formaction", KindLink)
		if t, ok := s.attr("type"); ok && t.start >= 0 && strings.EqualFold(strings.TrimSpace(s.value(t)), "image") {
			s.url("src", KindImage)
		}
	case "img":
		s.url("src", KindImage)
		s.srcset()
	case "source":
		s.url("src", KindResource)
		s.srcset()
	case "iframe", "frame", "embed":
		s.url("src", KindIframe)
	case "object":
		s.url("data", KindIframe)
	case "video":
		s.url("src", KindResource)
		s.url("poster", KindImage)
	case "audio", "track", "script":
		s.url("src", KindResource)
	case "link":
		s.url("href", KindResource)
	}
	if a, ok := s.attr("style"); ok && a.start >= 0 {
		s.css(a.start, a.end, a.quote, true)
	}
}

// value returns the decoded value of a.
func (s *htmlScanner) value(a attr) string {
	return decodeAttr(string(s.src[a.start:a.end]))
}

// hasClass reports whether the class list holds name.
func hasClass(list, name string) bool {
	for _, c := range strings.Fields(list) {
		if c == name {
			return true
		}
	}
	return false
}

// url records the value of attribute name as a reference of kind.
func (s *htmlScanner) url(name string, kind Kind) {
	a, ok := s.attr(name)
	if !ok || a.start < 0 {
		return
	}
	start, end := a.start, a.end
	for start < end && ascii.IsSpace(s.src[start]) {
		start++
	}
	for end > start && ascii.IsSpace(s.src[end-1]) {
		end--
	}
	raw := string(s.src[start:end])
	s.sites = append(s.sites, refSite{
		start: start, end: end, kind: kind, field: name, url: decodeAttr(raw),
		ctx: ctxAttr, quote: a.quote, amp: hasReference(raw),
	})
}

// srcset records each candidate URL of the srcset attribute, split as
// the HTML standard parses srcset (on the raw value: a comma or space
// written as a character reference is not seen as one).
func (s *htmlScanner) srcset() {
	a, ok := s.attr("srcset")
	if !ok || a.start < 0 {
		return
	}
	src := s.src
	i := a.start
	for i < a.end {
		for i < a.end && (ascii.IsSpace(src[i]) || src[i] == ',') {
			i++
		}
		if i >= a.end {
			return
		}
		start := i
		for i < a.end && !ascii.IsSpace(src[i]) {
			if e := s.liquidEnd(i); e > 0 && e <= a.end {
				i = e
				continue
			}
			i++
		}
		end := i
		if src[end-1] == ',' {
			for end > start && src[end-1] == ',' {
				end--
			}
		} else {
			// Descriptors run to the next comma outside parentheses.
			depth := 0
			for i < a.end && (depth > 0 || src[i] != ',') {
				switch src[i] {
				case '(':
					depth++
				case ')':
					depth = max(0, depth-1)
				}
				i++
			}
		}
		if end > start {
			raw := string(src[start:end])
			s.sites = append(s.sites, refSite{
				start: start, end: end, kind: KindSrcset, field: "srcset", url: decodeAttr(raw),
				ctx: ctxSrcset, quote: a.quote, amp: hasReference(raw),
			})
		}
	}
}

// css records the url() tokens of the CSS in src[start:end]: a style
// attribute's value (inAttr, quoted with quote) or a <style> element's
// content. In an attribute, &quot; and &#39; count as quotes, since a
// browser decodes them before reading the CSS.
func (s *htmlScanner) css(start, end int, quote byte, inAttr bool) {
	src := s.src
	ctx := ctxCSS
	if inAttr {
		ctx = ctxCSSAttr
	}
	for i := start; i < end; {
		if src[i] == '/' && i+1 < end && src[i+1] == '*' {
			k := bytes.Index(src[i+2:end], []byte("*/"))
			if k < 0 {
				return
			}
			i += 2 + k + 2
			continue
		}
		if !(src[i]|0x20 == 'u' && i+4 <= end && bytes.EqualFold(src[i:i+4], []byte("url(")) &&
			(i == start || !isCSSName(src[i-1]))) {
			i++
			continue
		}
		i += 4
		for i < end && ascii.IsSpace(src[i]) {
			i++
		}
		q, qlen := cssQuote(src[i:end], inAttr)
		if q != 0 {
			i += qlen
			u := i
			for u < end {
				if cq, n := cssQuote(src[u:end], inAttr); cq == q {
					break
				} else if n > 0 {
					u += n
					continue
				}
				if src[u] == '\\' && u+1 < end {
					u += 2
					continue
				}
				u++
			}
			if u >= end {
				return
			}
			s.cssSite(i, u, ctx, quote, q)
			i = u
			continue
		}
		u := i
		for u < end && src[u] != ')' && !ascii.IsSpace(src[u]) {
			u++
		}
		e := u
		for e < end && ascii.IsSpace(src[e]) {
			e++
		}
		// An unquoted URL must be followed by ")", else CSS reads a bad
		// URL, which is no reference.
		if u > i && e < end && src[e] == ')' {
			s.cssSite(i, u, ctx, quote, 0)
		}
		i = e
	}
}

func (s *htmlScanner) cssSite(start, end int, ctx urlSyntax, quote, cssQuote byte) {
	raw := string(s.src[start:end])
	u := raw
	if ctx == ctxCSSAttr {
		u = decodeAttr(raw)
	}
	s.sites = append(s.sites, refSite{
		start: start, end: end, kind: KindResource, field: "style", url: u,
		ctx: ctx, quote: quote, cssQuote: cssQuote, amp: ctx == ctxCSSAttr && hasReference(raw),
	})
}

// cssQuote reports whether b starts with a CSS quote, as a character
// or (in an attribute) as a character reference, and its length.
func cssQuote(b []byte, inAttr bool) (byte, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] == '"' || b[0] == '\'' {
		return b[0], 1
	}
	if !inAttr || b[0] != '&' {
		return 0, 0
	}
	for _, r := range [...]struct {
		ref string
		q   byte
	}{{"&quot;", '"'}, {"&#34;", '"'}, {"&#x22;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}, {"&#x27;", '\''}} {
		if len(b) >= len(r.ref) && bytes.EqualFold(b[:len(r.ref)], []byte(r.ref)) {
			return r.q, len(r.ref)
		}
	}
	return 0, 0
}

func isCSSName(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-' || c == '_' || c >= 0x80
}

// hasReference reports whether raw writes "&" as a character
// reference (&amp;, &#38; or &#x26;), the style in which a new "&" is
// then written.
func hasReference(raw string) bool {
	if strings.IndexByte(raw, '&') < 0 {
		return false
	}
	l := strings.ToLower(raw)
	return strings.Contains(l, "&amp;") || strings.Contains(l, "&#38;") || strings.Contains(l, "&#x26;")
}

// decodeAttr decodes the character references of a raw attribute
// value as the HTML standard does (in attribute values, "&amp" followed
// by a letter, digit or "=" stays as written), and turns CR LF and CR
// into LF; Liquid is kept as written.
func decodeAttr(raw string) string {
	if !strings.ContainsAny(raw, "&\r\x00") {
		return raw
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '{' {
			continue
		}
		if e := liquid.End(raw, i); e > 0 {
			b.WriteString(unescapeAttr(raw[last:i]))
			b.WriteString(raw[i:e])
			last = e
			i = e - 1
		}
	}
	b.WriteString(unescapeAttr(raw[last:]))
	return b.String()
}

// unescapeAttr decodes s, which holds no Liquid, with the tokenizer
// of golang.org/x/net/html, which follows the standard.
func unescapeAttr(s string) string {
	if !strings.ContainsAny(s, "&\r\x00") {
		return s
	}
	q := "\""
	if strings.IndexByte(s, '"') >= 0 {
		q = "'"
	}
	z := html.NewTokenizer(strings.NewReader("<a x=" + q + s + q + ">"))
	if z.Next() != html.StartTagToken {
		return s
	}
	_, v, _ := z.TagAttr()
	return string(v)
}

// needsQuotes reports whether v cannot be an unquoted attribute value.
func needsQuotes(v string) bool {
	return v == "" || strings.ContainsAny(v, "\t\n\f\r \"'=<>`")
}

// escapeAttr writes u as the raw value of an attribute quoted with
// quote (0 for unquoted), and returns it with the quote to use, which
// is '"' when an unquoted value must become quoted. "&" is written as
// "&amp;" when amp is set (the page's style) or where it would
// otherwise start a character reference; the quote character as a
// reference. Liquid is written as it is.
func escapeAttr(u string, quote byte, amp bool) (string, byte) {
	if quote == 0 && needsQuotes(u) {
		quote = '"'
	}
	esc := func(all bool) string {
		var b strings.Builder
		for i := 0; i < len(u); i++ {
			c := u[i]
			if c == '{' {
				if e := liquid.End(u, i); e > 0 {
					b.WriteString(u[i:e])
					i = e - 1
					continue
				}
			}
			switch {
			case c == '&' && all:
				b.WriteString("&amp;")
			case c == quote && c == '"':
				b.WriteString("&quot;")
			case c == quote && c == '\'':
				b.WriteString("&#39;")
			default:
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	if !amp {
		if v := esc(false); decodeAttr(v) == u {
			return v, quote
		}
	}
	return esc(true), quote
}
