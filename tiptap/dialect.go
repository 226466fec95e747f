package tiptap

import (
	"math"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// The dialect, declared once: for each node and mark type of the IsomerCMS
// editor, its place in the schema (content, groups, attributes and their
// defaults) and its HTML (tag, classes, data-type, the HTML attributes that
// hold its attributes, in Tiptap's render order). The parse rules
// (parseRules), the rendering (renderer.block and renderer.openMark) and
// the attributes that reading an element accounts for (consumedAttr) are
// derived from these rows. A node whose HTML has a shape of its own names
// a hook in its row: getAttrs to read it, render to write it.
//
// Adding a node to the dialect means adding a row to nodeSpecs (and its
// Type constant); adding a mark, a row to markSpecs.

// An elemSpec is the HTML of a node type.
type elemSpec struct {
	// tags are the element names that parse as the node; the first is
	// the one written. A node without tags has no HTML of its own (doc,
	// text).
	tags []string
	// class is the class written on the element; classes are the other
	// classes that reading the element accounts for (variants, classes
	// other Markdown renderers write).
	class   string
	classes []string
	// dataType is the data-type attribute written on the element.
	dataType string
	// by says what, besides the tag, identifies the element when parsing.
	by matchBy
	// when is a further condition on the element (its place in a card,
	// an attribute it must have); nil for none.
	when func(el *html.Node) bool
	// attrs are the HTML attributes that hold the node's attributes of
	// the same names, in Tiptap's render order. The node's rule reads
	// them (getAttrs), and they are not reported as dropped.
	attrs []string
	// wrapper is the class of the div the element is written in (image,
	// iframe, Instagram embed); that div is part of the dialect.
	wrapper string
	// depth is how many elements deep the node's HTML nests around its
	// content (<pre><code>, a wrapper div, a table's tbody); 1 unless set.
	depth int
	// keepsAll: the node keeps the element whole, attributes included.
	keepsAll bool
	// priority orders the node's rule among the others (higher first);
	// 50 unless set.
	priority int
	// getAttrs computes the node's attributes from the element; nil gives
	// the defaults. See parseRule.attrs.
	getAttrs func(p *parser, el *html.Node) (map[string]any, bool)
	// render writes the node; nil writes the element generically (see
	// renderer.element).
	render func(r *renderer, t *nodeType, n *Node)
}

// matchBy says which of an element's class and data-type identify a node.
type matchBy uint8

const (
	byClass matchBy = 1 << iota // the element has class elemSpec.class
	byData                      // its data-type is elemSpec.dataType
)

// nodeSpecs returns the node types of the dialect, one row each, in the
// order in which Tiptap builds the schema (see schema.go), which is also
// the order in which their parse rules are tried.
func nodeSpecs() []nodeSpec {
	cell := []attrSpec{
		{name: "colspan", def: 1, lo: 1, hi: maxSpan("colspan")},
		{name: "rowspan", def: 1, lo: 1, hi: maxSpan("rowspan")},
		{name: "colwidth", def: nil, widths: true},
	}
	cellHTML := []string{"colspan", "rowspan", "colwidth"}
	cardBlock := []string{"isomercardblock"}
	cardContent := "(isomercardimage isomercardbody?) | (isomercardimage? isomercardbody)"
	cardPart := func(class string, when func(*html.Node) bool) elemSpec {
		return elemSpec{tags: []string{"div"}, class: class, by: byClass, when: when}
	}
	return []nodeSpec{
		{name: TypeParagraph, content: "inline*", group: []string{"block"}, html: elemSpec{tags: []string{"p"}}},
		{name: TypeInstagram, group: []string{"block"}, attrs: []attrSpec{{name: "html", def: ""}},
			html: elemSpec{tags: []string{"blockquote"}, when: isInstagramEmbed, wrapper: "instagram-wrapper", keepsAll: true,
				getAttrs: instagramAttrs, render: (*renderer).instagram}},
		{name: TypeBlockquote, content: "block+", group: []string{"block"}, html: elemSpec{tags: []string{"blockquote"}}},
		{name: TypeBulletList, content: "listItem+", group: []string{"block", "list"}, attrs: []attrSpec{{name: "tight", def: true}},
			html: elemSpec{tags: []string{"ul"}, classes: []string{"tight"}, attrs: []string{"data-tight"},
				getAttrs: bulletListAttrs, render: (*renderer).list}},
		{name: TypeCodeBlock, content: "text*", group: []string{"block"}, marks: "none", pre: true, attrs: []attrSpec{{name: "language", def: nil}},
			html: elemSpec{tags: []string{"pre"}, depth: 2, getAttrs: codeBlockAttrs, render: (*renderer).codeBlock}},
		{name: TypeDoc, content: "block+"},
		{name: TypeHardBreak, group: []string{"inline"}, inline: true, html: elemSpec{tags: []string{"br"}}},
		{name: TypeHeading, content: "inline*", group: []string{"block"}, attrs: []attrSpec{{name: "level", def: 1, lo: 1, hi: 6}},
			html: elemSpec{tags: []string{"h1", "h2", "h3", "h4", "h5", "h6"}, getAttrs: headingAttrs, render: (*renderer).heading}},
		{name: TypeHorizontalRule, group: []string{"block"}, html: elemSpec{tags: []string{"hr"}}},
		{name: TypeListItem, content: "paragraph block*", html: elemSpec{tags: []string{"li"}}},
		{name: TypeOrderedList, content: "listItem+", group: []string{"block", "list"},
			attrs: []attrSpec{{name: "tight", def: true}, {name: "start", def: 1, lo: math.MinInt32, hi: math.MaxInt32}},
			html: elemSpec{tags: []string{"ol"}, classes: []string{"tight"}, attrs: []string{"data-tight", "start"},
				getAttrs: orderedListAttrs, render: (*renderer).list}},
		{name: TypeText, group: []string{"inline"}, inline: true},
		{name: TypeTaskList, content: "taskItem+", group: []string{"block", "list"},
			html: elemSpec{tags: []string{"ul"}, dataType: "taskList", by: byData, priority: 51, classes: []string{"contains-task-list"}}},
		{name: TypeTaskItem, content: "paragraph+", attrs: []attrSpec{{name: "checked", def: false}},
			html: elemSpec{tags: []string{"li"}, dataType: "taskItem", by: byData, priority: 51, classes: []string{"task-list-item"}, depth: 2,
				attrs: []string{"data-checked"}, getAttrs: taskItemAttrs, render: (*renderer).taskItem}},
		{name: TypeImage, group: []string{"block"}, attrs: []attrSpec{
			{name: "src", def: nil, url: true}, {name: "alt", def: nil}, {name: "title", def: nil},
			{name: "width", def: defaultImageWidth}, {name: "height", def: defaultImageHeight}, {name: "style", def: defaultImageStyle},
			{name: "href", def: nil, url: true},
		}, html: elemSpec{tags: []string{"img"}, when: hasImageSource, wrapper: "isomer-image-wrapper", depth: 2,
			attrs:    []string{"src", "alt", "title", "width", "height", "style"},
			getAttrs: imageAttrs, render: (*renderer).image}},
		{name: TypeIframe, group: []string{"block"}, attrs: []attrSpec{
			{name: "src", def: nil, url: true}, {name: "frameborder", def: 0}, {name: "allowfullscreen", def: true},
			{name: "width", def: nil}, {name: "height", def: nil}, {name: "style", def: nil},
			{name: "referrerpolicy", def: defaultIframeReferrerPolicy},
		}, html: elemSpec{tags: []string{"iframe"}, wrapper: "iframe-wrapper", depth: 2,
			attrs:    []string{"src", "frameborder", "allowfullscreen", "width", "height", "style", "referrerpolicy"},
			getAttrs: iframeAttrs, render: (*renderer).iframe}},
		{name: TypeCards, content: "(isomercard | isomerclickablecard)+", group: []string{"block"},
			html: cardPart("isomer-card-grid", holdsCard)},
		{name: TypeCard, content: cardContent, group: cardBlock, html: cardPart("isomer-card", inCardGrid)},
		{name: TypeClickableCard, content: cardContent, group: cardBlock,
			attrs: []attrSpec{{name: "href", def: nil, url: true}, {name: "rel", def: defaultLinkRel}},
			html: elemSpec{tags: []string{"a"}, class: "isomer-card", by: byClass, when: inCardGrid,
				attrs: []string{"href", "rel"}, getAttrs: clickableCardAttrs}},
		{name: TypeCardImage, content: "image", group: cardBlock, html: cardPart("isomer-card-image", inCard)},
		{name: TypeCardBody, content: "(isomercardtitle isomercarddescription? isomercardlink?) | " +
			"(isomercardtitle? isomercarddescription isomercardlink?) | " +
			"(isomercardtitle? isomercarddescription? isomercardlink)", group: cardBlock,
			html: cardPart("isomer-card-body", inCard)},
		{name: TypeCardTitle, content: "text?", group: cardBlock, marks: "none", html: cardPart("isomer-card-title", inCardBody)},
		{name: TypeCardDescription, content: "text?", group: cardBlock, marks: "none", html: cardPart("isomer-card-description", inCardBody)},
		{name: TypeCardLink, content: "text?", group: cardBlock, marks: "none", html: cardPart("isomer-card-link", inCardBody)},
		{name: TypeTable, content: "tableRow+", group: []string{"block"}, html: elemSpec{tags: []string{"table"}, depth: 2, render: (*renderer).table}},
		{name: TypeTableRow, content: "(tableCell | tableHeader)*", html: elemSpec{tags: []string{"tr"}}},
		{name: TypeTableHeader, content: "block+", attrs: cell, html: elemSpec{tags: []string{"th"}, attrs: cellHTML, getAttrs: cellAttrs}},
		{name: TypeTableCell, content: "block+", attrs: cell, html: elemSpec{tags: []string{"td"}, attrs: cellHTML, getAttrs: cellAttrs}},
		{name: TypeDetails, content: "detailsSummary detailsContent", group: []string{"block"},
			html: elemSpec{tags: []string{"details"}, class: "isomer-details"}},
		{name: TypeDetailsSummary, content: "text*", html: elemSpec{tags: []string{"summary"}}},
		{name: TypeDetailsContent, content: "block+",
			html: elemSpec{tags: []string{"div"}, class: "isomer-details-content", dataType: TypeDetailsContent, by: byData}},
		{name: TypeDetailsGroup, content: "details+", group: []string{"block"}, attrs: []attrSpec{{name: "backgroundColor", def: "white"}},
			html: elemSpec{tags: []string{"div"}, class: "isomer-accordion", by: byClass, dataType: TypeDetailsGroup,
				classes:  []string{"isomer-accordion-white", "isomer-accordion-gray", "isomer-accordion-grey", "isomer-accordion-group"},
				getAttrs: detailGroupAttrs, render: (*renderer).detailGroup}},
	}
}

// A markSpec is a mark type of the schema and its HTML. The order of the
// rows is [MarkOrder].
type markSpec struct {
	name string
	// tag is the element written; parse lists the elements read as the
	// mark, in the order their rules are tried.
	tag   string
	parse []tagRule
	// excludesAll: the mark excludes every other (code).
	excludesAll bool
	// attrs are the mark's attributes, written as HTML attributes of the
	// same names in this order.
	attrs []attrSpec
	// getAttrs computes the mark's attributes from the element.
	getAttrs func(p *parser, el *html.Node) (map[string]any, bool)
	// consumes reports attributes the element carries for another node
	// (the language class of a code block's <code>).
	consumes func(el *html.Node, key, val string) bool
}

// A tagRule is an element read as a mark: its tag, and a further
// condition on it or nil.
type tagRule struct {
	tag  string
	when func(el *html.Node) bool
}

// markSpecs returns the mark types of the dialect, one row each, in
// [MarkOrder].
func markSpecs() []markSpec {
	tags := func(names ...string) []tagRule {
		out := make([]tagRule, len(names))
		for i, n := range names {
			out[i] = tagRule{tag: n}
		}
		return out
	}
	return []markSpec{
		{name: MarkBold, tag: "strong", parse: []tagRule{{tag: "strong"}, {tag: "b", when: func(el *html.Node) bool {
			// <b style="font-weight: normal"> is how Google Docs wraps pastes.
			return cssProp(el, "font-weight") != "normal"
		}}}},
		{name: MarkCode, tag: "code", parse: tags("code"), excludesAll: true, consumes: codeBlockLanguage},
		{name: MarkItalic, tag: "em", parse: []tagRule{{tag: "em"}, {tag: "i", when: func(el *html.Node) bool {
			return cssProp(el, "font-style") != "normal"
		}}}},
		{name: MarkStrike, tag: "s", parse: tags("s", "del", "strike")},
		{name: MarkHighlight, tag: "mark", parse: tags("mark")},
		{name: MarkLink, tag: "a", parse: []tagRule{{tag: "a", when: func(el *html.Node) bool { return !hasClass(el, "isomer-card") }}},
			attrs:    []attrSpec{{name: "target", def: defaultLinkTarget}, {name: "rel", def: defaultLinkRel}, {name: "class", def: nil}, {name: "href", def: nil, url: true}},
			getAttrs: linkAttrs},
		// Browsers underline <ins>; the editor has no rule for it and would
		// keep the text without the line, which a visitor sees.
		{name: MarkUnderline, tag: "u", parse: tags("u", "ins")},
		{name: MarkSuperscript, tag: "sup", parse: tags("sup")},
		{name: MarkSubscript, tag: "sub", parse: tags("sub")},
	}
}

// codeBlockLanguage reports the language class of a code block's <code>,
// which the block reads.
func codeBlockLanguage(el *html.Node, key, val string) bool {
	return key == "class" && isElement(parentElement(el), "pre") && strings.HasPrefix(val, "language-")
}

// parseRules derives the parse rules from the dialect: marks first, then
// nodes, each in schema order, as ProseMirror collects them, then sorted
// stably by priority.
func parseRules(s *schema) []*parseRule {
	var rules []*parseRule
	for _, m := range s.markOrder {
		for _, tr := range m.spec.parse {
			rules = append(rules, &parseRule{mark: m, tags: []string{tr.tag}, match: tr.match, attrs: m.spec.getAttrs, priority: 50})
		}
	}
	for _, t := range s.nodeOrder {
		e := &t.spec.html
		if len(e.tags) == 0 {
			continue
		}
		rules = append(rules, &parseRule{node: t, tags: e.tags, match: e.match, attrs: e.getAttrs, full: t.spec.pre, priority: cmpOr(e.priority, 50)})
	}
	slices.SortStableFunc(rules, func(a, b *parseRule) int { return b.priority - a.priority })
	return rules
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func (tr tagRule) match(el *html.Node) bool {
	return isElement(el, tr.tag) && (tr.when == nil || tr.when(el))
}

// match reports whether el is the node's element.
func (e *elemSpec) match(el *html.Node) bool {
	if el == nil || el.Type != html.ElementNode || el.Namespace != "" || !slices.Contains(e.tags, el.Data) {
		return false
	}
	if e.by&byClass != 0 && !hasClass(el, e.class) {
		return false
	}
	if e.by&byData != 0 {
		if v, _ := dom.LookupAttr(el, "data-type"); v != e.dataType {
			return false
		}
	}
	return e.when == nil || e.when(el)
}

// consumes reports whether the attribute key=val of the node's element is
// held by the node or is part of the dialect's fixed markup.
func (e *elemSpec) consumes(key, val string) bool {
	switch {
	case e.keepsAll:
		return true
	case key == "class":
		// Every class of val is the element's class or one of its
		// others (classesIn over both, without joining them).
		if e.class == "" && len(e.classes) == 0 {
			return false
		}
		for f := range strings.FieldsSeq(val) {
			if f != e.class && !slices.Contains(e.classes, f) {
				return false
			}
		}
		return true
	case key == "data-type":
		return e.dataType != ""
	}
	return slices.Contains(e.attrs, key)
}

// wrapperClass reports whether the class attribute val is that of a
// wrapper the dialect writes around a node's element.
func wrapperClass(s *schema, val string) bool {
	for _, t := range s.nodeOrder {
		if w := t.spec.html.wrapper; w != "" && classesIn(val, w) {
			return true
		}
	}
	return false
}

// Conditions of the rows.

func isInstagramEmbed(el *html.Node) bool {
	_, ok := dom.LookupAttr(el, "data-instgrm-permalink")
	return ok
}

// hasImageSource reports an image the editor reads: one with a source
// that is not inline data.
func hasImageSource(el *html.Node) bool {
	src, ok := dom.LookupAttr(el, "src")
	return ok && !strings.HasPrefix(src, "data:")
}

// holdsCard reports a card grid that holds a card.
func holdsCard(el *html.Node) bool {
	return hasChildElement(el, func(c *html.Node) bool { return elementWithClass(c, "div", "isomer-card") })
}

// inCardGrid reports whether el's parent is a card grid.
func inCardGrid(el *html.Node) bool {
	return elementWithClass(parentElement(el), "div", "isomer-card-grid")
}

func headingAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	return map[string]any{"level": int(el.Data[1] - '0')}, true
}

func bulletListAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	return map[string]any{"tight": listTight(el)}, true
}

func taskItemAttrs(p *parser, el *html.Node) (map[string]any, bool) {
	v, _ := dom.LookupAttr(el, "data-checked")
	return map[string]any{"checked": v == "true"}, true
}
