package xss

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// This checker shares no code with the converters: it judges their
// output from outside.

// Features counts, by kind, what in an HTML page runs script or
// takes the page over: script elements (but the Instagram embed script
// the CMS allow-lists), event handler attributes, srcdoc, script URLs in
// attributes that are followed or loaded, styles that run script,
// refreshes, <base>, plugins, forms and imports.
func Features(page string) map[string]int {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return map[string]int{"unparsable": 1}
	}
	found := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			tag := strings.ToLower(n.Data)
			switch tag {
			case "script":
				src, _ := xAttr(n, "src")
				if !(strings.HasSuffix(src, "//www.instagram.com/embed.js") && n.FirstChild == nil) {
					found["script"]++
				}
			case "style":
				if n.FirstChild != nil && xActiveCSS(n.FirstChild.Data) {
					found["style"]++
				}
			case "meta":
				if v, _ := xAttr(n, "http-equiv"); strings.EqualFold(strings.TrimSpace(v), "refresh") {
					found["refresh"]++
				}
			case "base":
				found["base"]++
			case "object", "embed", "applet", "portal", "frame", "frameset":
				found["plugin"]++
			case "form", "isindex":
				found["form"]++
			case "link":
				found["link"]++
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"):
					found["handler"]++
				case key == "srcdoc":
					found["srcdoc"]++
				case key == "style" && xActiveCSS(a.Val):
					found["style"]++
				case xURLAttr[key] && xScriptURL(a.Val, key == "srcset"):
					found["url"]++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func xAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

var xURLAttr = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true,
	"background": true, "poster": true, "codebase": true, "cite": true, "to": true,
	"from": true, "values": true, "lowsrc": true, "dynsrc": true, "srcset": true,
	"xlink:href": true,
}

// xScriptURL reports a URL that runs script or holds a document: its
// scheme, read as a browser reads it (without the whitespace and control
// characters before and in it, in any case), is javascript:, vbscript:
// or data: (but a data: image).
func xScriptURL(u string, list bool) bool {
	if list {
		for _, c := range strings.Split(u, ",") {
			if xScriptURL(strings.TrimSpace(c), false) {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for _, r := range u {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	for _, v := range strings.Split(s, ";") { // the values of an SVG animation
		if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") ||
			strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "data:image/") {
			return true
		}
	}
	return false
}

var xCSSComment = regexp.MustCompile(`/\*.*?\*/|\\|\s`)

func xActiveCSS(css string) bool {
	s := strings.ToLower(xCSSComment.ReplaceAllString(css, ""))
	for _, bad := range []string{"expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "@import'javascript"} {
		if strings.Contains(s, bad) {
			return true
		}
	}
	return false
}
