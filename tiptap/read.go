package tiptap

import (
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// This file is the reading half of ParseHTML: ProseMirror's DOMParser
// algorithm (prosemirror-model's ParseContext), run over the DOM against
// the schema. The comments name the ProseMirror methods each function
// follows.

// isBlockTag reports whether ProseMirror treats el as a block when no rule
// matches it: such an element closes a paragraph opened around text
// before it.
func isBlockTag(el *html.Node) bool {
	switch htmlName(el) {
	case "address", "article", "aside", "blockquote", "canvas", "dd", "div", "dl",
		"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
		"h4", "h5", "h6", "header", "hgroup", "hr", "li", "noscript", "ol",
		"output", "p", "pre", "section", "table", "tfoot", "ul":
		return true
	}
	return false
}

// ignoredTag reports whether the editor ignores el and everything in it.
// (<template> content is not part of the DOM tree a browser builds.)
func ignoredTag(el *html.Node) bool {
	switch htmlName(el) {
	case "head", "noscript", "object", "script", "style", "title", "template":
		return true
	}
	return false
}

// addAll reads the children of parent (ParseContext.addAll).
func (p *parser) addAll(parent *html.Node) {
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		p.addDOM(c)
	}
}

// addDOM reads one DOM node (ParseContext.addDOM): text, or an element
// with the marks its style attribute gives.
func (p *parser) addDOM(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		p.addTextNode(n, n.Data)
	case html.CommentNode:
		p.note(n, CodeDroppedComment, "comment <!--%s--> dropped", truncate(strings.TrimSpace(n.Data), 40))
	case html.ElementNode:
		style, _ := dom.LookupAttr(n, "style")
		if style == "" || ignoredTag(n) {
			p.addElement(n)
			return
		}
		depth := len(p.marks)
		for _, m := range p.readStyles(style) {
			p.pushMark(activeMark{mark: Mark{Type: m.name, Attrs: m.defaultAttrs()}, typ: m, el: n})
		}
		p.addElement(n)
		p.popMarks(depth)
	}
}

// readStyles returns the marks the declarations of a style attribute give
// (ParseContext.readStyles).
func (p *parser) readStyles(style string) []*markType {
	var out []*markType
	var buf [declBuf][2]string
	for _, d := range appendCSSDecls(buf[:0], style) {
		for i := 0; i < len(p.styles); i++ {
			r := p.styles[i]
			if r.prop != d[0] || !r.value(d[1]) {
				continue
			}
			out = append(out, r.mark)
			if r.consuming {
				break
			}
		}
	}
	return out
}

// matchTag returns the first rule that accepts el and the attributes it
// gives (DOMParser.matchTag).
func (p *parser) matchTag(el *html.Node) (*parseRule, map[string]any) {
	for _, r := range p.s.rulesFor(el) {
		if !r.match(el) {
			continue
		}
		if r.attrs == nil {
			if r.node != nil {
				return r, r.node.defaultAttrs()
			}
			return r, r.mark.defaultAttrs()
		}
		if a, ok := r.attrs(p, el); ok {
			return r, a
		}
	}
	return nil, nil
}

// addElement reads an element (ParseContext.addElement).
func (p *parser) addElement(el *html.Node) {
	if el.Namespace == "" && (el.Data == "ul" || el.Data == "ol") {
		normalizeList(el)
	}
	if ignoredTag(el) {
		p.noteIgnored(el)
		return
	}
	rule, attrs := p.matchTag(el)
	if rule == nil && !isBlockTag(el) && el.FirstChild == nil {
		p.noteLeaf(el)
		return
	}
	p.noteAttrs(el, rule)
	if rule != nil {
		p.addElementByRule(el, rule, attrs)
		return
	}
	top := p.top()
	sync := false
	if isBlockTag(el) {
		if len(top.content) > 0 && top.content[0].isInline(p.s) && p.open > 0 {
			p.open--
			top = p.top()
		}
		sync = true
	}
	p.noteUnwrapped(el)
	p.addAll(el)
	if sync {
		p.sync(top)
	}
}

// addElementByRule reads an element a rule matched
// (ParseContext.addElementByRule).
func (p *parser) addElementByRule(el *html.Node, rule *parseRule, attrs map[string]any) {
	off := p.offset(el)
	entered := false
	if t := rule.node; t != nil {
		if !t.isLeaf() {
			entered = p.enter(t, attrs, rule.full, off)
			if !entered {
				p.noteVis(off, CodeUnwrapped, true, "<%s> cannot go inside %s here; its content is kept as other blocks, which look different", el.Data, p.top().typ.name)
			}
		} else {
			n := p.newNode()
			n.Type, n.Attrs, n.Pos = t.name, attrs, p.toPos(off)
			if !p.insertNode(n, t, el) && !p.placeImageInList(n, t, el) {
				p.leafFallback(el)
			}
			return
		}
	} else {
		if rule.mark.name == MarkLink && el.FirstChild == nil {
			if href, ok := dom.LookupAttr(el, "href"); ok {
				p.note(el, CodeUnwrapped, "empty link to %q dropped: it has no text and showed nothing", truncate(href, 60))
			}
		}
		p.pushMark(activeMark{mark: Mark{Type: rule.mark.name, Attrs: attrs}, typ: rule.mark, el: el})
	}
	startIn := p.top()
	p.addAll(el)
	if entered && p.sync(startIn) {
		p.open--
	}
	if rule.mark != nil {
		p.popMarks(len(p.marks) - 1)
	}
}

// placeImageInList places an image that starts a list item
// ("<li><img> caption</li>", or an image pulled out of the item's first
// paragraph) after an empty paragraph: a list item must start with a
// paragraph, and the editor would drop the image, which a visitor of the
// page sees. The empty paragraph shows nothing. An image directly in a
// list, between its items ("<ol><li>…</li><p><img></p>"), goes at the
// end of the item before it, where a browser shows it too: indented, with
// no number.
func (p *parser) placeImageInList(n *Node, t *nodeType, el *html.Node) bool {
	top := p.top()
	if t.name != TypeImage {
		return false
	}
	if top.typ.name == TypeBulletList || top.typ.name == TypeOrderedList {
		p.closeExtra() // the item before is finished
		if len(top.content) == 0 {
			return false
		}
		if last := top.content[len(top.content)-1]; last.Type == TypeListItem && len(last.Content) > 0 {
			p.noteLostLinks(el)
			last.Content = append(last.Content, n)
			return true
		}
	}
	if top.typ.name != TypeListItem || len(top.content) != 0 || top.match == nil {
		return false
	}
	para := p.s.nodes[TypeParagraph]
	m := top.match.matchType(para)
	if m == nil || m.matchType(t) == nil {
		return false
	}
	top.match = m
	p.addContent(top, &Node{Type: TypeParagraph, Pos: n.Pos})
	return p.insertNode(n, t, el)
}

// leafFallback handles a leaf element whose node could not be placed: a
// <br> still breaks the line in text, anything else is dropped.
func (p *parser) leafFallback(el *html.Node) {
	if isElement(el, "br") && p.top().typ.inlineContent {
		p.addTextNode(el, "\n")
		return
	}
	p.note(el, CodeDroppedElement, "<%s> cannot go inside %s here; dropped", el.Data, p.top().typ.name)
}

// addTextNode reads text (ParseContext.addTextNode). dom is the DOM node
// the text comes from (for its previous sibling and its position).
func (p *parser) addTextNode(dom *html.Node, value string) {
	top := p.top()
	blank := !hasNonSpace(value)
	if top.ws&wsFull == 0 && !top.typ.inlineContent && blank {
		return
	}
	switch {
	case top.ws&wsPreserve == 0:
		if blank && value != "" {
			value = " " // what CollapseSpace gives, without building it
		} else {
			value = p.collapseSpace(value)
		}
		if value != "" && value[0] == ' ' && p.open == len(p.nodes)-1 {
			var before *Node
			if len(top.content) > 0 {
				before = top.content[len(top.content)-1]
			}
			// ProseMirror drops the space after a <br> only when the text
			// is the br's DOM sibling; we drop it after any hard break,
			// where a browser does not show it either, so that a rendered
			// document reads back as itself.
			if before == nil || before.Type == TypeHardBreak || (dom.Type == html.TextNode && isElement(dom.PrevSibling, "br")) ||
				(before.Type == TypeText && endsWithSpace(before.Text)) {
				value = value[1:]
			}
		}
	case top.ws&wsFull == 0:
		value = p.s.newlinesToSpaces.Replace(value)
	default:
		value = p.s.newlinesToLF.Replace(value)
	}
	if value == "" {
		return
	}
	t := p.s.text
	n := p.newNode()
	n.Type, n.Text, n.Pos = TypeText, value, p.toPos(p.offset(dom))
	if !p.insertNode(n, t, dom) && hasNonSpace(value) {
		p.note(dom, CodeDroppedText, "text %q cannot go inside %s here; dropped", truncate(strings.TrimSpace(value), 40), p.top().typ.name)
	}
}

// collapseSpace is [ascii.CollapseSpace], giving a collapsed text as a
// part of a block of texts the parser collapsed (p.collapsed): one
// allocation per block, not one per text. A block holds the whole
// source when that is small, else 4 KB or the text; a text that does
// not fit starts a new block, so that no block copies an earlier one.
func (p *parser) collapseSpace(s string) string {
	if p.collapsed.Cap()-p.collapsed.Len() < len(s) {
		p.collapsed = strings.Builder{}
		p.collapsed.Grow(max(min(len(p.src), collapseBlock), len(s)))
	}
	start := p.collapsed.Len()
	if !ascii.WriteCollapsed(&p.collapsed, s) {
		return s
	}
	return p.collapsed.String()[start:]
}

// collapseBlock is the size of a block of collapsed texts (see
// collapseSpace).
const collapseBlock = 4 << 10

func endsWithSpace(s string) bool { return s != "" && ascii.IsSpace(s[len(s)-1]) }

func hasNonSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !ascii.IsSpace(s[i]) {
			return true
		}
	}
	return false
}

// findPlace makes room for a node of type t: it finds the innermost open
// context (not past a solid one) that takes t directly or with the fewest
// wrappers, closes the contexts above it and opens the wrappers
// (ParseContext.findPlace).
func (p *parser) findPlace(t *nodeType, off int) bool {
	var route []*nodeType
	var at *pctx
	for depth := p.open; depth >= 0; depth-- {
		cx := p.nodes[depth]
		if found, ok := p.wrapping(cx.match, t); ok && (at == nil || len(route) > len(found)) {
			route, at = found, cx
			if len(found) == 0 {
				break
			}
		}
		if cx.solid {
			break
		}
	}
	if at == nil {
		return false
	}
	p.sync(at)
	for _, w := range route {
		p.enterInner(w, w.defaultAttrs(), false, false, off)
	}
	return true
}

// A wrapHit is an answer of findWrapping: the wrappers, and whether
// any route exists.
type wrapHit struct {
	route []*nodeType
	ok    bool
}

// wrapping is m.findWrapping(t), as the schema computed it for every
// state and type (ProseMirror's wrapCache, built once): the search
// allocates, and a page asks the same few questions once per node.
func (p *parser) wrapping(m *contentMatch, t *nodeType) ([]*nodeType, bool) {
	h := m.wraps[t.index]
	return h.route, h.ok
}

// insertNode adds a node to the current context, wrapping as needed
// (ParseContext.insertNode). Inline nodes get the marks in effect.
func (p *parser) insertNode(n *Node, t *nodeType, dom *html.Node) bool {
	if !p.findPlace(t, p.offset(dom)) {
		return false
	}
	p.closeExtra()
	top := p.top()
	top.match = top.match.matchType(t)
	if t.isInline() {
		n.Marks = p.currentMarks(top.typ)
	} else {
		p.noteLostLinks(dom)
	}
	p.addContent(top, n)
	return true
}

// enter opens a node for an element, wrapping it as needed
// (ParseContext.enter).
func (p *parser) enter(t *nodeType, attrs map[string]any, full bool, off int) bool {
	if !p.findPlace(t, off) {
		return false
	}
	p.enterInner(t, attrs, true, full, off)
	return true
}

// enterInner opens a node (ParseContext.enterInner).
func (p *parser) enterInner(t *nodeType, attrs map[string]any, solid, full bool, off int) {
	p.closeExtra()
	top := p.top()
	top.match = top.match.matchType(t)
	ws := top.ws
	if full || t.spec.pre {
		ws = wsPreserve | wsFull
	}
	c := p.newCtx()
	*c = pctx{typ: t, attrs: attrs, pos: off, match: t.contentMatch, solid: solid, ws: ws}
	p.nodes = append(p.nodes, c)
	p.open++
}

// closeExtra finishes the contexts above the current one
// (ParseContext.closeExtra).
func (p *parser) closeExtra() {
	for i := len(p.nodes) - 1; i > p.open; i-- {
		parent := p.nodes[i-1]
		p.addContent(parent, p.finishCtx(p.nodes[i]))
	}
	p.nodes = p.nodes[:p.open+1]
}

// sync makes to the current context if it is open (ParseContext.sync).
func (p *parser) sync(to *pctx) bool {
	for i := p.open; i >= 0; i-- {
		if p.nodes[i] == to {
			p.open = i
			return true
		}
	}
	return false
}

// finishCtx turns a context into its node (NodeContext.finish): trailing
// whitespace goes, adjacent texts with the same marks merge, and required
// content is filled in.
func (p *parser) finishCtx(c *pctx) *Node {
	buf := c.content
	if c.ws&wsPreserve == 0 && len(c.content) > 0 {
		last := c.content[len(c.content)-1]
		if last.Type == TypeText {
			trimmed := strings.TrimRight(last.Text, " \t\r\n\f")
			if trimmed == "" {
				c.content = c.content[:len(c.content)-1]
			} else {
				last.Text = trimmed
			}
		}
	}
	// ProseMirror can leave a space at the start of a block (text that
	// follows a block element which closed the paragraph around it). The
	// CMS's layout drops it when it saves, so the page reloads without it;
	// dropping it here makes reading a saved page give the same document.
	if c.ws&wsPreserve == 0 && len(c.content) > 0 && c.content[0].Type == TypeText {
		first := c.content[0]
		if trimmed := strings.TrimLeft(first.Text, " \t\r\n\f"); trimmed == "" {
			c.content = c.content[1:]
		} else {
			first.Text = trimmed
		}
	}
	if c.ws&wsPreserve == 0 {
		c.content = trimBeforeBreaks(c.content)
	}
	content := MergeText(c.content)
	for c.typ.name == TypeCodeBlock && len(content) > 0 {
		// tiptap-markdown removes the newline that ends a code block on
		// each load; removing all of them makes a saved page read back as
		// it was written.
		last := content[len(content)-1]
		if last.Text = strings.TrimRight(last.Text, "\n"); last.Text != "" {
			break
		}
		content = content[:len(content)-1]
	}
	used := len(buf) // how much of buf's array the context wrote
	if c.match != nil && !c.match.validEnd {
		// (At a valid end, as most contexts finish, fillBefore gives
		// nothing to add.)
		if fill, ok := c.match.fillBefore(p.s, nil, true); ok {
			for _, f := range fill {
				setPos(f, p.toPos(c.pos))
			}
			// This may write past buf's length, in its array.
			content = append(content, fill...)
			used = min(cap(buf), used+len(fill))
		}
	}
	n := p.newNode()
	n.Type, n.Attrs, n.Pos = c.typ.name, c.attrs, p.toPos(c.pos)
	if len(content) > 0 {
		n.Content = p.keepNodes(content)
	}
	if cap(buf) > 0 {
		// The node has its own copy: the context's buffer serves the
		// next context. A buffer is all zeros when handed out (past its
		// length, what append gave or an earlier clear left), and a
		// context only appends to it: clearing what it used clears it
		// all, without going over the whole capacity of a large buffer
		// (the top's) once per small context that reuses it.
		clear(buf[:used])
		p.freeContent = append(p.freeContent, buf[:0])
		c.content = nil
	}
	return n
}

// trimBeforeBreaks drops the whitespace at the end of an unformatted text
// that comes right before an unformatted line break. The CMS's layout
// writes such a break on a new line, which reads back as exactly that
// space; dropping it makes a saved page read back as the document that was
// saved.
func trimBeforeBreaks(nodes []*Node) []*Node {
	out := nodes[:0]
	for i, n := range nodes {
		if n.Type == TypeText && len(n.Marks) == 0 && i+1 < len(nodes) && nodes[i+1].Type == TypeHardBreak && len(nodes[i+1].Marks) == 0 {
			n.Text = strings.TrimRight(n.Text, " \t\r\n\f")
			if n.Text == "" {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func setPos(n *Node, pos tiptapmd.Pos) {
	n.Pos = pos
	for _, c := range n.Content {
		setPos(c, pos)
	}
}

// finish closes everything and returns the document
// (ParseContext.finish), ending it with an empty paragraph as the editor's
// TrailingNode extension does.
func (p *parser) finish() *Node {
	p.open = 0
	p.closeExtra()
	top := p.nodes[0]
	if len(top.content) == 0 {
		return &Node{Type: TypeDoc}
	}
	doc := p.finishCtx(top)
	if last := doc.Content[len(doc.Content)-1]; last.Type != TypeParagraph {
		doc.Content = append(doc.Content, &Node{Type: TypeParagraph})
	}
	fixTables(doc)
	return doc
}

// fixTables repairs, in place, every table under n as the editor does
// when it loads a page (see [fixedTable]).
func fixTables(n *Node) {
	for i, c := range n.Content {
		if c.Type == TypeTable {
			n.Content[i] = fixedTable(c)
		}
		fixTables(n.Content[i])
	}
}

// isInline reports whether n is an inline node of the schema.
func (n *Node) isInline(s *schema) bool {
	t := s.nodes[n.Type]
	return t != nil && t.isInline()
}

// currentMarks returns the marks the elements being read give to an
// inline node placed in a node of type in, and records marks that cannot
// apply there. The set for each prefix of the mark stack is kept, so that
// text deep inside many formatting elements costs no more than text
// outside them. Each node gets a set of its own: the first node to take
// a set that applyMark made takes that set, the others a copy.
func (p *parser) currentMarks(in *nodeType) []Mark {
	if p.markSetType != in {
		p.markSets, p.markOwned, p.markSetType = p.markSets[:0], p.markOwned[:0], in
	}
	for i := len(p.markSets); i < len(p.marks); i++ {
		var set []Mark
		if i > 0 {
			set = p.markSets[i-1]
		}
		out := p.applyMark(set, i, in)
		p.markSets = append(p.markSets, out)
		p.markOwned = append(p.markOwned, newMarkArray(set, out))
	}
	if len(p.marks) == 0 || len(p.markSets[len(p.marks)-1]) == 0 {
		return nil
	}
	i := len(p.marks) - 1
	if p.markOwned[i] {
		p.markOwned[i] = false
		return p.markSets[i]
	}
	return slices.Clone(p.markSets[i])
}

// newMarkArray reports whether out, a set applyMark made from set, is a
// new array (addMark's copy), not set itself.
func newMarkArray(set, out []Mark) bool {
	return len(out) > 0 && (len(set) == 0 || &out[0] != &set[0])
}

// applyMark adds the mark p.marks[i] to set for content of a node of type
// in, recording why it cannot be added if it cannot.
func (p *parser) applyMark(set []Mark, i int, in *nodeType) []Mark {
	am := &p.marks[i]
	if !in.allowsMark(am.typ) {
		if !am.noted && !(am.typ.name == MarkCode && in.name == TypeCodeBlock) {
			am.noted = true
			p.note(am.el, CodeDroppedMark, "%s (<%s>) cannot apply inside %s; dropped", am.typ.name, am.el.Data, in.name)
		}
		return set
	}
	set, added, removed := p.s.addMark(set, am.mark)
	if !added && !am.noted {
		am.noted = true
		p.note(am.el, CodeDroppedMark, "%s (<%s>) cannot combine with inline code; dropped", am.typ.name, am.el.Data)
	}
	for _, r := range removed {
		if r.Type == am.typ.name {
			continue // a nested link replaces the outer one
		}
		for j := range p.marks[:i] {
			o := &p.marks[j]
			if o.mark.Type == r.Type && !o.noted {
				o.noted = true
				p.note(o.el, CodeDroppedMark, "%s (<%s>) cannot combine with inline code; dropped", o.typ.name, o.el.Data)
			}
		}
	}
	return set
}

// pushMark adds the mark of an element being read.
func (p *parser) pushMark(am activeMark) { p.marks = append(p.marks, am) }

// popMarks drops the marks above depth.
func (p *parser) popMarks(depth int) {
	p.marks = p.marks[:depth]
	if len(p.markSets) > depth {
		p.markSets, p.markOwned = p.markSets[:depth], p.markOwned[:depth]
	}
}

// noteLostLinks records links around a block node (an image) that the
// document cannot keep: only Isomer's image links (a.isomer-image-wrapper)
// survive, as the image's href.
func (p *parser) noteLostLinks(dom *html.Node) {
	for i := range p.marks {
		am := &p.marks[i]
		if am.typ.name != MarkLink || am.noted || isImageWrapperLink(am.el) {
			continue
		}
		am.noted = true
		p.note(am.el, CodeDroppedMark, "link to %q around a block (<%s>) is not kept; only a.isomer-image-wrapper links an image", am.mark.AttrString("href"), dom.Data)
	}
}

// normalizeList moves a list that stands directly in a list into the list
// item before it, as browsers display it (ProseMirror's normalizeList).
func normalizeList(list *html.Node) {
	var prevItem *html.Node
	for child := list.FirstChild; child != nil; child = child.NextSibling {
		if child.Type != html.ElementNode {
			continue
		}
		switch {
		case (isElement(child, "ul") || isElement(child, "ol")) && prevItem != nil:
			list.RemoveChild(child)
			prevItem.AppendChild(child)
			child = prevItem
		case isElement(child, "li"):
			prevItem = child
		default:
			prevItem = nil
		}
	}
}

// addContent appends n to the content of c, in a buffer a finished
// context left (see finishCtx) or a new one with room for four nodes.
func (p *parser) addContent(c *pctx, n *Node) {
	if c.content == nil {
		if k := len(p.freeContent); k > 0 {
			c.content, p.freeContent = p.freeContent[k-1], p.freeContent[:k-1]
		} else {
			c.content = make([]*Node, 0, 4)
		}
	}
	c.content = append(c.content, n)
}

// keepNodes returns a copy of nodes, from blocks shared by the node
// lists of the document; appending to the copy copies it again.
func (p *parser) keepNodes(nodes []*Node) []*Node {
	out := p.listSlab.Take(len(nodes))
	copy(out, nodes)
	return out
}

// newNode returns a new zero node (nodes are never reused: each stays
// what it was made for).
func (p *parser) newNode() *Node { return p.nodeSlab.New() }

// newCtx returns a new zero context. (Contexts are compared by
// identity, see [parser.sync]: none is reused.)
func (p *parser) newCtx() *pctx { return p.ctxSlab.New() }
