package tiptap

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// This file checks a document against the schema before it is rendered:
// types, content, marks, attribute values, what would run script, and
// how deeply its HTML would nest.

// check verifies doc against the schema.
func check(s *schema, doc *Node) error {
	if doc == nil {
		return &SchemaError{Err: ErrInvalidContent, Detail: "nil document"}
	}
	if doc.Type != TypeDoc {
		return &SchemaError{Type: doc.Type, Err: ErrInvalidContent, Detail: "the root must be a doc"}
	}
	c := &checker{s: s}
	if len(doc.Content) == 0 {
		return nil
	}
	return c.node(doc, c.s.nodes[doc.Type], nil, 0)
}

type checker struct {
	s    *schema
	path []int
}

func (c *checker) fail(n *Node, err error, detail string) error {
	typ := ""
	if n != nil {
		typ = n.Type
	}
	return &SchemaError{Path: contentPath(c.path), Type: typ, Err: err, Detail: detail}
}

// contentPath writes the path of a node, the indexes of its ancestors'
// children, as a SchemaError gives it: "/content/0/content/2".
func contentPath(path []int) string {
	var b strings.Builder
	for _, i := range path {
		b.WriteString("/content/")
		b.WriteString(strconv.Itoa(i))
	}
	return b.String()
}

// node checks n, of type t (the schema's type n.Type, looked up by the
// caller), whose parent has type parent (nil for the root), at element
// depth depth.
func (c *checker) node(n *Node, t, parent *nodeType, depth int) error {
	if t == nil {
		return c.fail(n, ErrUnknownType, strconv.Quote(n.Type))
	}
	depth += elementDepthOf(n, t)
	if depth > maxDepth {
		return c.fail(n, ErrTooDeep, "the HTML would nest more than "+strconv.Itoa(maxDepth)+" elements deep")
	}
	if err := c.attrs(n, t); err != nil {
		return err
	}
	if t.isText() {
		if n.Text == "" {
			return c.fail(n, ErrInvalidContent, "empty text node")
		}
		if len(n.Content) > 0 {
			return c.fail(n, ErrInvalidContent, "text node with content")
		}
	} else if n.Text != "" {
		return c.fail(n, ErrInvalidContent, "text on a "+n.Type+" node")
	}
	if err := c.marks(n, t, parent); err != nil {
		return err
	}
	if t.isLeaf() {
		if len(n.Content) > 0 {
			return c.fail(n, ErrInvalidContent, n.Type+" holds no content")
		}
		return nil
	}
	m := t.contentMatch
	for i, child := range n.Content {
		c.path = append(c.path, i)
		if child == nil {
			return c.fail(nil, ErrInvalidContent, "nil node")
		}
		ct := c.s.nodes[child.Type]
		if ct == nil {
			return c.fail(child, ErrUnknownType, strconv.Quote(child.Type))
		}
		if m = m.matchType(ct); m == nil {
			return c.fail(child, ErrInvalidContent, child.Type+" cannot go here in "+n.Type)
		}
		if err := c.node(child, ct, t, depth); err != nil {
			return err
		}
		c.path = c.path[:len(c.path)-1]
	}
	if !m.validEnd {
		return c.fail(n, ErrInvalidContent, n.Type+" is missing required content"+expected(m))
	}
	return nil
}

// expected describes what may come next at m.
func expected(m *contentMatch) string {
	if len(m.next) == 0 {
		return ""
	}
	names := make([]string, len(m.next))
	for i, e := range m.next {
		names[i] = e.typ.name
	}
	return " (expects " + strings.Join(names, " or ") + ")"
}

func (c *checker) marks(n *Node, t, parent *nodeType) error {
	if len(n.Marks) == 0 {
		return nil
	}
	if !t.isInline() {
		return c.fail(n, ErrInvalidMark, "marks on a "+n.Type+" node")
	}
	seen := uint32(0)
	code := false
	for _, m := range n.Marks {
		mt := c.s.marks[m.Type]
		if mt == nil {
			return c.fail(n, ErrUnknownMark, strconv.Quote(m.Type))
		}
		if seen&(1<<mt.rank) != 0 {
			return c.fail(n, ErrInvalidMark, "two "+m.Type+" marks on one node")
		}
		seen |= 1 << mt.rank
		code = code || mt.spec.excludesAll
		if parent != nil && !parent.allowsMark(mt) {
			return c.fail(n, ErrInvalidMark, m.Type+" is not allowed in "+parent.name)
		}
	}
	if code && len(n.Marks) > 1 {
		return c.fail(n, ErrInvalidMark, "code cannot combine with other marks")
	}
	return nil
}

// attrs checks n's attribute values against its type's (see attrSpec).
func (c *checker) attrs(n *Node, t *nodeType) error {
	if err := c.activeAttrs(n, t); err != nil {
		return err
	}
	for _, a := range t.spec.attrs {
		if a.hi <= a.lo {
			continue
		}
		v, ok := n.Attrs[a.name]
		if !ok {
			continue
		}
		if i, ok := attrInt(n.Attrs, a.name); !ok || i < a.lo || i > a.hi {
			return c.fail(n, ErrInvalidAttr, a.name+" must be a whole number from "+strconv.Itoa(a.lo)+" to "+strconv.Itoa(a.hi)+", not "+attrText(v))
		}
	}
	for _, a := range t.spec.attrs {
		if !a.widths {
			continue
		}
		for _, w := range intList(n.Attrs[a.name]) {
			if w < 0 || w > maxColWidth {
				return c.fail(n, ErrInvalidAttr, a.name+" must hold widths from 0 to "+strconv.Itoa(maxColWidth)+" pixels, not "+strconv.Itoa(w))
			}
		}
	}
	return nil
}

// activeAttrs refuses the attributes that would make the HTML run script:
// a javascript:, vbscript: or data: URL (a link's or card's href, an
// image's or iframe's src), a style that runs script, or an Instagram
// embed holding what the CMS's sanitiser removes.
func (c *checker) activeAttrs(n *Node, t *nodeType) error {
	if t.name == TypeInstagram {
		if why := badEmbed(attrText(n.Attrs["html"])); why != "" {
			return c.fail(n, ErrInvalidAttr, why)
		}
	}
	if key, v := unsafeURLAttr(t.spec.attrs, n.Attrs); key != "" {
		return c.fail(n, ErrInvalidAttr, key+" "+strconv.Quote(truncate(v, 60))+" is a javascript:, vbscript: or data: URL")
	}
	if v, ok := n.Attrs["style"].(string); ok && activeStyle(v) {
		return c.fail(n, ErrInvalidAttr, "style "+strconv.Quote(truncate(v, 60))+" runs script")
	}
	for _, m := range n.Marks {
		if mt := c.s.marks[m.Type]; mt != nil {
			if key, v := unsafeURLAttr(mt.spec.attrs, m.Attrs); key != "" {
				return c.fail(n, ErrInvalidAttr, m.Type+" "+key+" "+strconv.Quote(truncate(v, 60))+" is a javascript:, vbscript: or data: URL")
			}
		}
	}
	return nil
}

// unsafeURLAttr returns the first attribute of specs that holds a URL and
// whose value in attrs is one that runs script, with that value; or "".
func unsafeURLAttr(specs []attrSpec, attrs map[string]any) (key, val string) {
	for _, a := range specs {
		if !a.url {
			continue
		}
		if v, ok := attrs[a.name].(string); ok && unsafeURL(v) {
			return a.name, v
		}
	}
	return "", ""
}

// elementDepth is how many elements deep n's HTML nests.
func elementDepth(n *Node) int { return elementDepthOf(n, nil) }

// elementDepthOf is elementDepth, with n's type t when the caller has
// it at hand (nil: looked up in the schema).
func elementDepthOf(n *Node, t *nodeType) int {
	switch n.Type {
	case TypeText:
		return len(n.Marks)
	case TypeHardBreak:
		return len(n.Marks) + 1
	case TypeDoc:
		return 0
	case TypeInstagram:
		return 1 + fragmentDepth(attrText(n.Attrs["html"]))
	}
	if t == nil {
		t = theSchema().nodes[n.Type]
	}
	if t != nil && t.spec.html.depth > 0 {
		return t.spec.html.depth
	}
	return 1
}

// fragmentDepth returns how deeply the start tags of an HTML fragment nest,
// counting void elements as closed.
func fragmentDepth(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !isVoidElement(&html.Node{Type: html.ElementNode, Data: string(name)}) {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
	}
}

// Check reports whether [RenderHTML] would accept doc, without writing
// its HTML: it returns the *[SchemaError] that RenderHTML would return,
// or nil. The schema is checked node by node; the number of tags, which
// RenderHTML bounds ([ErrTooLarge]), is bounded from the document, and
// only a document whose bound goes beyond the limit is rendered to count
// them.
func Check(doc *Node) error {
	if err := check(theSchema(), doc); err != nil {
		return err
	}
	if tagBound(doc) <= maxElements {
		return nil
	}
	_, err := RenderHTML(doc)
	return err
}

// maxTagsPerNode is the most tags RenderHTML writes for one node apart
// from its children, its marks, its attribute values and a table's
// columns and repaired cells: a task item's li, label, input, span and
// div.
const maxTagsPerNode = 5

// tagBound returns a number of tags that RenderHTML's output of doc (a
// document that passed check) does not exceed: per node maxTagsPerNode
// and one per mark, every "<" in an attribute value (they are written
// unescaped, and an Instagram embed's HTML is written as it is), for a
// table its colgroup and tbody, one col per spanned column of the first
// row and two tags for each cell the repair may add to a row, and the
// empty paragraph that may end the document.
func tagBound(doc *Node) int {
	n := 1
	var walk func(*Node)
	walk = func(x *Node) {
		n += maxTagsPerNode + len(x.Marks) + attrTags(x.Attrs)
		for _, m := range x.Marks {
			n += attrTags(m.Attrs)
		}
		if x.Type == TypeTable {
			width := 0
			for _, row := range x.Content {
				w := 0
				for _, cell := range row.Content {
					span, _ := attrInt(cell.Attrs, "colspan")
					w += max(span, 1)
				}
				width = max(width, w)
			}
			n += 2 + width + 2*width*len(x.Content)
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(doc)
	return n
}

// attrTags counts the "<" in attribute values.
func attrTags(attrs map[string]any) int {
	n := 0
	for _, v := range attrs {
		if v != nil {
			n += strings.Count(attrText(v), "<")
		}
	}
	return n
}
