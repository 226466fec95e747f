package tiptap

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
)

// Node types of the IsomerCMS Tiptap schema. The names are the ones Tiptap
// itself uses in editor.getJSON(), so a [Node] marshals to the same JSON.
const (
	TypeDoc            = "doc"
	TypeParagraph      = "paragraph"
	TypeText           = "text"
	TypeHeading        = "heading" // attrs: level (1–6)
	TypeBlockquote     = "blockquote"
	TypeBulletList     = "bulletList"  // attrs: tight
	TypeOrderedList    = "orderedList" // attrs: start, tight
	TypeListItem       = "listItem"
	TypeTaskList       = "taskList"
	TypeTaskItem       = "taskItem"  // attrs: checked
	TypeCodeBlock      = "codeBlock" // attrs: language
	TypeHorizontalRule = "horizontalRule"
	TypeHardBreak      = "hardBreak"
	TypeImage          = "image" // attrs: src, alt, title, width, height, style, href
	TypeTable          = "table"
	TypeTableRow       = "tableRow"
	TypeTableHeader    = "tableHeader" // attrs: colspan, rowspan, colwidth
	TypeTableCell      = "tableCell"   // attrs: colspan, rowspan, colwidth
	TypeIframe         = "iframe"      // attrs: src, frameborder, allowfullscreen, width, height, style, referrerpolicy
	TypeInstagram      = "instagram"   // attrs: html (the stored embed, kept opaque)

	// Card grid: a grid holds cards; a card holds an optional image and a body.
	TypeCards           = "isomercards"
	TypeCard            = "isomercard"
	TypeClickableCard   = "isomerclickablecard" // attrs: href, rel
	TypeCardImage       = "isomercardimage"     // holds one image node
	TypeCardBody        = "isomercardbody"
	TypeCardTitle       = "isomercardtitle"       // plain text only
	TypeCardDescription = "isomercarddescription" // plain text only
	TypeCardLink        = "isomercardlink"        // plain text only
	TypeDetailsGroup    = "detailGroup"           // attrs: backgroundColor ("white" or "gray")
	TypeDetails         = "details"
	TypeDetailsSummary  = "detailsSummary" // text, with marks
	TypeDetailsContent  = "detailsContent"
)

// Mark types of the IsomerCMS Tiptap schema, listed outermost first: when
// several marks apply to one text, the editor nests them in this order.
const (
	MarkBold        = "bold"
	MarkCode        = "code"
	MarkItalic      = "italic"
	MarkStrike      = "strike"
	MarkHighlight   = "highlight"
	MarkLink        = "link" // attrs: href, target, rel, class
	MarkUnderline   = "underline"
	MarkSuperscript = "superscript"
	MarkSubscript   = "subscript"
)

// MarkOrder lists the mark types outermost first, the nesting order the
// editor's schema gives them (Isomer lowers Link's priority, which puts a
// link inside bold and italic but outside underline).
func MarkOrder() []string {
	specs := markSpecs()
	names := make([]string, len(specs))
	for i, m := range specs {
		names[i] = m.name
	}
	return names
}

// A Node is one node of a document, in the shape of Tiptap's JSON
// (editor.getJSON()). Text nodes carry Text and Marks; other nodes carry
// Attrs and Content; inline nodes (text and hardBreak) may carry Marks.
// Attribute values are strings, numbers (int in documents built by this
// package and by [ParseJSON]; float64 when plain encoding/json decodes
// them), booleans, []int (a table cell's colwidth) or nil; use
// [Node.AttrString], [Node.AttrInt] and [Node.AttrBool] to read them
// without caring which. The package documentation lists the attributes of
// each node type and their defaults.
//
// Pos records where the node started in the source it was parsed from; it
// is not part of the JSON form.
type Node struct {
	Type    string         `json:"type"`
	Attrs   map[string]any `json:"attrs,omitempty"`
	Content []*Node        `json:"content,omitempty"`
	Marks   []Mark         `json:"marks,omitempty"`
	Text    string         `json:"text,omitempty"`
	Pos     tiptapmd.Pos   `json:"-"`
}

// A Mark is an inline annotation on a text node.
type Mark struct {
	Type  string         `json:"type"`
	Attrs map[string]any `json:"attrs,omitempty"`
}

// AttrString returns the attribute key as a string: "" when it is missing
// or nil, the decimal form of a number, "true"/"false" for a boolean.
func (n *Node) AttrString(key string) string {
	if n == nil {
		return ""
	}
	return attrString(n.Attrs, key)
}

// AttrInt returns the attribute key as an int, and whether it held one.
func (n *Node) AttrInt(key string) (int, bool) {
	if n == nil {
		return 0, false
	}
	return attrInt(n.Attrs, key)
}

// AttrBool returns the attribute key as a bool; missing, nil and "false"
// are false.
func (n *Node) AttrBool(key string) bool {
	if n == nil {
		return false
	}
	return attrBool(n.Attrs, key)
}

// SetAttr sets the attribute key to v, allocating Attrs when needed.
func (n *Node) SetAttr(key string, v any) {
	if n == nil {
		return
	}
	if n.Attrs == nil {
		n.Attrs = make(map[string]any)
	}
	n.Attrs[key] = v
}

// AttrString returns the attribute key as a string, as [Node.AttrString] does.
func (m Mark) AttrString(key string) string { return attrString(m.Attrs, key) }

// HasMark reports whether n carries a mark of type t.
func (n *Node) HasMark(t string) bool {
	if n == nil {
		return false
	}
	for _, m := range n.Marks {
		if m.Type == t {
			return true
		}
	}
	return false
}

// IsText reports whether n is a text node.
func (n *Node) IsText() bool { return n != nil && n.Type == TypeText }

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Attrs = cloneAttrs(n.Attrs)
	if n.Marks != nil {
		c.Marks = make([]Mark, len(n.Marks))
		for i, m := range n.Marks {
			c.Marks[i] = Mark{Type: m.Type, Attrs: cloneAttrs(m.Attrs)}
		}
	}
	if n.Content != nil {
		c.Content = make([]*Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = k.Clone()
		}
	}
	return &c
}

// TextContent returns the concatenated text of n and its descendants, with
// no separators between blocks.
func (n *Node) TextContent() string {
	if n == nil {
		return ""
	}
	var b []byte
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Type == TypeText {
			b = append(b, n.Text...)
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return string(b)
}

func cloneAttrs(a map[string]any) map[string]any {
	if a == nil {
		return nil
	}
	c := make(map[string]any, len(a))
	for k, v := range a {
		c[k] = v
	}
	return c
}

func attrString(a map[string]any, key string) string {
	s, _ := scalarText(a[key])
	return s
}

// scalarText converts a string, number or boolean to the string the DOM
// would hold (JavaScript's String(value)); ok is false for other values.
func scalarText(v any) (s string, ok bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func attrInt(a map[string]any, key string) (int, bool) {
	switch v := a[key].(type) {
	case int:
		return v, true
	case float64:
		return int(v), float64(int(v)) == v
	case string:
		i, err := strconv.Atoi(v)
		return i, err == nil
	default:
		return 0, false
	}
}

func attrBool(a map[string]any, key string) bool {
	switch v := a[key].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	default:
		return false
	}
}

// DefaultAttrs returns the attributes a node or mark of type typ has
// when its source gives none, as the editor fills them in: for an image
// its width, height and style; for a link its target and rel. It returns
// a new map, nil for a type without attributes or not in the schema.
func DefaultAttrs(typ string) map[string]any {
	s := theSchema()
	if t, ok := s.nodes[typ]; ok {
		return t.defaultAttrs()
	}
	if m, ok := s.marks[typ]; ok {
		return m.defaultAttrs()
	}
	return nil
}

// Equal reports whether a and b are the same document (or node),
// positions aside: the same types, texts, marks and attributes, all the
// way down, attribute values of the same Go type and value. Equal
// documents render alike. Two nil nodes are equal.
func Equal(a, b *Node) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Type != b.Type || a.Text != b.Text ||
		len(a.Content) != len(b.Content) || len(a.Marks) != len(b.Marks) || !sameAttrs(a.Attrs, b.Attrs) {
		return false
	}
	for i, m := range a.Marks {
		if m.Type != b.Marks[i].Type || !sameAttrs(m.Attrs, b.Marks[i].Attrs) {
			return false
		}
	}
	for i, c := range a.Content {
		if !Equal(c, b.Content[i]) {
			return false
		}
	}
	return true
}

// sameAttrs reports whether two attribute maps hold the same keys with
// values of the same type and value.
func sameAttrs(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok {
			return false
		}
		switch x := va.(type) {
		case nil:
			ok = vb == nil
		case string:
			y, is := vb.(string)
			ok = is && x == y
		case int:
			y, is := vb.(int)
			ok = is && x == y
		case bool:
			y, is := vb.(bool)
			ok = is && x == y
		case float64:
			y, is := vb.(float64)
			ok = is && x == y
		default:
			ok = reflect.DeepEqual(va, vb)
		}
		if !ok {
			return false
		}
	}
	return true
}

// MergeText joins each run of adjacent text nodes that carry the same
// marks into one text node, as ProseMirror keeps inline content (its
// Fragment never holds two such nodes side by side). It does not modify
// nodes or the nodes in it: a joined run is a new node, a copy of the
// run's first with the texts of the run, and the result is nodes itself
// when nothing is joined.
func MergeText(nodes []*Node) []*Node {
	var out []*Node
	for i := 0; i < len(nodes); {
		n := nodes[i]
		j := i + 1
		for n.Type == TypeText && j < len(nodes) && nodes[j].Type == TypeText && marksSetEqual(n.Marks, nodes[j].Marks) {
			j++
		}
		if j == i+1 {
			if out != nil {
				out = append(out, n)
			}
			i = j
			continue
		}
		if out == nil {
			out = append(make([]*Node, 0, len(nodes)-(j-i-1)), nodes[:i]...)
		}
		// One string for the whole run: adding the texts one at a time
		// would copy it once per node.
		var b strings.Builder
		for _, m := range nodes[i:j] {
			b.WriteString(m.Text)
		}
		joined := *n
		joined.Text = b.String()
		out = append(out, &joined)
		i = j
	}
	if out == nil {
		return nodes
	}
	return out
}
