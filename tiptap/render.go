package tiptap

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"golang.org/x/net/html"
)

// RenderHTML writes the document as IsomerCMS stores a page body: the HTML
// the editor's getHTML() gives (Tiptap's render shapes, attribute defaults
// and escaping), laid out as the CMS saves it (html@1.0.0 with
// indent_size -1: one block tag per line, text wrapped at 70 UTF-16 units,
// no indentation, no blank lines, no trailing newline) with the
// attributes of each tag in the sanitiser's order (reversed).
//
// Like the editor, it ends a document with an empty paragraph when its
// last block is not a paragraph, so a doc with no content gives <p></p>,
// as the editor saves an empty page. Tables are written as the editor
// repairs them on load (prosemirror-tables' fixTables): a row with fewer
// cells than the widest gets empty cells, and the colgroup and minWidth
// follow.
//
// RenderHTML checks the document against the schema first and returns a
// *[SchemaError] for a node of unknown type, content that does not fit its
// parent (text directly in a list, a list item that does not start with a
// paragraph, …), a mark that is unknown, repeated or not allowed where it
// is, or a heading level, list start or cell span that is not a number.
// It refuses ([ErrInvalidAttr]) what would run script: a javascript:,
// vbscript: or data: URL as a link's, image's, iframe's or card's
// target, a style with expression() or a script URL, an Instagram embed
// whose HTML is not one <blockquote> or holds a script, an event handler
// or a script URL.
// It returns [ErrTooDeep] (in a SchemaError) for a document whose HTML
// would nest more than 510 elements deep, and [ErrTooLarge] for one whose
// HTML would hold more tags than ParseHTML reads back.
//
// The layout is the CMS's own, bugs included, wherever that keeps the
// text: where html@1.0.0 lays a link out as a block (a wrap splits its
// <a> tag) and would drop the space after it, that space is written as
// &nbsp;, which it keeps, so the CMS's next save gives the same bytes.
// Where the CMS's layout would change the text in a way no such space
// prevents (whitespace before a link that had none), RenderHTML keeps
// links inline and never loses or adds a space; [Resave] then shows what
// the CMS's first save will change (isomer-tiptap.md §5.1).
func RenderHTML(doc *Node) ([]byte, error) {
	w, err := Write(doc)
	if err != nil {
		return nil, err
	}
	return w.HTML, nil
}

// nodeBeyond returns the node of doc (in document order) at which the
// tags of the HTML, counted as elementDepth counts them (and a table's
// columns), go beyond max, with its path; nil when they do not. The
// count is close to the tags RenderHTML writes, so the node is where
// the document becomes too large.
func nodeBeyond(n *Node, max int, count *int, path *[]int) *Node {
	*count += elementDepth(n)
	if n.Type == TypeTable && len(n.Content) > 0 {
		*count += 1 + len(n.Content[0].Content) // <colgroup> and its <col>s
	}
	if *count > max {
		return n
	}
	for i, c := range n.Content {
		*path = append(*path, i)
		if f := nodeBeyond(c, max, count, path); f != nil {
			return f
		}
		*path = (*path)[:len(*path)-1]
	}
	return nil
}

// Format parses src with [ParseHTML] and renders the result with
// [RenderHTML]: it rewrites a page body in the canonical form the CMS
// saves. It returns the notes of the parse.
func Format(src []byte) ([]byte, []tiptapmd.Note, error) {
	doc, notes, err := ParseHTML(src)
	if err != nil {
		return nil, nil, err
	}
	out, err := RenderHTML(doc)
	if err != nil {
		return nil, notes, err
	}
	return out, notes, nil
}

// renderSingleLine returns the document as Tiptap's editor.getHTML() gives
// it: one line, attributes in Tiptap's render order, text escaped as the
// browser's innerHTML does. doc must have passed check.
func renderSingleLine(doc *Node) []byte {
	return renderLine(doc, lineSize(doc))
}

// renderLine is renderSingleLine, with size about the length of the line
// (that of a line rendered from a document read from it, or [lineSize]):
// the buffer is made that large once, not grown.
func renderLine(doc *Node, size int) []byte {
	r := &renderer{s: theSchema(), b: make([]byte, 0, size+size/16+64)}
	r.blocks(doc.Content)
	if n := len(doc.Content); n == 0 || doc.Content[n-1].Type != TypeParagraph {
		r.b = append(r.b, "<p></p>"...)
	}
	return r.b
}

// lineSize estimates the length of n's getHTML() line: its text, its
// string attribute values, and a few bytes of tags for each node other
// than text (which has none of its own) and each mark.
func lineSize(n *Node) int {
	size := len(n.Text) + attrsSize(n.Attrs)
	if n.Type != TypeText {
		size += 16
	}
	for _, m := range n.Marks {
		size += 16 + attrsSize(m.Attrs)
	}
	for _, c := range n.Content {
		size += lineSize(c)
	}
	return size
}

// attrsSize is the length of the string values in attrs, with a few
// bytes for the name of each.
func attrsSize(attrs map[string]any) int {
	size := 0
	for _, v := range attrs {
		size += 12
		if s, ok := v.(string); ok {
			size += len(s)
		}
	}
	return size
}

type renderer struct {
	s *schema
	b []byte
}

// attr appends ` name="value"` unless value is nil.
func (r *renderer) attr(name string, value any) {
	if value == nil {
		return
	}
	r.b = append(r.b, ' ')
	r.b = append(r.b, name...)
	r.b = append(r.b, `="`...)
	r.b = appendHTMLEscaped(r.b, attrText(value), true)
	r.b = append(r.b, '"')
}

// attrText converts an attribute value to the string the DOM would hold
// (JavaScript's String(value)).
func attrText(v any) string {
	if s, ok := scalarText(v); ok {
		return s
	}
	switch x := v.(type) {
	case []int:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = strconv.Itoa(n)
		}
		return strings.Join(parts, ",")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e != nil {
				parts[i] = attrText(e)
			}
		}
		return strings.Join(parts, ",")
	default:
		return ""
	}
}

// attrOrDefault returns n's attribute key, or the type's default when the
// attribute is missing (not when it is nil).
func (r *renderer) attrOrDefault(n *Node, key string) any {
	if v, ok := n.Attrs[key]; ok {
		return v
	}
	if t := r.s.nodes[n.Type]; t != nil {
		for _, a := range t.spec.attrs {
			if a.name == key {
				return a.def
			}
		}
	}
	return nil
}

func (r *renderer) open(tag string) {
	r.b = append(r.b, '<')
	r.b = append(r.b, tag...)
}

func (r *renderer) openClass(tag, class string) {
	r.b = append(r.b, '<')
	r.b = append(r.b, tag...)
	r.b = append(r.b, ` class="`...)
	r.b = append(r.b, class...)
	r.b = append(r.b, `">`...)
}

func (r *renderer) closeTag(tag string) {
	r.b = append(r.b, "</"...)
	r.b = append(r.b, tag...)
	r.b = append(r.b, '>')
}

func (r *renderer) blocks(nodes []*Node) {
	for _, n := range nodes {
		r.block(n)
	}
}

// block writes a block node: by its row's render hook, or as the row's
// element.
func (r *renderer) block(n *Node) {
	t := r.s.nodes[n.Type]
	if t == nil || len(t.spec.html.tags) == 0 {
		return
	}
	if h := t.spec.html.render; h != nil {
		h(r, t, n)
		return
	}
	r.element(t, n, t.spec.html.class)
}

// element writes n as its row's element: the tag, the class, the
// data-type and the node's attributes in the row's order, then the
// content, inline or blocks, and the end tag unless the node is a leaf.
func (r *renderer) element(t *nodeType, n *Node, class string) {
	e := &t.spec.html
	r.open(e.tags[0])
	if class != "" {
		r.attr("class", class)
	}
	if e.dataType != "" {
		r.attr("data-type", e.dataType)
	}
	r.nodeAttrs(t, n)
	r.b = append(r.b, '>')
	if t.isLeaf() {
		return
	}
	if t.inlineContent {
		r.inline(n.Content)
	} else {
		r.blocks(n.Content)
	}
	r.closeTag(e.tags[0])
}

// nodeAttrs writes the HTML attributes of the node's row.
func (r *renderer) nodeAttrs(t *nodeType, n *Node) {
	for _, k := range t.spec.html.attrs {
		r.attr(k, r.attrOrDefault(n, k))
	}
}

func (r *renderer) heading(_ *nodeType, n *Node) {
	level, _ := attrInt(map[string]any{"level": r.attrOrDefault(n, "level")}, "level")
	tag := "h" + strconv.Itoa(level)
	r.open(tag)
	r.b = append(r.b, '>')
	r.inline(n.Content)
	r.closeTag(tag)
}

// list writes a bullet or ordered list: tight, and the start of an
// ordered list when it is not 1.
func (r *renderer) list(t *nodeType, n *Node) {
	tag := t.spec.html.tags[0]
	r.open(tag)
	if attrBool(map[string]any{"t": r.attrOrDefault(n, "tight")}, "t") {
		r.attr("class", "tight")
		r.attr("data-tight", "true")
	}
	if slices.Contains(t.spec.html.attrs, "start") {
		if start, ok := attrInt(map[string]any{"s": r.attrOrDefault(n, "start")}, "s"); !ok || start != 1 {
			r.attr("start", r.attrOrDefault(n, "start"))
		}
	}
	r.b = append(r.b, '>')
	r.blocks(n.Content)
	r.closeTag(tag)
}

func (r *renderer) taskItem(t *nodeType, n *Node) {
	checked := attrBool(map[string]any{"c": r.attrOrDefault(n, "checked")}, "c")
	r.open(t.spec.html.tags[0])
	r.attr("data-checked", checked)
	r.attr("data-type", t.spec.html.dataType)
	r.b = append(r.b, `><label><input type="checkbox"`...)
	if checked {
		r.attr("checked", "checked")
	}
	r.b = append(r.b, "><span></span></label><div>"...)
	r.blocks(n.Content)
	r.b = append(r.b, "</div></li>"...)
}

func (r *renderer) codeBlock(_ *nodeType, n *Node) {
	r.b = append(r.b, "<pre><code"...)
	if lang := r.attrOrDefault(n, "language"); lang != nil && attrText(lang) != "" {
		r.attr("class", "language-"+attrText(lang))
	}
	r.b = append(r.b, '>')
	for _, c := range n.Content {
		r.b = appendHTMLEscaped(r.b, c.Text, false)
	}
	r.b = append(r.b, "</code></pre>"...)
}

func (r *renderer) iframe(t *nodeType, n *Node) {
	r.openClass("div", t.spec.html.wrapper)
	r.open(t.spec.html.tags[0])
	r.nodeAttrs(t, n)
	r.b = append(r.b, "></iframe></div>"...)
}

func (r *renderer) instagram(t *nodeType, n *Node) {
	r.openClass("div", t.spec.html.wrapper)
	r.b = appendReversedAttrs(r.b, attrText(r.attrOrDefault(n, "html")))
	r.b = append(r.b, `<script async="true" src="//www.instagram.com/embed.js"></script></div>`...)
}

// detailGroup writes an accordion with the class of its colour.
func (r *renderer) detailGroup(t *nodeType, n *Node) {
	variant := "isomer-accordion-white"
	switch attrText(r.attrOrDefault(n, "backgroundColor")) {
	case "gray":
		variant = "isomer-accordion-gray"
	case "grey":
		variant = "isomer-accordion-grey"
	}
	r.element(t, n, t.spec.html.class+" "+variant)
}

// image writes Isomer's image: an img in a div wrapper, or in a link
// wrapper when the image has an href.
func (r *renderer) image(t *nodeType, n *Node) {
	e := &t.spec.html
	href := r.attrOrDefault(n, "href")
	linked := href != nil && attrText(href) != ""
	if linked {
		r.open("a")
		r.attr("href", href)
		r.attr("class", e.wrapper)
		r.b = append(r.b, '>')
	} else {
		r.openClass("div", e.wrapper)
	}
	r.open(e.tags[0])
	r.nodeAttrs(t, n)
	r.b = append(r.b, '>')
	if linked {
		r.b = append(r.b, "</a>"...)
	} else {
		r.b = append(r.b, "</div>"...)
	}
}

// cellMinWidth is the minimum column width, in pixels, of Tiptap's table.
const cellMinWidth = 25

// table writes a table as Tiptap's table extension (2.3.0) does: a style
// with the total width, a colgroup with one col per column of the first
// row, and the rows in a tbody.
func (r *renderer) table(_ *nodeType, n *Node) {
	n = fixedTable(n)
	total, fixed := 0, true
	var cols []int // 0: no width
	if len(n.Content) > 0 {
		for _, cell := range n.Content[0].Content {
			span, _ := attrInt(map[string]any{"s": r.attrOrDefault(cell, "colspan")}, "s")
			widths := intList(r.attrOrDefault(cell, "colwidth"))
			for j := 0; j < span; j++ {
				w := 0
				if j < len(widths) {
					w = widths[j]
				}
				if w != 0 {
					total += w
				} else {
					total += cellMinWidth
					fixed = false
				}
				cols = append(cols, w)
			}
		}
	}
	r.open("table")
	if fixed {
		r.attr("style", "width: "+strconv.Itoa(total)+"px")
	} else {
		r.attr("style", "minWidth: "+strconv.Itoa(total)+"px")
	}
	r.b = append(r.b, "><colgroup>"...)
	for _, w := range cols {
		if w != 0 {
			r.open("col")
			r.attr("style", "width: "+strconv.Itoa(w)+"px")
			r.b = append(r.b, '>')
		} else {
			r.b = append(r.b, "<col>"...)
		}
	}
	r.b = append(r.b, "</colgroup><tbody>"...)
	r.blocks(n.Content)
	r.b = append(r.b, "</tbody></table>"...)
}

// intList reads a colwidth value: []int, or []any of numbers after JSON.
func intList(v any) []int {
	switch x := v.(type) {
	case []int:
		return x
	case []any:
		out := make([]int, len(x))
		for i, e := range x {
			out[i], _ = attrInt(map[string]any{"e": e}, "e")
		}
		return out
	}
	return nil
}

// inline writes inline content, opening and closing mark tags as
// ProseMirror's DOMSerializer does: marks shared with the previous node
// stay open.
func (r *renderer) inline(nodes []*Node) {
	var buf [8]Mark
	active := buf[:0]
	for _, n := range nodes {
		marks := r.sortedMarks(n.Marks)
		keep := 0
		for keep < len(active) && keep < len(marks) && marksEqual(marks[keep], active[keep]) {
			keep++
		}
		for len(active) > keep {
			r.closeMark(active[len(active)-1])
			active = active[:len(active)-1]
		}
		for _, m := range marks[keep:] {
			r.openMark(m)
			active = append(active, m)
		}
		switch n.Type {
		case TypeText:
			r.b = appendHTMLEscaped(r.b, n.Text, false)
		case TypeHardBreak:
			r.b = append(r.b, "<br>"...)
		}
	}
	for i := len(active) - 1; i >= 0; i-- {
		r.closeMark(active[i])
	}
}

func (r *renderer) sortedMarks(marks []Mark) []Mark {
	byRank := func(a, b Mark) int {
		return cmp.Compare(r.markRank(a), r.markRank(b))
	}
	if len(marks) < 2 || slices.IsSortedFunc(marks, byRank) {
		// Already in order (as a document read from HTML has them):
		// a stable sort would give the same marks.
		return marks
	}
	return slices.SortedStableFunc(slices.Values(marks), byRank)
}

func (r *renderer) markRank(m Mark) int {
	if t := r.s.marks[m.Type]; t != nil {
		return t.rank
	}
	return len(r.s.markOrder)
}

func (r *renderer) openMark(m Mark) {
	t := r.s.marks[m.Type]
	r.open(t.spec.tag)
	for _, a := range t.spec.attrs {
		v, ok := m.Attrs[a.name]
		if !ok {
			v = a.def
		}
		r.attr(a.name, v)
	}
	r.b = append(r.b, '>')
}

func (r *renderer) closeMark(m Mark) { r.closeTag(r.s.marks[m.Type].spec.tag) }

// appendHTMLEscaped appends s escaped as the browser's innerHTML serialises
// text (& < > and U+00A0) or, with inAttr, attribute values (& " < > and
// U+00A0). Browsers escape < and > in attribute values since 2025; the
// editor the CMS ran did not, but then the layout step, which looks for
// the end of an inline element as plain text, could find it inside an
// attribute value and lose the whitespace around it.
func appendHTMLEscaped(b []byte, s string, inAttr bool) []byte {
	mode := htmlesc.NBSP
	if inAttr {
		mode |= htmlesc.Quot
	}
	return htmlesc.Append(b, s, mode)
}

// outerHTML serialises el as the browser's outerHTML does (attributes in
// source order, text escaped, void elements without end tags, the content
// of raw-text elements as it is), with whitespace normalised as the CMS's
// layout leaves it: runs collapse to one space, and whitespace next to
// block-level tags, or between tags, goes. That way an opaque fragment
// reads back the same after it has been laid out and saved.
func outerHTML(el *html.Node) string {
	var b []byte
	var write func(n *html.Node, raw bool)
	write = func(n *html.Node, raw bool) {
		switch n.Type {
		case html.TextNode:
			if raw {
				b = append(b, n.Data...)
				break
			}
			text := ascii.CollapseSpace(n.Data)
			if n.PrevSibling == nil || !isInlineLayoutTag(n.PrevSibling) {
				text = strings.TrimLeft(text, " ")
			}
			if n.NextSibling == nil || !isInlineLayoutTag(n.NextSibling) {
				text = strings.TrimRight(text, " ")
			}
			b = appendHTMLEscaped(b, text, false)
		case html.CommentNode:
			b = append(b, "<!--"...)
			b = append(b, n.Data...)
			b = append(b, "-->"...)
		case html.ElementNode:
			b = append(b, '<')
			b = append(b, n.Data...)
			for _, a := range n.Attr {
				b = appendAttr(b, a)
			}
			b = append(b, '>')
			if isVoidElement(n) {
				return
			}
			inRaw := n.Namespace == "" && isRawTextElement(n.Data)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				write(c, inRaw)
			}
			b = append(b, "</"...)
			b = append(b, n.Data...)
			b = append(b, '>')
		}
	}
	write(el, false)
	return string(b)
}

// isInlineLayoutTag reports whether n is an element that the CMS's layout
// copies inline, keeping the whitespace around it.
func isInlineLayoutTag(n *html.Node) bool {
	switch htmlName(n) {
	case "a", "span", "bdo", "em", "strong", "dfn", "code", "samp", "kbd", "var", "cite", "abbr", "acronym", "q",
		"sub", "sup", "tt", "i", "b", "big", "small", "u", "s", "strike", "font", "ins", "del", "mark":
		return true
	}
	return false
}

func isVoidElement(n *html.Node) bool {
	switch htmlName(n) {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

func isRawTextElement(name string) bool {
	switch name {
	case "style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript":
		return true
	}
	return false
}

// appendReversedAttrs appends the HTML fragment s with the attributes of
// each start tag in reverse order. The layout step reverses them again, as
// the CMS's sanitiser does, so an opaque fragment comes out as it went in.
func appendReversedAttrs(b []byte, s string) []byte {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b = append(b, raw...)
			continue
		}
		tok := z.Token()
		if len(tok.Attr) < 2 {
			b = append(b, raw...)
			continue
		}
		b = append(b, '<')
		b = append(b, tok.Data...)
		for i := len(tok.Attr) - 1; i >= 0; i-- {
			b = appendAttr(b, tok.Attr[i])
		}
		if tt == html.SelfClosingTagToken {
			b = append(b, '/')
		}
		b = append(b, '>')
	}
}

// appendAttr appends ` name="value"` for the attribute a, its namespace
// prefix included, as the browser's outerHTML writes it.
func appendAttr(b []byte, a html.Attribute) []byte {
	b = append(b, ' ')
	if a.Namespace != "" {
		b = append(b, a.Namespace...)
		b = append(b, ':')
	}
	b = append(b, a.Key...)
	b = append(b, `="`...)
	b = appendHTMLEscaped(b, a.Val, true)
	return append(b, '"')
}
