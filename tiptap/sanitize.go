package tiptap

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file draws the line that the CMS's sanitiser (DOMPurify with the
// backend's configuration) draws: no script beyond the allow-listed
// embed scripts, no event handler attribute, no javascript:, vbscript: or
// data: URL, no srcdoc. The one place where the document keeps HTML as
// it is, the Instagram embed, is cleaned here; everywhere else the
// schema keeps nothing active already.

// activeElements are the elements removed, with their content, from an
// Instagram embed: scripts and the elements that load or run other
// documents, styles or code, or that change how the page's URLs resolve.
var activeElements = map[string]bool{
	"script": true, "style": true, "object": true, "embed": true, "applet": true,
	"link": true, "meta": true, "base": true, "noscript": true, "template": true,
	"frame": true, "frameset": true, "noembed": true, "noframes": true, "xmp": true,
	"plaintext": true, "title": true, "iframe": true, "form": true, "math": true,
	"portal": true, "param": true,
}

// activeSVGElements are the SVG elements removed from an embed: scripts,
// foreign content and the animations that can set an href.
var activeSVGElements = map[string]bool{
	"script": true, "foreignobject": true, "animate": true, "set": true,
	"animatemotion": true, "animatetransform": true, "use": true, "handler": true,
	"listener": true, "style": true,
}

// urlAttrs are the attributes whose value is a URL that a browser loads
// or follows.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "background": true,
	"poster": true, "cite": true, "data": true, "codebase": true, "lowsrc": true,
	"dynsrc": true, "ping": true, "longdesc": true, "usemap": true, "manifest": true,
	"xlink:href": true, "srcset": true, "imagesrcset": true,
}

// activeAttr reports whether an attribute, named key (with its namespace
// prefix, "xlink:href") and valued val, makes an element active: an event
// handler, a srcdoc, a URL attribute with a javascript:, vbscript: or
// data: URL, or a style that runs code (expression(), behavior,
// -moz-binding, a script URL).
func activeAttr(key, val string) bool {
	key = strings.ToLower(key)
	switch {
	case strings.HasPrefix(key, "on"), key == "srcdoc", key == "formaction":
		return true
	case key == "http-equiv" && strings.EqualFold(strings.TrimSpace(val), "refresh"):
		return true
	case key == "style":
		return activeStyle(val)
	case key == "srcset" || key == "imagesrcset":
		for _, c := range strings.Split(val, ",") {
			if unsafeURL(strings.TrimSpace(c)) {
				return true
			}
		}
		return false
	case urlAttrs[key] || strings.HasSuffix(key, ":href"):
		return unsafeURL(val)
	}
	return false
}

// UnsafeURL reports whether a URL runs code or holds a document of its
// own when followed: a javascript:, vbscript: or data: URL, whatever its
// case, and with the tabs, newlines, spaces and control characters a
// browser ignores. Entities must be decoded first.
func UnsafeURL(u string) bool { return unsafeURL(u) }

// activeStyle reports whether a style attribute can run code: an IE
// expression(), a behavior or -moz-binding, or a script URL, once CSS
// comments, escapes and whitespace are taken out.
func activeStyle(s string) bool {
	var buf [256]byte
	b := buf[:0]
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
		case c == '\\':
			// A CSS escape: keep the escaped character when it is a
			// letter, so that "e\xpression" reads as "expression".
			if i+1 < len(s) {
				i++
				if d := s[i]; d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' {
					b = append(b, d|0x20)
				}
			}
		case c <= ' ':
		default:
			ascii = ascii && c < utf8.RuneSelf
			if 'A' <= c && c <= 'Z' {
				c |= 0x20
			}
			b = append(b, c)
		}
	}
	if !ascii {
		// strings.ToLower lowers some letters beyond ASCII to ASCII
		// ones (U+0130 to "i", the Kelvin sign to "k"): lower the kept
		// bytes as it does.
		b = []byte(strings.ToLower(string(b)))
	}
	for _, bad := range [...]string{"expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "data:text"} {
		if bytes.Contains(b, []byte(bad)) {
			return true
		}
	}
	return false
}

// sanitizeEmbed removes from the element el, in place, everything the
// CMS's sanitiser would take out of it, and notes each removal.
func (p *parser) sanitizeEmbed(el *html.Node) {
	var clean func(n *html.Node)
	clean = func(n *html.Node) {
		p.sanitizeAttrs(n)
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode:
				// Comments stay: they are inert, and conditional
				// comments are ignored by every browser that matters.
			case c.Type != html.ElementNode:
			case activeEmbedElement(c):
				if c.Namespace == "" && c.Data == "script" || c.Namespace == "svg" && c.Data == "script" {
					p.note(c, CodeDroppedScript, "<script> in an Instagram embed dropped (the CMS removes it)")
				} else {
					p.note(c, CodeDroppedElement, "<%s> in an Instagram embed dropped with its content (the CMS removes it)", c.Data)
				}
				n.RemoveChild(c)
			default:
				clean(c)
			}
			c = next
		}
	}
	clean(el)
}

// activeForeign reports an SVG or MathML element that runs script or
// loads a document.
func activeForeign(n *html.Node) bool {
	return n.Namespace == "svg" && activeSVGElements[strings.ToLower(n.Data)]
}

func activeEmbedElement(n *html.Node) bool {
	switch n.Namespace {
	case "":
		return activeElements[n.Data]
	case "svg":
		return activeSVGElements[strings.ToLower(n.Data)]
	}
	return true // MathML
}

// sanitizeAttrs removes the active attributes of el and notes them.
func (p *parser) sanitizeAttrs(el *html.Node) {
	kept := el.Attr[:0]
	for _, a := range el.Attr {
		key := a.Key
		if a.Namespace != "" {
			key = a.Namespace + ":" + a.Key
		}
		if !activeAttr(key, a.Val) {
			kept = append(kept, a)
			continue
		}
		if urlAttrs[strings.ToLower(key)] && !strings.HasPrefix(strings.ToLower(key), "srcset") {
			p.note(el, CodeUnsafeURL, "<%s> in an Instagram embed: %s %q removed: javascript:, vbscript: and data: URLs are not kept", el.Data, key, truncate(a.Val, 60))
		} else {
			p.note(el, CodeActiveContent, "<%s> in an Instagram embed: %s removed: it runs script (the CMS removes it)", el.Data, key)
		}
	}
	el.Attr = kept
}

// badEmbed returns why the html attribute s of an Instagram node cannot
// be written: it is not one <blockquote> element (the wrapper and its
// script would not stand as the CMS writes them), or it holds anything
// that sanitizeEmbed would remove. It parses s as a browser does (in a
// <div>), so that elements are judged in their namespace.
func badEmbed(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil || len(nodes) != 1 || !isElement(nodes[0], "blockquote") {
		return "html is not one <blockquote> element"
	}
	if activeFragment(nodes) {
		return "html holds a script, an event handler or a script URL"
	}
	return ""
}

// activeFragment reports whether the nodes hold anything that
// sanitizeEmbed would remove.
func activeFragment(nodes []*html.Node) bool {
	var active func(n *html.Node) bool
	active = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			if activeEmbedElement(n) {
				return true
			}
			for _, a := range n.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + a.Key
				}
				if activeAttr(key, a.Val) {
					return true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if active(c) {
				return true
			}
		}
		return false
	}
	for _, n := range nodes {
		if active(n) {
			return true
		}
	}
	return false
}
