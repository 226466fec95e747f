package review

import (
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The sanitizer keeps what shows a page's text and layout and nothing
// that acts: elements outside an allow list are unwrapped (their
// content kept) or, when they run, load or embed something, replaced by
// a box that names them; attributes outside an allow list are dropped,
// and so is every URL. Links keep their look and show their target as
// a tooltip, but lead nowhere; images, which the review page does not
// have, become boxes with their alt text and size. The frames the
// result goes in are sandboxed too: the sanitizer is one of two walls.

// keptElements are shown as they are.
var keptElements = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"a": true, "ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "th": true, "td": true,
	"caption": true, "colgroup": true, "col": true,
	"div": true, "span": true, "section": true, "article": true, "header": true, "footer": true,
	"nav": true, "aside": true, "main": true, "center": true, "address": true, "figure": true, "figcaption": true,
	"strong": true, "b": true, "em": true, "i": true, "u": true, "s": true, "strike": true, "del": true, "ins": true,
	"sub": true, "sup": true, "code": true, "pre": true, "blockquote": true, "hr": true, "br": true, "wbr": true,
	"details": true, "summary": true, "mark": true, "small": true, "big": true, "abbr": true, "cite": true,
	"q": true, "dfn": true, "kbd": true, "samp": true, "var": true, "time": true, "font": true, "tt": true,
	"label": true, "fieldset": true, "legend": true,
}

// boxedElements run, load or embed something: they are replaced by a
// box naming them (and their source, for frames and media).
var boxedElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true, "applet": true,
	"frame": true, "frameset": true, "portal": true, "video": true, "audio": true, "canvas": true,
	"svg": true, "math": true, "input": true, "button": true, "select": true, "textarea": true,
	"noscript": true, "template": true, "xmp": true, "noembed": true, "noframes": true, "plaintext": true,
	"map": true, "isindex": true, "picture": true, "source": true, "track": true, "param": true,
	"dialog": true, "marquee": true, "img": true, "image": true,
}

// droppedElements take the document over and show nothing: they go
// without a trace.
var droppedElements = map[string]bool{
	"base": true, "meta": true, "link": true, "title": true, "head": true,
}

// keptAttrs are the attributes that only show; style is checked apart.
var keptAttrs = map[string]bool{
	"class": true, "id": true, "title": true, "lang": true, "dir": true, "align": true, "valign": true,
	"width": true, "height": true, "colspan": true, "rowspan": true, "scope": true, "headers": true,
	"start": true, "reversed": true, "open": true, "span": true, "border": true, "cellpadding": true,
	"cellspacing": true, "color": true, "face": true, "size": true, "datetime": true, "value": true,
}

// safeStyle reports whether a style attribute only styles: no URL, no
// script, no escapes or comments that could hide either.
func safeStyle(css string) bool {
	s := strings.ToLower(css)
	for _, bad := range []string{"url", "expression", "script", "behavior", "binding", "@", "\\", "/*", "image", "&", "<"} {
		if strings.Contains(s, bad) {
			return false
		}
	}
	return true
}

// sanitize makes the children of n safe to show, in place.
func sanitize(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.ElementNode:
			sanitizeElement(c)
		case html.TextNode:
		default: // comments, doctypes, raw nodes
			n.RemoveChild(c)
		}
		c = next
	}
}

func sanitizeElement(c *html.Node) {
	n := c.Parent
	tag := strings.ToLower(c.Data)
	if c.Namespace != "" {
		tag = "svg" // foreign content is boxed whole
	}
	switch {
	case droppedElements[tag]:
		n.RemoveChild(c)
	case boxedElements[tag]:
		n.InsertBefore(box(c, tag), c)
		n.RemoveChild(c)
	case keptElements[tag]:
		href := dom.Attr(c, "href")
		title := dom.Attr(c, "title")
		var attrs []html.Attribute
		for _, a := range c.Attr {
			k := strings.ToLower(a.Key)
			switch {
			case a.Namespace != "", k == "title":
			case keptAttrs[k], k == "style" && safeStyle(a.Val), k == "type" && (tag == "ol" || tag == "ul" || tag == "li"):
				attrs = append(attrs, html.Attribute{Key: k, Val: a.Val})
			}
		}
		if tag == "a" && href != "" {
			title = strings.TrimSpace("→ " + href + " " + title)
		}
		if title != "" {
			attrs = append(attrs, html.Attribute{Key: "title", Val: title})
		}
		c.Data, c.DataAtom, c.Attr = tag, atom.Lookup([]byte(tag)), attrs
		sanitize(c)
	default: // unknown: keep the content
		sanitize(c)
		for g := c.FirstChild; g != nil; {
			next := g.NextSibling
			c.RemoveChild(g)
			n.InsertBefore(g, c)
			g = next
		}
		n.RemoveChild(c)
	}
}

// box returns the box that stands for element c: for an image its alt
// text and size (at that size, when it has one), for the others their
// name and source.
func box(c *html.Node, tag string) *html.Node {
	b := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span}
	class := "rv-box"
	if tag == "img" || tag == "image" {
		class = "rv-img"
	}
	if extra := dom.Attr(c, "class"); strings.Contains(extra, "rv-") {
		for _, f := range strings.Fields(extra) {
			if strings.HasPrefix(f, "rv-") {
				class += " " + f
			}
		}
	}
	b.Attr = append(b.Attr, html.Attribute{Key: "class", Val: class})
	var label string
	src := dom.Attr(c, "src")
	if src == "" {
		src = dom.Attr(c, "data")
	}
	switch class[:6] {
	case "rv-img":
		w, h := dom.Attr(c, "width"), dom.Attr(c, "height")
		label = "image"
		if alt := dom.Attr(c, "alt"); alt != "" {
			label += ": " + alt
		}
		if w != "" || h != "" {
			label += " (" + orAuto(w) + "×" + orAuto(h) + ")"
		}
		if style := size(w, h, dom.Attr(c, "style")); style != "" {
			b.Attr = append(b.Attr, html.Attribute{Key: "style", Val: style})
		}
	default:
		label = tag
		if src != "" {
			label += ": " + src
		}
	}
	title := src
	if t := dom.Attr(c, "title"); t != "" {
		title = strings.TrimSpace(title + " " + t)
	}
	if title != "" {
		b.Attr = append(b.Attr, html.Attribute{Key: "title", Val: title})
	}
	b.AppendChild(&html.Node{Type: html.TextNode, Data: label})
	return b
}

func orAuto(s string) string {
	if s == "" {
		return "auto"
	}
	return s
}

// size returns the style that gives an image box the image's size, from
// its width and height attributes or the width and height of its style;
// a size that is not a plain length is left out.
func size(w, h, style string) string {
	for _, d := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "width":
			w = strings.TrimSpace(v)
		case "height":
			h = strings.TrimSpace(v)
		}
	}
	var b strings.Builder
	if v := length(w); v != "" {
		b.WriteString("width:" + v + ";")
	}
	if v := length(h); v != "" {
		b.WriteString("height:" + v + ";")
	}
	return b.String()
}

// length returns s as a CSS length if it is a number of pixels or a
// percentage ("300", "300px", "50%"), capped; "" otherwise.
func length(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	unit := "px"
	switch {
	case strings.HasSuffix(s, "px"):
		s = s[:len(s)-2]
	case strings.HasSuffix(s, "%"):
		s, unit = s[:len(s)-1], "%"
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f <= 0 || f > 4000 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64) + unit
}

// addClass adds class to n's class attribute.
func addClass(n *html.Node, class string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, "class") {
			n.Attr[i].Val = strings.TrimSpace(a.Val + " " + class)
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: class})
}

// parseBody parses an HTML page body into a <body> element; the
// fragment's nodes are its children.
func parseBody(src []byte) *html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(string(src)), body)
	if err != nil { // the reader never fails
		body.AppendChild(&html.Node{Type: html.TextNode, Data: string(src)})
		return body
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body
}

// renderChildren returns the HTML of n's children.
func renderChildren(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

// sanitizeHTML returns the page body src made safe to show.
func sanitizeHTML(src []byte) string {
	body := parseBody(src)
	sanitize(body)
	return renderChildren(body)
}
