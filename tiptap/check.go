package tiptap

import (
	"math"
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
	return c.node(doc, nil, 0)
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

// node checks n, whose parent has type parent (nil for the root), at
// element depth depth.
func (c *checker) node(n *Node, parent *nodeType, depth int) error {
	if n == nil {
		return c.fail(nil, ErrInvalidContent, "nil node")
	}
	t := c.s.nodes[n.Type]
	if t == nil {
		return c.fail(n, ErrUnknownType, strconv.Quote(n.Type))
	}
	depth += elementDepth(n)
	if depth > maxDepth {
		return c.fail(n, ErrTooDeep, "the HTML would nest more than "+strconv.Itoa(maxDepth)+" elements deep")
	}
	if err := c.attrs(n); err != nil {
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
		if err := c.node(child, t, depth); err != nil {
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

func (c *checker) attrs(n *Node) error {
	intAttr := func(key string, lo, hi int) error {
		v, ok := n.Attrs[key]
		if !ok {
			return nil
		}
		i, ok := attrInt(n.Attrs, key)
		if !ok || i < lo || i > hi {
			return c.fail(n, ErrInvalidAttr, key+" must be a whole number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi)+", not "+attrText(v))
		}
		return nil
	}
	if err := c.activeAttrs(n); err != nil {
		return err
	}
	switch n.Type {
	case TypeHeading:
		return intAttr("level", 1, 6)
	case TypeOrderedList:
		return intAttr("start", math.MinInt32, math.MaxInt32)
	case TypeTableCell, TypeTableHeader:
		if err := intAttr("colspan", 1, maxSpan("colspan")); err != nil {
			return err
		}
		if err := intAttr("rowspan", 1, maxSpan("rowspan")); err != nil {
			return err
		}
		for _, w := range intList(n.Attrs["colwidth"]) {
			if w < 0 || w > 1<<20 {
				return c.fail(n, ErrInvalidAttr, "colwidth must hold widths from 0 to 1048576 pixels, not "+strconv.Itoa(w))
			}
		}
	}
	return nil
}

// activeAttrs refuses the attributes that would make the HTML run script:
// a javascript:, vbscript: or data: URL (a link's or card's href, an
// image's or iframe's src), a style that runs script, or an Instagram
// embed holding what the CMS's sanitiser removes.
func (c *checker) activeAttrs(n *Node) error {
	url := func(key string) error {
		if v, ok := n.Attrs[key].(string); ok && unsafeURL(v) {
			return c.fail(n, ErrInvalidAttr, key+" "+strconv.Quote(truncate(v, 60))+" is a javascript:, vbscript: or data: URL")
		}
		return nil
	}
	var keys []string
	switch n.Type {
	case TypeImage:
		keys = []string{"src", "href"}
	case TypeIframe:
		keys = []string{"src"}
	case TypeClickableCard:
		keys = []string{"href"}
	case TypeInstagram:
		if why := badEmbed(attrText(n.Attrs["html"])); why != "" {
			return c.fail(n, ErrInvalidAttr, why)
		}
	}
	for _, k := range keys {
		if err := url(k); err != nil {
			return err
		}
	}
	if v, ok := n.Attrs["style"].(string); ok && activeStyle(v) {
		return c.fail(n, ErrInvalidAttr, "style "+strconv.Quote(truncate(v, 60))+" runs script")
	}
	for _, m := range n.Marks {
		if m.Type != MarkLink {
			continue
		}
		if v, ok := m.Attrs["href"].(string); ok && unsafeURL(v) {
			return c.fail(n, ErrInvalidAttr, "link href "+strconv.Quote(truncate(v, 60))+" is a javascript:, vbscript: or data: URL")
		}
	}
	return nil
}

// elementDepth is how many elements deep n's HTML nests.
func elementDepth(n *Node) int {
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
	if t := theSchema().nodes[n.Type]; t != nil && t.spec.html.depth > 0 {
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
