package tiptap

import (
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/dom"
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
	var buf [effCount]string
	w := buf[:0]
	for i, b := range e {
		// The grid says more than the layout in general.
		if b && !(effect(i) == effLayout && e[effGrid]) {
			w = append(w, effectWords[i])
		}
	}
	if len(w) == 1 {
		return w[0] // the most frequent: no copy
	}
	return strings.Join(w, "; ")
}

// styleEffect returns the effect of dropping the declaration prop: value,
// and false when dropping it changes nothing a visitor sees.
func styleEffect(prop, value string) (effect, bool) {
	prop = strings.ToLower(strings.TrimSpace(prop))
	v := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important")))
	switch {
	case slices.Contains(unsetValues, v):
		return 0, false
	case propIn(prop, customProps):
		return effLayout, true // a custom property feeds other rules
	case propIn(prop, unseenProps):
		return 0, false
	}
	for _, f := range cssFamilies {
		if !propIn(prop, f.props) {
			continue
		}
		if f.unseen(prop, v) {
			return 0, false
		}
		return f.effect, true
	}
	// An unknown property: the safe side.
	return effLayout, true
}

// A cssFamily is one family of CSS properties: what a visitor loses when
// a declaration of the family is dropped, and the declarations of the
// family that show nothing because a browser draws the same without them.
type cssFamily struct {
	effect effect
	// props are the family's property names; a name ending in * stands
	// for every property it begins.
	props []string
	// defaults maps properties of the family (named as in props, "*" for
	// all of them) to their values that show nothing.
	defaults map[string][]string
}

// unseen reports whether the declaration prop: v of the family shows
// nothing.
func (f *cssFamily) unseen(prop, v string) bool {
	for name, values := range f.defaults {
		if propIs(prop, name) && slices.Contains(values, v) {
			return true
		}
	}
	return false
}

// propIn reports whether prop is one of names (see propIs).
func propIn(prop string, names []string) bool {
	return slices.ContainsFunc(names, func(name string) bool { return propIs(prop, name) })
}

// propIs reports whether prop is name, or begins with it when name ends
// in *.
func propIs(prop, name string) bool {
	if pre, ok := strings.CutSuffix(name, "*"); ok {
		return strings.HasPrefix(prop, pre)
	}
	return prop == name
}

var (
	// unsetValues leave a property as if the declaration were not there.
	unsetValues = []string{"inherit", "initial", "unset", ""}
	// customProps feed other rules, which may lay out anything.
	customProps = []string{"--*"}
	// unseenProps show nothing on screen: Word's mso-* properties,
	// print-only properties and vendor prefixes (whose standard twin is
	// reported). A custom property (--*) is matched before.
	unseenProps = []string{"mso-*", "page-break*", "break-*", "orphans", "widows", "-*"}
	// drawsNothing are the values of a colour, border or spacing that
	// draw nothing.
	drawsNothing = []string{"none", "0", "0px", "transparent"}
)

// cssFamilies are the families of CSS properties, in order: the first
// family that holds a property decides (font-size is a size, text-align
// an alignment, text-indent spacing and text-shadow a border, before the
// text family's font* and text-*).
var cssFamilies = []cssFamily{
	{effLayout, []string{
		"display", "float", "clear", "position", "flex*", "grid*", "order",
		"top", "left", "right", "bottom", "z-index", "overflow", "overflow-*", "columns", "column-*",
		"visibility", "opacity", "transform", "box-sizing", "gap", "row-gap", "object-fit",
	}, map[string][]string{"float": {"none"}, "clear": {"none"}, "position": {"static"}}},
	{effSize, []string{
		"width", "height", "min-*", "max-*", "font-size", "aspect-ratio",
	}, map[string][]string{"*": {"auto"}, "max-*": {"none"}}},
	{effColour, []string{
		"color", "background*",
	}, map[string][]string{"background*": drawsNothing}},
	{effBorder, []string{
		"border*", "box-shadow", "outline*", "text-shadow",
	}, map[string][]string{"*": drawsNothing}},
	{effSpacing, []string{
		"margin*", "padding*", "letter-spacing", "word-spacing", "line-height", "text-indent", "white-space",
	}, map[string][]string{
		"white-space":    {"normal"},
		"letter-spacing": append([]string{"normal"}, drawsNothing...),
		"word-spacing":   append([]string{"normal"}, drawsNothing...),
	}},
	{effAlign, []string{
		"text-align", "vertical-align", "justify-content", "align-items", "align-self", "align-content",
		"justify-items", "justify-self", "place-items",
	}, map[string][]string{"vertical-align": {"baseline"}}},
	{effText, []string{
		"font*", "text-*", "direction",
	}, map[string][]string{
		"font-weight":     {"normal", "400"},
		"font-style":      {"normal"},
		"font-variant":    {"normal"},
		"text-decoration": {"none"},
		"text-transform":  {"none"},
	}},
	{effList, []string{"list-style*"}, nil},
	{effBehaviour, []string{
		"cursor", "pointer-events", "user-select", "transition*", "animation*",
	}, nil},
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
// the classes that count, separated by single spaces ("" when none
// does).
func classEffects(value string, e *effects) string {
	var buf [8]string
	shown := buf[:0]
	for c := range strings.FieldsSeq(value) {
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
	return strings.Join(shown, " ")
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
		if _, ok := dom.LookupAttr(el, "title"); ok {
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
