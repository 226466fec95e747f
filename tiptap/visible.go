package tiptap

import (
	"strings"

	"golang.org/x/net/html"
)

// This file decides whether what a note reports is something a visitor
// sees: a dropped style declaration, class, attribute or element. The
// rule is the visitor's: a change of layout, size, colour, spacing,
// alignment, text styling or behaviour is visible; a change of markup that
// renders the same is not. A class is visible unless it is known to be
// unstyled, because the tool cannot see the site's CSS.

// An effect is one kind of visible change, in a visitor's words.
type effect int

const (
	effLayout effect = iota
	effGrid
	effSize
	effColour
	effBorder
	effSpacing
	effAlign
	effText
	effList
	effClass
	effBehaviour
	effAnchor
	effCount
)

var effectWords = [effCount]string{
	effLayout:    "the layout (display, floats, positions, widths) changes",
	effGrid:      "the column grid becomes one column, its columns stacked",
	effSize:      "sizes change",
	effColour:    "colours and backgrounds are lost",
	effBorder:    "borders and shadows are lost",
	effSpacing:   "spacing changes",
	effAlign:     "alignment is lost",
	effText:      "text styling (font, weight, decoration, case) is lost",
	effList:      "list markers change",
	effClass:     "the look that the site's CSS gives the class is lost (the tool cannot see the site's CSS)",
	effBehaviour: "behaviour changes",
	effAnchor:    "in-page links to it no longer jump there",
}

// effects collects the visible effects of the dropped attributes of one
// element.
type effects [effCount]bool

func (e *effects) any() bool {
	for _, b := range e {
		if b {
			return true
		}
	}
	return false
}

// words returns the effects as one phrase.
func (e *effects) words() string {
	var w []string
	for i, b := range e {
		// The grid says more than the layout in general.
		if b && !(effect(i) == effLayout && e[effGrid]) {
			w = append(w, effectWords[i])
		}
	}
	return strings.Join(w, "; ")
}

// styleEffect returns the effect of dropping the declaration prop: value,
// and false when dropping it changes nothing a visitor sees.
func styleEffect(prop, value string) (effect, bool) {
	prop = strings.ToLower(strings.TrimSpace(prop))
	v := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important")))
	switch v {
	case "inherit", "initial", "unset", "":
		return 0, false
	}
	switch {
	case strings.HasPrefix(prop, "mso-"), strings.HasPrefix(prop, "page-break"), strings.HasPrefix(prop, "break-"),
		prop == "orphans", prop == "widows", strings.HasPrefix(prop, "-") && !strings.HasPrefix(prop, "--"):
		// Word's mso-* properties, print-only properties and vendor
		// prefixes (whose standard twin is reported) show nothing.
		return 0, false
	case strings.HasPrefix(prop, "--"):
		return effLayout, true // a custom property feeds other rules
	}
	none := v == "none" || v == "0" || v == "0px" || v == "transparent"
	switch {
	case prop == "display" || prop == "float" || prop == "clear" || prop == "position" ||
		strings.HasPrefix(prop, "flex") || strings.HasPrefix(prop, "grid") || prop == "order" ||
		prop == "top" || prop == "left" || prop == "right" || prop == "bottom" || prop == "z-index" ||
		prop == "overflow" || strings.HasPrefix(prop, "overflow-") || prop == "columns" || strings.HasPrefix(prop, "column-") ||
		prop == "visibility" || prop == "opacity" || prop == "transform" || prop == "box-sizing" || prop == "gap" ||
		prop == "row-gap" || prop == "object-fit":
		if prop == "float" && v == "none" || prop == "clear" && v == "none" || prop == "position" && v == "static" {
			return 0, false
		}
		return effLayout, true
	case prop == "width" || prop == "height" || strings.HasPrefix(prop, "min-") || strings.HasPrefix(prop, "max-") ||
		prop == "font-size" || prop == "aspect-ratio":
		if v == "auto" || strings.HasPrefix(prop, "max-") && v == "none" {
			return 0, false
		}
		return effSize, true
	case prop == "color" || strings.HasPrefix(prop, "background"):
		if strings.HasPrefix(prop, "background") && none {
			return 0, false
		}
		return effColour, true
	case strings.HasPrefix(prop, "border") || prop == "box-shadow" || strings.HasPrefix(prop, "outline") || prop == "text-shadow":
		if none {
			return 0, false
		}
		return effBorder, true
	case strings.HasPrefix(prop, "margin") || strings.HasPrefix(prop, "padding") || prop == "letter-spacing" ||
		prop == "word-spacing" || prop == "line-height" || prop == "text-indent" || prop == "white-space":
		if prop == "white-space" && v == "normal" || (prop == "letter-spacing" || prop == "word-spacing") && (v == "normal" || none) {
			return 0, false
		}
		return effSpacing, true
	case prop == "vertical-align" && v == "baseline", prop == "font-weight" && (v == "normal" || v == "400"),
		prop == "font-style" && v == "normal", prop == "font-variant" && v == "normal":
		// The values every text has unless something says otherwise.
		return 0, false
	case prop == "text-align" || prop == "vertical-align" || prop == "justify-content" || prop == "align-items" ||
		prop == "align-self" || prop == "align-content" || prop == "justify-items" || prop == "justify-self" || prop == "place-items":
		return effAlign, true
	case strings.HasPrefix(prop, "font") || strings.HasPrefix(prop, "text-") || prop == "direction":
		if (prop == "text-decoration" || prop == "text-transform") && v == "none" {
			return 0, false
		}
		return effText, true
	case strings.HasPrefix(prop, "list-style"):
		return effList, true
	case prop == "cursor" || prop == "pointer-events" || prop == "user-select" || strings.HasPrefix(prop, "transition") ||
		strings.HasPrefix(prop, "animation"):
		return effBehaviour, true
	}
	// An unknown property: the safe side.
	return effLayout, true
}

// unstyledClass reports a class that no site's CSS styles: the residue of
// pasting from Word, Outlook or SharePoint, the dialect's own classes, and
// names a CSS class selector cannot reach without escapes.
func unstyledClass(c string) bool {
	lc := strings.ToLower(c)
	switch {
	case strings.HasPrefix(lc, "mso"), strings.HasPrefix(lc, "ms-rte"), strings.HasPrefix(lc, "x_"),
		strings.HasPrefix(lc, "apple-"), lc == "western", lc == "tight", strings.HasPrefix(lc, "language-"),
		strings.HasPrefix(lc, "isomer-"):
		return true
	}
	r := c[0]
	return !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80)
}

// gridClass reports a class that lays out columns in Bootstrap, Bulma,
// the Isomer templates or a site's own CSS (row, col-md-6, columns,
// is-4, grid-container, vesti-col…).
func gridClass(c string) bool {
	lc := strings.ToLower(c)
	switch {
	case lc == "row", lc == "columns", lc == "column", lc == "col", strings.HasPrefix(lc, "col-"),
		strings.HasPrefix(lc, "offset-"), strings.HasPrefix(lc, "is-offset"):
		return true
	case strings.HasPrefix(lc, "is-") && len(lc) > 3 && (lc[3] >= '1' && lc[3] <= '9' ||
		strings.HasPrefix(lc[3:], "half") || strings.HasPrefix(lc[3:], "one-") || strings.HasPrefix(lc[3:], "two-") ||
		strings.HasPrefix(lc[3:], "three-") || strings.HasPrefix(lc[3:], "four-") || strings.HasPrefix(lc[3:], "full")):
		return true
	case strings.Contains(lc, "grid"), strings.HasSuffix(lc, "-col"), strings.Contains(lc, "-col-"),
		strings.HasSuffix(lc, "-cols"), strings.HasSuffix(lc, "-columns"), strings.Contains(lc, "flex"):
		return true
	}
	return false
}

// classEffects returns the effects of dropping the classes of value, and
// the classes that count, quoted.
func classEffects(value string, e *effects) []string {
	var shown []string
	for _, c := range strings.Fields(value) {
		if unstyledClass(c) {
			continue
		}
		if gridClass(c) {
			e[effGrid] = true
		} else {
			e[effClass] = true
		}
		shown = append(shown, c)
	}
	return shown
}

// attrEffect returns the effect of dropping the attribute key=val of el,
// and false when a visitor sees no difference: ids and names (anchors
// are reported by the links that target them), data-*, aria-*, role,
// title on anything but an image or a link, lang, and the like.
func attrEffect(el *html.Node, key, val string) (effect, bool) {
	switch key {
	case "align", "valign":
		return effAlign, true
	case "width", "height", "size":
		return effSize, true
	case "bgcolor", "color", "background", "text", "link", "vlink":
		return effColour, true
	case "border", "cellpadding", "cellspacing", "frame", "rules", "hspace", "vspace":
		if key == "border" && (val == "0" || val == "") && isElement(el, "img") {
			return 0, false
		}
		if key == "border" || key == "frame" || key == "rules" {
			return effBorder, true
		}
		return effSpacing, true
	case "nowrap", "face":
		return effText, true
	case "type":
		if isElement(el, "ol") || isElement(el, "ul") || isElement(el, "li") {
			return effList, true
		}
	case "dir":
		if strings.EqualFold(val, "rtl") {
			return effText, true
		}
	case "hidden":
		return effLayout, true
	case "target", "download", "onclick", "contenteditable", "draggable":
		return effBehaviour, true
	}
	return 0, false
}

// styleEffects adds the effects of the declarations of rest, a style
// attribute's dropped part, and reports whether any is visible.
func styleEffects(decls [][2]string, e *effects) bool {
	vis := false
	for _, d := range decls {
		if eff, ok := styleEffect(d[0], d[1]); ok {
			e[eff] = true
			vis = true
		}
	}
	return vis
}

// elementEffect returns whether a visitor sees an element that is
// unwrapped (its content kept) go, and in what words. Plain containers
// that browsers draw as nothing are invisible; anything with a look of
// its own (<small>, <center>, <figure>'s margins, <dd>'s indent, a
// button) is not.
func elementEffect(el *html.Node) (string, bool) {
	switch el.Data {
	case "section", "article", "main", "nav", "header", "footer", "aside", "thead", "tfoot", "label",
		"time", "data", "bdi", "span", "div", "o:p", "hgroup", "search", "form", "fieldset", "details", "summary", "caption":
		switch el.Data {
		case "fieldset":
			return "its border and legend are lost", true
		case "form":
			return "", false
		case "caption":
			return "the table caption becomes a paragraph", true
		}
		return "", false
	case "small":
		return "its text is shown at full size", true
	case "big":
		return "its text is shown at normal size", true
	case "center":
		return "it is no longer centred", true
	case "figure":
		return "its margins are lost", true
	case "figcaption":
		return "the caption becomes a plain paragraph", true
	case "dl", "dt", "dd":
		return "the definition list's layout (terms, indented definitions) is lost", true
	case "button":
		return "it no longer looks or works like a button", true
	case "ins", "u":
		return "its underline is lost", true
	case "cite", "var", "dfn", "address":
		return "its italics are lost", true
	case "q":
		return "its quotation marks are lost", true
	case "mark":
		return "its highlight is lost", true
	case "abbr", "acronym":
		if _, ok := getAttr(el, "title"); ok {
			return "its dotted underline and title are lost", true
		}
		return "", false
	case "kbd", "samp", "tt":
		return "its monospace font is lost", true
	case "a":
		return "it is no longer a link", true
	}
	return "its look and place in the layout may change", true
}

// fragmentTargets returns the fragments that the links under root point
// to within the page (href="#x").
func fragmentTargets(root *html.Node) map[string]bool {
	t := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" && n.Data == "a" {
			if h, _ := getAttr(n, "href"); strings.HasPrefix(strings.TrimSpace(h), "#") && len(strings.TrimSpace(h)) > 1 {
				t[strings.TrimSpace(h)[1:]] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return t
}
