package tiptap

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// This file decides which notes an element gets: what of it the document
// does not keep. Attributes that the dialect itself writes and that the
// document recomputes (class="tight" on a list, the table's minWidth, the
// wrapper classes of images and iframes…) are not reported.

// noteIgnored reports an element the editor ignores with all it holds.
func (p *parser) noteIgnored(el *html.Node) {
	switch el.Data {
	case "script":
		if src, _ := dom.LookupAttr(el, "src"); strings.HasSuffix(src, "instagram.com/embed.js") &&
			elementWithClass(parentElement(el), "div", "instagram-wrapper") {
			return // the embed script Isomer's Instagram node writes back
		}
		p.note(el, CodeDroppedScript, "<script> dropped")
	default:
		if el.FirstChild == nil && el.Data != "object" {
			return
		}
		p.note(el, CodeDroppedElement, "<%s> dropped with its content", el.Data)
	}
}

// noteSwallowed reports what the HTML parser takes in without leaving an
// element for it: the attributes of a <body> or <html> tag in the page
// (merged into the document's own) that run script, and <frameset> and
// <frame> tags (ignored inside a body).
func (p *parser) noteSwallowed(body *html.Node) {
	for _, el := range []*html.Node{body, body.Parent} {
		if el == nil {
			continue
		}
		for _, a := range el.Attr {
			if a.Key != posAttr && activeAttr(a.Key, a.Val) {
				// The tag is the page's own: the one the parser adds
				// comes first and has no attributes.
				p.noteAt(indexTag(p.src, 0, el.Data), CodeActiveContent, "<%s>: removed %s: it runs script", el.Data, a.Key)
			}
		}
	}
	for off := 0; ; off++ {
		if off = indexTag(p.src, off, "frame"); off < 0 {
			return
		}
		p.noteAt(off, CodeDroppedElement, "<frame> or <frameset> dropped: the dialect has no frames")
	}
}

// indexTag returns the offset of the first start tag named name (or
// name+"set") in src at or after from, in any case; or -1. It allocates
// nothing.
func indexTag(src []byte, from int, name string) int {
	if from >= len(src) || !hasTagStart(src[from:], name[0]) {
		return -1 // the common case, found with two quick scans
	}
	for i := from; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		rest := src[i+1:]
		if len(rest) < len(name) || !bytes.EqualFold(rest[:len(name)], []byte(name)) {
			continue
		}
		rest = rest[len(name):]
		if name == "frame" && len(rest) >= 3 && bytes.EqualFold(rest[:3], []byte("set")) {
			rest = rest[3:]
		}
		if len(rest) > 0 && (rest[0] <= ' ' || rest[0] == '>' || rest[0] == '/') {
			return i
		}
	}
	return -1
}

// hasTagStart reports whether src holds a "<" followed by the ASCII
// letter c in either case: one scan from "<" to "<" (a byte b is c in
// either case when b|0x20 is c's lower case).
func hasTagStart(src []byte, c byte) bool {
	lower := c | 0x20
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return false
		}
		if i += j; i+1 >= len(src) {
			return false
		}
		if src[i+1]|0x20 == lower {
			return true
		}
	}
}

// noteLeaf reports an element without content that no rule matched.
func (p *parser) noteLeaf(el *html.Node) {
	if el.Namespace != "" {
		p.noteAttrs(el, nil) // only what runs script: the rest shows nothing
		if activeForeign(el) {
			p.note(el, CodeActiveContent, "<%s> in <%s> dropped: it runs script or loads a document", el.Data, el.Namespace)
		}
		return
	}
	switch el.Data {
	case "img":
		src, ok := dom.LookupAttr(el, "src")
		switch {
		case !ok:
			p.note(el, CodeDroppedElement, "<img> without src dropped")
		case strings.HasPrefix(src, "data:"):
			p.note(el, CodeDroppedElement, "image with an inline data: source dropped (the CMS blocks base64 images)")
		}
		// An img with a javascript: or vbscript: source was reported as
		// an unsafe URL already.
	case "input":
		if closest(el, func(n *html.Node) bool {
			v, _ := dom.LookupAttr(n, "data-type")
			return isElement(n, "li") && v == "taskItem"
		}) != nil {
			return // the checkbox of a task item, which the node recreates
		}
		p.note(el, CodeDroppedElement, "<input> dropped")
	case "link":
		if rel, _ := dom.LookupAttr(el, "rel"); strings.Contains(strings.ToLower(rel), "stylesheet") {
			h, _ := dom.LookupAttr(el, "href")
			p.note(el, CodeDroppedElement, "style sheet <link> to %q dropped: the page loses its styles", truncate(h, 60))
			return
		}
		if !harmlessLink(el) {
			h, _ := dom.LookupAttr(el, "href")
			p.note(el, CodeDroppedElement, "<link> to %q dropped", truncate(h, 60))
		}
	case "meta":
		if v, _ := dom.LookupAttr(el, "http-equiv"); strings.EqualFold(strings.TrimSpace(v), "refresh") {
			c, _ := dom.LookupAttr(el, "content")
			p.note(el, CodeDroppedElement, "<meta http-equiv=\"refresh\"> (%q) dropped: the page no longer redirects or reloads", truncate(c, 60))
			return
		}
		// Other meta elements (a charset from a paste) show nothing.
	case "base":
		h, _ := dom.LookupAttr(el, "href")
		p.note(el, CodeDroppedElement, "<base href=%q> dropped: relative links on the page now resolve against the page's own address", truncate(h, 60))
	case "applet", "portal", "isindex", "frame", "frameset":
		p.note(el, CodeDroppedElement, "<%s> dropped", el.Data)
	case "video", "audio", "embed", "source", "track", "canvas", "area", "picture", "svg", "math", "select", "textarea", "button", "meter", "progress":
		p.note(el, CodeDroppedElement, "<%s> dropped", el.Data)
	}
}

// harmlessLink reports a <link> that changes nothing a visitor sees: an
// icon, a hint to the browser, or metadata.
func harmlessLink(el *html.Node) bool {
	rel, _ := dom.LookupAttr(el, "rel")
	f := strings.Fields(strings.ToLower(rel))
	if len(f) == 0 {
		return false
	}
	for _, k := range f {
		switch k {
		case "icon", "shortcut", "apple-touch-icon", "mask-icon", "canonical", "alternate", "author", "license",
			"dns-prefetch", "preconnect", "prefetch", "preload", "modulepreload", "manifest", "me", "pingback", "search":
		default:
			return false
		}
	}
	return true
}

// noteUnwrapped reports an element that no rule matched but whose content
// is kept.
func (p *parser) noteUnwrapped(el *html.Node) {
	if el.Namespace != "" && strings.EqualFold(el.Data, "script") {
		p.note(el, CodeDroppedScript, "<script> in <%s> dropped; its code is kept as text", el.Namespace)
		return
	}
	if el.Namespace != "" && activeForeign(el) {
		p.note(el, CodeActiveContent, "<%s> in <%s> dropped: it runs script or loads a document; its text is kept", el.Data, el.Namespace)
		return
	}
	if el.Namespace != "" {
		p.noteVis(p.offset(el), CodeUnwrapped, true, "<%s> is not part of the dialect; only its text is kept", el.Data)
		return
	}
	switch el.Data {
	case "span", "div", "tbody", "colgroup", "font":
		return // carries nothing beyond its attributes, reported apart
	case "label":
		if parentElement(el) != nil && isElement(parentElement(el), "li") {
			return // the label of a task item
		}
	case "b", "i":
		return // <b style="font-weight: normal">: formatting turned off
	case "a":
		if h, _ := dom.LookupAttr(el, "href"); unsafeURL(h) {
			return // reported as an unsafe URL
		}
		if hasClass(el, "isomer-card") {
			p.noteVis(p.offset(el), CodeUnwrapped, true, "card <a class=\"isomer-card\"> outside a card grid is not a card; its content is kept")
			return
		}
	case "iframe":
		if s, _ := dom.LookupAttr(el, "src"); unsafeURL(s) {
			return
		}
	}
	if words, visible := elementEffect(el); visible {
		p.noteVis(p.offset(el), CodeUnwrapped, true, "<%s> is not part of the dialect; its content is kept, but %s", el.Data, words)
		return
	}
	p.note(el, CodeUnwrapped, "<%s> is not part of the dialect; its content is kept", el.Data)
}

// noteAttrs reports the attributes of el that neither its rule nor the
// dialect's fixed markup accounts for.
func (p *parser) noteAttrs(el *html.Node, rule *parseRule) {
	if len(el.Attr) == 0 || rule != nil && rule.node != nil && rule.node.spec.html.keepsAll {
		return // an embed's attributes are kept, or removed by sanitizeEmbed
	}
	if el.Namespace != "" {
		// SVG and MathML keep only their text: report what ran script.
		var active []string
		for _, a := range el.Attr {
			key := a.Key
			if a.Namespace != "" {
				key = a.Namespace + ":" + a.Key
			}
			if activeAttr(key, a.Val) {
				active = append(active, key)
			}
		}
		if len(active) > 0 {
			p.note(el, CodeActiveContent, "<%s>: removed %s: it runs script", el.Data, strings.Join(active, ", "))
		}
		return
	}
	// Most elements drop an attribute or two: their names stay on the
	// stack.
	var dropBuf [4]string
	dropped := dropBuf[:0]
	var active []string
	var eff effects
	for _, a := range el.Attr {
		key := a.Key
		if a.Namespace != "" {
			key = a.Namespace + ":" + a.Key
		}
		if (key == "href" || key == "src") && (isElement(el, "a") || isElement(el, "img") || isElement(el, "iframe")) && unsafeURL(a.Val) {
			continue // reported as an unsafe URL
		}
		if key == "style" && rule != nil && rule.node != nil && slices.Contains(rule.node.spec.html.attrs, "style") {
			continue // the node's style: reported by its rule if it runs script
		}
		if activeAttr(key, a.Val) {
			active = append(active, key)
			continue
		}
		if a.Namespace != "" {
			dropped = append(dropped, key)
			continue
		}
		if (a.Key == "id" || a.Key == "name" && isElement(el, "a")) && strings.TrimSpace(a.Val) != "" &&
			!strings.HasPrefix(a.Val, "docs-internal-guid-") && !p.consumedAttr(el, rule, a.Key, a.Val) {
			// (Google Docs marks every paste with an id that nothing
			// links to.)
			// A link of the page to it jumps no more: visible. A link from
			// another page cannot be seen from here.
			if p.targets[a.Val] {
				p.noteVis(p.offset(el), CodeDroppedAnchor, true, "<%s>: in-page anchor %q dropped: the links of this page to #%s will no longer jump to this place", el.Data, a.Val, a.Val)
			} else {
				p.noteVis(p.offset(el), CodeDroppedAnchor, false, "<%s>: in-page anchor %q dropped: no link of this page points to it (links from other pages to #%s, if any, would no longer jump here)", el.Data, a.Val, a.Val)
			}
			continue
		}
		if a.Key == "style" {
			if rest := p.droppedStyle(el, rule, a.Val); len(rest) > 0 {
				styleEffects(rest, &eff)
				dropped = append(dropped, "style ("+truncate(joinDecls(rest), 60)+")")
			}
			continue
		}
		if p.consumedAttr(el, rule, a.Key, a.Val) {
			continue
		}
		if a.Key == "class" {
			if shown := classEffects(a.Val, &eff); shown != "" {
				dropped = append(dropped, "class "+strconv.Quote(truncate(shown, 60)))
				continue
			}
		} else if e, ok := attrEffect(el, a.Key, a.Val); ok {
			eff[e] = true
		} else if (a.Key == "id" || a.Key == "name" && isElement(el, "a")) && p.targets[a.Val] {
			eff[effAnchor] = true
		}
		dropped = append(dropped, a.Key)
	}
	if len(active) > 0 {
		p.note(el, CodeActiveContent, "<%s>: removed %s: it runs script", el.Data, strings.Join(active, ", "))
	}
	if len(dropped) == 0 {
		return
	}
	if eff.any() {
		p.noteMsg(p.offset(el), CodeDroppedAttr, true, droppedAttrMessage(el.Data, dropped, eff.words()))
		return
	}
	p.noteMsg(p.offset(el), CodeDroppedAttr, defaultVisible(CodeDroppedAttr), droppedAttrMessage(el.Data, dropped, ""))
}

// droppedAttrMessage returns the message of a CodeDroppedAttr note: what
// fmt.Sprintf("<%s>: dropped %s: %s", tag, strings.Join(dropped, ", "),
// words) returns, or without ": %s" when words is empty, built in one
// allocation.
func droppedAttrMessage(tag string, dropped []string, words string) string {
	n := len("<>: dropped ") + len(tag) + len(words)
	for i, d := range dropped {
		if i > 0 {
			n += len(", ")
		}
		n += len(d)
	}
	if words != "" {
		n += len(": ")
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString("<")
	b.WriteString(tag)
	b.WriteString(">: dropped ")
	for i, d := range dropped {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d)
	}
	if words != "" {
		b.WriteString(": ")
		b.WriteString(words)
	}
	return b.String()
}

// joinDecls joins style declarations as a style attribute writes them.
func joinDecls(decls [][2]string) string {
	n := 0
	for _, d := range decls {
		n += len(d[0]) + len(": ") + len(d[1]) + len("; ")
	}
	var b strings.Builder
	b.Grow(n)
	for i, d := range decls {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d[0])
		b.WriteString(": ")
		b.WriteString(d[1])
	}
	return b.String()
}

// droppedStyle returns the declarations of a style attribute that give no
// mark and that the node does not keep.
func (p *parser) droppedStyle(el *html.Node, rule *parseRule, style string) [][2]string {
	if rule != nil && rule.node != nil && rule.node.spec.html.consumes("style", style) {
		return nil // the node keeps its style (image, iframe, embed)
	}
	var rest [][2]string
	var buf [declBuf][2]string
	for _, d := range appendCSSDecls(buf[:0], style) {
		switch {
		case p.givesMark(d[0], d[1]):
		case isElement(el, "table") && (d[0] == "minWidth" || d[0] == "min-width" || d[0] == "width"):
		case isElement(el, "col") && d[0] == "width":
		case d[0] == "width" && p.widthCarried(el):
		case isElement(el, "b") && d[0] == "font-weight",
			isElement(el, "i") && d[0] == "font-style":
		default:
			rest = append(rest, d)
		}
	}
	return rest
}

// widthCarried reports whether the width in el's style is carried by the
// image that el holds and nothing else (see imageStyle).
func (p *parser) widthCarried(el *html.Node) bool {
	img := soleImageIn(el)
	return img != nil && imageMatch(img) && inheritedWidth(img) == el
}

// soleImageIn returns the img element that el holds and nothing else,
// through elements that each hold only it; or nil.
func soleImageIn(el *html.Node) *html.Node {
	n := el
	for range 8 {
		var only *html.Node
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.CommentNode, k.Type == html.TextNode && strings.TrimSpace(k.Data) == "":
			case only == nil && k.Type == html.ElementNode:
				only = k
			default:
				return nil
			}
		}
		if only == nil {
			return nil
		}
		if isElement(only, "img") {
			return only
		}
		n = only
	}
	return nil
}

func (p *parser) givesMark(prop, value string) bool {
	for _, r := range p.styles {
		if r.prop == prop && r.value(value) {
			return true
		}
	}
	return false
}

// classesIn reports whether every class of v is one of allowed.
func classesIn(v string, allowed ...string) bool {
	for f := range strings.FieldsSeq(v) {
		ok := false
		for _, a := range allowed {
			if f == a {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// consumedAttr reports whether attribute key=val of el is held by the
// document or is part of the dialect's fixed markup (see dialect.go).
func (p *parser) consumedAttr(el *html.Node, rule *parseRule, key, val string) bool {
	switch {
	case rule != nil && rule.node != nil:
		return rule.node.spec.html.consumes(key, val)
	case rule != nil:
		m := rule.mark
		return slices.ContainsFunc(m.spec.attrs, func(a attrSpec) bool { return a.name == key }) ||
			m.spec.consumes != nil && m.spec.consumes(el, key, val)
	}
	return p.markupAttr(el, key, val)
}

// markupAttr reports whether attribute key=val of el, an element no rule
// matched, is part of the markup the dialect writes around its nodes (the
// wrappers of images, iframes and embeds, a task item's checkbox), or is
// reported with the element.
func (p *parser) markupAttr(el *html.Node, key, val string) bool {
	if key == "class" {
		switch {
		case isElement(el, "div"):
			return wrapperClass(p.s, val) || classesIn(val, "isomer-card-grid")
		case isElement(el, "a"):
			return classesIn(val, "isomer-card")
		}
	}
	if isElement(el, "a") && key == "href" && unsafeURL(val) {
		return true // reported as an unsafe URL
	}
	if isElement(el, "a") && hasClass(el, "isomer-card") {
		return key == "href" || key == "rel" // reported with the unwrapped card
	}
	if isElement(el, "input") && (key == "type" || key == "checked" || key == "disabled") {
		return closest(el, func(n *html.Node) bool { return isElement(n, "li") }) != nil
	}
	if isElement(el, "img") || isElement(el, "iframe") {
		return true // the element itself is reported
	}
	return false
}
