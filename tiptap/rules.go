package tiptap

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A parseRule maps an element to a node or a mark, as the parseHTML rules
// of the editor's extensions do. Rules are tried in order; the first whose
// match accepts the element wins.
type parseRule struct {
	node *nodeType
	mark *markType
	// tags are the names of the HTML elements the rule can match: match
	// rejects any other.
	tags []string
	// match reports whether the element matches the rule's selector.
	match func(el *html.Node) bool
	// attrs computes the attributes of the node or mark. It returns ok
	// false when the rule does not apply after all (a getAttrs that
	// returns false); it may add notes.
	attrs func(p *parser, el *html.Node) (attrs map[string]any, ok bool)
	// full keeps all whitespace, newlines included (code blocks).
	full bool
	// priority orders the rules (higher first); 50 unless set.
	priority int
}

// A ruleIndex lists, for each tag name some rule names, the rules that
// can match an element of that name, in the order of the schema's
// rules: the rules matchTag tries for the element, since a rule's match
// rejects an element whose name is not among its tags. Elements are
// looked up by their atom, without hashing their name; the map serves
// elements whose atom does not spell their name (nodes built by hand).
type ruleIndex struct {
	byTag map[string][]*parseRule
	// byAtom[a>>8] is the index in groups of the rules of the tag whose
	// atom is a, or 0 (groups[0] is empty).
	byAtom []uint8
	groups [][]*parseRule
}

// newRuleIndex indexes rules by tag.
func newRuleIndex(rules []*parseRule) ruleIndex {
	x := ruleIndex{byTag: map[string][]*parseRule{}, groups: [][]*parseRule{nil}}
	var tags []string
	for _, r := range rules {
		for _, t := range r.tags {
			l := x.byTag[t]
			if len(l) == 0 {
				tags = append(tags, t)
			}
			if len(l) == 0 || l[len(l)-1] != r {
				x.byTag[t] = append(l, r)
			}
		}
	}
	for _, t := range tags {
		a := atom.Lookup([]byte(t))
		if a == 0 {
			continue // found through the map
		}
		i := int(a >> 8)
		if i >= len(x.byAtom) {
			x.byAtom = append(x.byAtom, make([]uint8, i+1-len(x.byAtom))...)
		}
		x.byAtom[i] = uint8(len(x.groups))
		x.groups = append(x.groups, x.byTag[t])
	}
	return x
}

// rulesFor returns the rules that can match el, in the order they are
// tried: none for a text, a comment or an SVG or MathML element.
func (s *schema) rulesFor(el *html.Node) []*parseRule {
	if el == nil || el.Type != html.ElementNode || el.Namespace != "" {
		return nil
	}
	x := &s.ruleIndex
	if a := el.DataAtom; a != 0 && a.String() == el.Data {
		if i := int(a >> 8); i < len(x.byAtom) {
			return x.groups[x.byAtom[i]]
		}
		return nil
	}
	return x.byTag[el.Data]
}

// A styleRule maps one CSS declaration of a style attribute to a mark.
type styleRule struct {
	mark *markType
	prop string
	// value reports whether the declaration's value gives the mark.
	value func(v string) bool
	// consuming false lets later rules look at the same declaration.
	consuming bool
}

// htmlName returns the tag name of n when it is an HTML element (not an
// SVG or MathML one), or "".
func htmlName(n *html.Node) string {
	if n == nil || n.Type != html.ElementNode || n.Namespace != "" {
		return ""
	}
	return n.Data
}

func isElement(n *html.Node, tag string) bool {
	return n != nil && n.Type == html.ElementNode && n.Namespace == "" && n.Data == tag
}

func attrOr(el *html.Node, name string) any {
	if v, ok := dom.LookupAttr(el, name); ok {
		return attrValue(v)
	}
	return nil
}

// attrValue returns the attribute value v as a node's or mark's
// attribute: v itself. One of the dialect's default values, which every
// body the package writes spells out on its links and images, comes
// from the constant, without allocating for the interface.
func attrValue(v string) any {
	switch v {
	case defaultLinkTarget:
		return defaultLinkTarget
	case defaultLinkRel:
		return defaultLinkRel
	case defaultImageWidth:
		return defaultImageWidth
	case defaultImageHeight:
		return defaultImageHeight
	case defaultImageStyle:
		return defaultImageStyle
	case defaultIframeReferrerPolicy:
		return defaultIframeReferrerPolicy
	}
	return v
}

// hasClass reports whether the class attribute of el lists c.
func hasClass(el *html.Node, c string) bool {
	v, ok := dom.LookupAttr(el, "class")
	if !ok || !strings.Contains(v, c) {
		return false // a class of the list is in it as it is
	}
	for f := range strings.FieldsSeq(v) {
		if f == c {
			return true
		}
	}
	return false
}

func elementWithClass(n *html.Node, tag, class string) bool {
	return isElement(n, tag) && hasClass(n, class)
}

// parentElement returns the parent of n when it is an element.
func parentElement(n *html.Node) *html.Node {
	if p := n.Parent; p != nil && p.Type == html.ElementNode {
		return p
	}
	return nil
}

// inCardGrid reports whether el's parent is a card (div.isomer-card or
// a.isomer-card) whose parent is a card grid.
func inCard(el *html.Node) bool {
	card := parentElement(el)
	if card == nil || !(elementWithClass(card, "div", "isomer-card") || elementWithClass(card, "a", "isomer-card")) {
		return false
	}
	return inCardGrid(card)
}

// inCardBody reports whether el's parent is a card body inside a card.
func inCardBody(el *html.Node) bool {
	body := parentElement(el)
	return body != nil && elementWithClass(body, "div", "isomer-card-body") && inCard(body)
}

func hasChildElement(el *html.Node, f func(*html.Node) bool) bool {
	for c := el.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && f(c) {
			return true
		}
	}
	return false
}

func hasDescendant(el *html.Node, tag string) bool {
	// An explicit stack keeps this linear and off the goroutine stack.
	stack := []*html.Node{el.FirstChild}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for ; n != nil; n = n.NextSibling {
			if isElement(n, tag) {
				return true
			}
			if n.FirstChild != nil {
				stack = append(stack, n.FirstChild)
			}
		}
	}
	return false
}

// closest returns el or its nearest ancestor for which f holds, or nil.
func closest(el *html.Node, f func(*html.Node) bool) *html.Node {
	for n := el; n != nil && n.Type == html.ElementNode; n = n.Parent {
		if f(n) {
			return n
		}
	}
	return nil
}

// unsafeURL reports whether u uses a scheme that can run code when
// followed: javascript:, vbscript: or data:. Like browsers, it ignores
// leading control characters and spaces and tabs or newlines anywhere.
// Liquid at the start is read as Jekyll outputs it: a string literal
// ({{ "javascript:" }}) as its text, anything else as nothing.
func unsafeURL(u string) bool {
	if strings.HasPrefix(strings.TrimLeft(u, " \t\n\r\f"), "{") {
		if l := liquidLiterals(u); l != u {
			return unsafeURL(l)
		}
	}
	if !schemeStart(u) {
		return false // most URLs: /x, https:…, #x
	}
	// The runes that are not ignored decide, as far as the first that
	// goes past the longest scheme's length in UTF-8 (an invalid byte
	// counting as U+FFFD), each lowered as strings.ToLower lowers it.
	var buf [64]byte
	b, n := buf[:0], 0
	for _, r := range u {
		if r <= ' ' || r == 0x7f || r == '\u00a0' {
			continue
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
		if n += utf8.RuneLen(r); n > len("javascript:") {
			break
		}
	}
	return lowerHasPrefix(b, "javascript:") || lowerHasPrefix(b, "vbscript:") || lowerHasPrefix(b, "data:")
}

// schemeStart reports whether the first rune of u that unsafeURL does not
// ignore is a j, v or d in either case: the first letter of every
// scheme it looks for. (No other rune lowers to one of them.)
func schemeStart(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c <= ' ' || c == 0x7f:
			continue
		case c == 0xc2 && i+1 < len(u) && u[i+1] == 0xa0: // U+00A0
			i++
			continue
		}
		c |= 0x20
		return c == 'j' || c == 'v' || c == 'd'
	}
	return false
}

// lowerHasPrefix reports whether b, already lowered, starts with the
// ASCII scheme s.
func lowerHasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// liquidLiterals returns s with each Liquid output that is a string
// literal ({{ "x" }}, {{ 'x' | strip }}) replaced by its text and every
// other Liquid tag or output removed, as far as the first 64 bytes that
// are not Liquid (enough to see a scheme).
func liquidLiterals(s string) string {
	var b strings.Builder
	for s != "" && b.Len() < 64 {
		i := strings.Index(s, "{")
		if i < 0 || i+1 >= len(s) || s[i+1] != '{' && s[i+1] != '%' {
			b.WriteString(s)
			break
		}
		end := "}}"
		if s[i+1] == '%' {
			end = "%}"
		}
		j := strings.Index(s[i+2:], end)
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if end == "}}" {
			expr := strings.Trim(s[i+2:i+2+j], "- \t\n\r")
			if k := strings.IndexByte(expr, '|'); k >= 0 {
				expr = strings.TrimSpace(expr[:k])
			}
			if len(expr) >= 2 && (expr[0] == '"' || expr[0] == '\'') && expr[len(expr)-1] == expr[0] {
				b.WriteString(expr[1 : len(expr)-1])
			}
		}
		s = s[i+2+j+2:]
	}
	return b.String()
}

// intString converts an attribute value the way Tiptap's default attribute
// parser does for whole numbers ("560" becomes 560), and keeps any other
// value as a string.
func intString(v string) any {
	if isIntLiteral(v) {
		if n, err := strconv.Atoi(strings.TrimPrefix(v, "+")); err == nil {
			return n
		}
	}
	return attrValue(v)
}

func isIntLiteral(v string) bool {
	s := strings.TrimLeft(v, "+-")
	if len(v)-len(s) > 1 || s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseIntPrefix is JavaScript's parseInt(s, 10): leading whitespace, an
// optional sign and the longest run of digits. ok is false where parseInt
// gives NaN.
func parseIntPrefix(s string) (int, bool) {
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// cssDecls splits a style attribute into property/value pairs the way
// ProseMirror does, with the regular expression
// /\s*([\w-]+)\s*:\s*([^;]+)/g; values are trimmed.
func cssDecls(style string) [][2]string { return appendCSSDecls(nil, style) }

// appendCSSDecls appends the declarations of style, as cssDecls gives
// them, to out: the readers of a style attribute pass a buffer on their
// stack, where most styles fit.
func appendCSSDecls(out [][2]string, style string) [][2]string {
	for i := 0; i < len(style); {
		prop, val, end, ok := cssDeclAt(style, i)
		if !ok {
			i++
			continue
		}
		out = append(out, [2]string{prop, strings.TrimSpace(val)})
		i = end
	}
	return out
}

func isCSSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isCSSWord(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// cssDeclAt matches one declaration at i and returns its parts and end.
func cssDeclAt(s string, i int) (prop, val string, end int, ok bool) {
	for i < len(s) && isCSSSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && isCSSWord(s[j]) {
		j++
	}
	if j == i {
		return "", "", 0, false
	}
	prop = s[i:j]
	for j < len(s) && isCSSSpace(s[j]) {
		j++
	}
	if j == len(s) || s[j] != ':' {
		return "", "", 0, false
	}
	j++
	k := j
	for k < len(s) && isCSSSpace(s[k]) {
		k++
	}
	e := k
	for e < len(s) && s[e] != ';' {
		e++
	}
	if e == k {
		// Only whitespace before ";": the regular expression backs off
		// one space so that the value is not empty.
		if k == j {
			return "", "", 0, false
		}
		k--
	}
	return prop, s[k:e], e, true
}

// cssProp returns the value of the last declaration of prop in el's style
// attribute (the one that applies), lower-cased, as element.style reads.
func cssProp(el *html.Node, prop string) string {
	style, _ := dom.LookupAttr(el, "style")
	v := ""
	var buf [declBuf][2]string
	for _, d := range appendCSSDecls(buf[:0], style) {
		if strings.EqualFold(d[0], prop) {
			v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(d[1], "!important")))
		}
	}
	return v
}

// declBuf is the size of the buffers on the stack that style
// declarations are read into (see appendCSSDecls).
const declBuf = 8

// isBoldWeight is Tiptap's /^(bold(er)?|[5-9]\d{2,})$/.
func isBoldWeight(v string) bool {
	if v == "bold" || v == "bolder" {
		return true
	}
	if len(v) < 3 || v[0] < '5' || v[0] > '9' {
		return false
	}
	for i := 1; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func styleRules(s *schema) []styleRule {
	return []styleRule{
		{mark: s.marks[MarkBold], prop: "font-weight", consuming: true, value: isBoldWeight},
		{mark: s.marks[MarkItalic], prop: "font-style", consuming: true, value: func(v string) bool { return v == "italic" }},
		{mark: s.marks[MarkStrike], prop: "text-decoration", value: func(v string) bool { return strings.Contains(v, "line-through") }},
		{mark: s.marks[MarkUnderline], prop: "text-decoration", value: func(v string) bool { return strings.Contains(v, "underline") }},
		{mark: s.marks[MarkSuperscript], prop: "vertical-align", consuming: true, value: func(v string) bool { return v == "super" }},
		{mark: s.marks[MarkSubscript], prop: "vertical-align", consuming: true, value: func(v string) bool { return v == "sub" }},
	}
}

func imageMatch(el *html.Node) bool { return isElement(el, "img") && hasImageSource(el) }

// isImageWrapperLink reports whether el is a link that wraps an image for
// Isomer's image extension: a[href].isomer-image-wrapper.
func isImageWrapperLink(el *html.Node) bool {
	_, ok := dom.LookupAttr(el, "href")
	return ok && elementWithClass(el, "a", "isomer-image-wrapper")
}

// listTight is tiptap-markdown's rule: a list is tight when it says so or
// holds no paragraph at all.
func listTight(el *html.Node) bool {
	v, _ := dom.LookupAttr(el, "data-tight")
	return v == "true" || !hasDescendant(el, "p")
}

func orderedListAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	start := 1
	if v, ok := dom.LookupAttr(el, "start"); ok {
		n, ok := parseIntPrefix(v)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			p.note(el, CodeDroppedAttr, "ordered list start %q is not a number; the list starts at 1", v)
			n = 1
		}
		start = n
	}
	return map[string]any{"tight": listTight(el), "start": start}, true
}

func codeBlockAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	var lang any
	for c := el.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		cls, _ := dom.LookupAttr(c, "class")
		for f := range strings.FieldsSeq(cls) {
			if l, ok := strings.CutPrefix(f, "language-"); ok {
				if l != "" {
					lang = l
				}
				break
			}
		}
		break
	}
	return map[string]any{"language": lang}, true
}

func linkAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	href := attrOr(el, "href")
	if h, ok := href.(string); ok && unsafeURL(h) {
		p.note(el, CodeUnsafeURL, "link to %q is not kept: the editor does not link javascript:, vbscript: or data: URLs; its text stays", h)
		return nil, false
	}
	// The values first, then the map, made once with its four entries.
	target, rel := any(defaultLinkTarget), any(defaultLinkRel)
	if v, ok := dom.LookupAttr(el, "target"); ok {
		target = attrValue(v)
	}
	if v, ok := dom.LookupAttr(el, "rel"); ok {
		rel = attrValue(v)
	}
	if target == "_blank" {
		if r, ok := withoutOpener(rel.(string)); ok {
			p.note(el, CodeActiveContent, "rel=\"opener\" removed from a link that opens in a new tab: the page it opens must not control this one")
			rel = r
		}
	}
	return map[string]any{"href": href, "target": target, "rel": rel, "class": attrOr(el, "class")}, true
}

// withoutOpener returns the rel value rel without its "opener" keyword,
// and whether it had one; a rel left empty becomes the editor's default.
func withoutOpener(rel string) (string, bool) {
	if !mayHaveOpener(rel) {
		return rel, false // most links: no field to take out
	}
	f := strings.Fields(rel)
	kept := slices.DeleteFunc(slices.Clone(f), func(k string) bool { return strings.EqualFold(k, "opener") })
	if len(kept) == len(f) {
		return rel, false
	}
	if len(kept) == 0 {
		return defaultLinkRel, true
	}
	return strings.Join(kept, " "), true
}

// mayHaveOpener reports whether rel may hold the field "opener" in any
// case: a field that strings.EqualFold finds equal to it is that word in
// ASCII (no other letter folds to o, p, e, n or r), standing between the
// ends of rel or white space. Next to the word, a byte that is ASCII but
// not white space (the "o" of "noopener", the default rel) rules the
// field out; a byte of a multi-byte character, which may be white space
// for strings.Fields (U+00A0, U+0085, U+3000…), does not.
func mayHaveOpener(rel string) bool {
	for i := 0; i+len("opener") <= len(rel); i++ {
		if rel[i]|0x20 == 'o' && (i == 0 || fieldEdge(rel[i-1])) &&
			(i+len("opener") == len(rel) || fieldEdge(rel[i+len("opener")])) &&
			strings.EqualFold(rel[i:i+len("opener")], "opener") {
			return true
		}
	}
	return false
}

// fieldEdge reports whether c, next to a word, may end a field of
// strings.Fields there: ASCII white space, or a byte of a multi-byte
// character.
func fieldEdge(c byte) bool {
	return c >= utf8.RuneSelf || c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func imageAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	src, _ := dom.LookupAttr(el, "src")
	if unsafeURL(src) {
		p.note(el, CodeUnsafeURL, "image with source %q is dropped: javascript:, vbscript: and data: sources are not kept", truncate(src, 60))
		return nil, false
	}
	// The values first, then the map, made once with its entries.
	width, height, style, href := any(defaultImageWidth), any(defaultImageHeight), any(defaultImageStyle), any(nil)
	if v, ok := dom.LookupAttr(el, "width"); ok {
		width = intString(v)
	}
	if v, ok := dom.LookupAttr(el, "height"); ok {
		height = intString(v)
	}
	if v, ok := dom.LookupAttr(el, "style"); ok && activeStyle(v) {
		p.note(el, CodeActiveContent, "<img>: style %q removed: it runs script", truncate(v, 60))
	} else if ok {
		style = attrValue(v)
	} else if v, ok := imageStyle(el); ok {
		style = v
	}
	if w := closest(el, isImageWrapperLink); w != nil {
		h, _ := dom.LookupAttr(w, "href")
		switch {
		case unsafeURL(h):
			p.note(w, CodeUnsafeURL, "image link to %q is not kept: javascript:, vbscript: and data: URLs are not linked", h)
		case h != "":
			// An empty href would render as no link at all.
			href = h
		}
	}
	return map[string]any{
		"src": src, "alt": attrOr(el, "alt"), "title": attrOr(el, "title"),
		"width": width, "height": height, "style": style, "href": href,
	}, true
}

func iframeAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	src := attrOr(el, "src")
	if s, ok := src.(string); ok && unsafeURL(s) {
		p.note(el, CodeUnsafeURL, "iframe with source %q is dropped: javascript:, vbscript: and data: sources are not kept", truncate(s, 60))
		return nil, false
	}
	a := map[string]any{"src": src, "frameborder": 0, "allowfullscreen": true, "width": nil, "height": nil, "style": attrOr(el, "style")}
	if v, ok := dom.LookupAttr(el, "style"); ok && activeStyle(v) {
		p.note(el, CodeActiveContent, "<iframe>: style %q removed: it runs script", truncate(v, 60))
		a["style"] = nil
	}
	if v, ok := dom.LookupAttr(el, "frameborder"); ok {
		a["frameborder"] = intString(v)
	}
	if v, ok := dom.LookupAttr(el, "width"); ok {
		a["width"] = intString(v)
	}
	if v, ok := dom.LookupAttr(el, "height"); ok {
		a["height"] = intString(v)
	}
	a["referrerpolicy"] = defaultIframeReferrerPolicy
	if v, ok := dom.LookupAttr(el, "referrerpolicy"); ok {
		a["referrerpolicy"] = attrValue(v)
	}
	return a, true
}

func cellAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	a := map[string]any{"colspan": 1, "rowspan": 1, "colwidth": nil}
	for _, name := range []string{"colspan", "rowspan"} {
		if v, ok := dom.LookupAttr(el, name); ok {
			if n, ok := intString(v).(int); ok && n >= 1 && n <= maxSpan(name) {
				a[name] = n
			} else {
				p.note(el, CodeDroppedAttr, "%s %q is not a whole number from 1 to %d; 1 is used", name, v, maxSpan(name))
			}
		}
	}
	if v, ok := dom.LookupAttr(el, "colwidth"); ok && v != "" {
		var ws []int
		for _, f := range strings.Split(v, ",") {
			n, ok := parseIntPrefix(f)
			if !ok || n < 0 || n > maxColWidth {
				p.note(el, CodeDroppedAttr, "colwidth %q is not a list of widths in pixels; it is dropped", v)
				ws = nil
				break
			}
			ws = append(ws, n)
		}
		if ws != nil {
			a["colwidth"] = ws
		}
	}
	return a, true
}

// maxSpan is the largest colspan or rowspan HTML allows (browsers clamp
// larger ones).
func maxSpan(name string) int {
	if name == "colspan" {
		return 1000
	}
	return 65534
}

func clickableCardAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	a := map[string]any{"href": attrOr(el, "href"), "rel": defaultLinkRel}
	if h, ok := a["href"].(string); ok && unsafeURL(h) {
		p.note(el, CodeUnsafeURL, "card link to %q is not kept: javascript:, vbscript: and data: URLs are not linked", h)
		a["href"] = nil
	}
	if v, ok := dom.LookupAttr(el, "rel"); ok {
		a["rel"] = attrValue(v)
	}
	return a, true
}

// detailGroupAttrs reads the accordion colour from the class list. A group
// that says isomer-accordion-white is white (a gray group the CMS reloaded
// and saved again carries both classes and shows white); otherwise gray or
// grey makes it gray.
func detailGroupAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	color := "white"
	if !hasClass(el, "isomer-accordion-white") && (hasClass(el, "isomer-accordion-gray") || hasClass(el, "isomer-accordion-grey")) {
		color = "gray"
	}
	return map[string]any{"backgroundColor": color}, true
}

// instagramAttrs keeps the embed's blockquote as HTML, without what the
// CMS's sanitiser would remove from it (scripts, event handlers, script
// URLs, srcdoc…).
func instagramAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	p.sanitizeEmbed(el)
	return map[string]any{"html": outerHTML(el)}, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// imageStyle returns the style for the image el when the page sizes it
// in a way that the image node's default style would undo: a width
// attribute of its own ("50%", "300") with no style, or, for an image
// with neither, a width in the style of an element that holds nothing
// but the image (<div style="width:50%"><img …></div>, common in
// kramdown pages). The style is written the way the editor's resize
// handle writes it ("width: 50%;").
func imageStyle(el *html.Node) (string, bool) {
	if _, ok := dom.LookupAttr(el, "style"); ok {
		return "", false
	}
	if v, ok := dom.LookupAttr(el, "width"); ok {
		if w, ok := cssLength(v, true); ok {
			return "width: " + w + ";", true
		}
		return "", false
	}
	if anc := inheritedWidth(el); anc != nil {
		w, _ := styleWidth(anc)
		return "width: " + w + ";", true
	}
	return "", false
}

// inheritedWidth returns the element whose style gives the image el its
// width (see widthHolder) when el sizes itself neither by a style nor by
// a width attribute; or nil.
func inheritedWidth(el *html.Node) *html.Node {
	if _, ok := dom.LookupAttr(el, "style"); ok {
		return nil
	}
	if _, ok := dom.LookupAttr(el, "width"); ok {
		return nil
	}
	return widthHolder(el)
}

// widthHolder returns the nearest element around the image el, through
// elements that each hold nothing but it, whose style gives a width; or
// nil.
func widthHolder(el *html.Node) *html.Node {
	n := el
	for range 8 {
		p := parentElement(n)
		if p == nil || isElement(p, "body") || !soleChild(p, n) {
			return nil
		}
		if _, ok := styleWidth(p); ok {
			return p
		}
		n = p
	}
	return nil
}

// soleChild reports whether c is the only child of p apart from
// whitespace text and comments.
func soleChild(p, c *html.Node) bool {
	for k := p.FirstChild; k != nil; k = k.NextSibling {
		switch {
		case k == c, k.Type == html.CommentNode:
		case k.Type == html.TextNode && strings.TrimSpace(k.Data) == "":
		default:
			return false
		}
	}
	return true
}

// styleWidth returns the width that the style attribute of el sets, as a
// percentage or in pixels.
func styleWidth(el *html.Node) (string, bool) {
	style, ok := dom.LookupAttr(el, "style")
	if !ok {
		return "", false
	}
	w := ""
	var buf [declBuf][2]string
	for _, d := range appendCSSDecls(buf[:0], style) {
		if d[0] == "width" {
			w = d[1]
		}
	}
	return cssLength(w, false)
}

// cssLength returns v, a positive percentage or pixel length ("50%",
// "50 %", "300px", or "300" when bare is true), written as CSS; 100% is
// the default and is not returned.
func cssLength(v string, bare bool) (string, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	unit := ""
	switch {
	case strings.HasSuffix(v, "%"):
		unit, v = "%", strings.TrimSpace(strings.TrimSuffix(v, "%"))
	case strings.HasSuffix(v, "px"):
		unit, v = "px", strings.TrimSpace(strings.TrimSuffix(v, "px"))
	case bare:
		unit = "px"
	default:
		return "", false
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || f > 100_000 || unit == "%" && f >= 100 {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64) + unit, true
}
