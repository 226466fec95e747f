package tiptap

import (
	"fmt"
	"strings"
	"sync"
)

// The schema of the IsomerCMS editor: node types with their content
// expressions, groups and attribute defaults, and mark types with their
// order and exclusions. The order of the node types is the order in which
// Tiptap builds the schema (extensions sorted by priority: Paragraph
// first, then Instagram, then the rest as registered), which decides the
// order in which groups expand and so which wrapper the parser picks.

// attrSpec is one attribute of a node or mark type, its default, and what
// RenderHTML requires of its value.
type attrSpec struct {
	name string
	def  any
	// url: the value is a URL the page follows or loads, refused when it
	// is a javascript:, vbscript: or data: URL.
	url bool
	// lo, hi: when hi > lo, the value must be a whole number from lo to hi.
	lo, hi int
	// widths: the value is a list of column widths in pixels, each from 0
	// to maxColWidth.
	widths bool
}

// maxColWidth is the widest column width, in pixels, a table cell may
// give.
const maxColWidth = 1 << 20

type nodeSpec struct {
	name    string
	content string
	group   []string
	inline  bool
	// marks lists the mark types allowed in the node's inline content:
	// "" follows ProseMirror's default (all marks for inline content),
	// "none" allows none.
	marks string
	// pre keeps whitespace as it is (code blocks).
	pre   bool
	attrs []attrSpec
	// html is the node's HTML (see dialect.go).
	html elemSpec
}

func (sp nodeSpec) hasGroup(g string) bool {
	for _, x := range sp.group {
		if x == g {
			return true
		}
	}
	return false
}

// Link defaults, as Isomer configures Tiptap's Link extension.
const (
	defaultLinkTarget = "_blank"
	defaultLinkRel    = "noopener noreferrer nofollow"
	// defaultIframeReferrerPolicy is what the deployed CMS writes on every
	// iframe it saves (since 2026-01-27; not in its public source).
	defaultIframeReferrerPolicy = "strict-origin-when-cross-origin"
)

// Image defaults of Isomer's image extension.
const (
	defaultImageWidth  = "100%"
	defaultImageHeight = "auto"
	defaultImageStyle  = "width: 100%"
)

// A nodeType is a node type of the compiled schema.
type nodeType struct {
	spec          nodeSpec
	name          string
	contentMatch  *contentMatch
	leaf          bool
	inlineContent bool
	marks         uint32 // bit i set: mark of rank i allowed
	index         int    // place in the schema's order
}

func (t *nodeType) isText() bool   { return t.name == TypeText }
func (t *nodeType) isLeaf() bool   { return t.leaf }
func (t *nodeType) isInline() bool { return t.spec.inline }
func (t *nodeType) allowsMark(m *markType) bool {
	return t.marks&(1<<m.rank) != 0
}

// defaultAttrs returns a fresh map of the type's attributes at their
// defaults, or nil for a type without attributes.
func (t *nodeType) defaultAttrs() map[string]any { return defaults(t.spec.attrs) }

// defaults returns a fresh map of attrs at their defaults, or nil for
// none.
func defaults(attrs []attrSpec) map[string]any {
	if len(attrs) == 0 {
		return nil
	}
	m := make(map[string]any, len(attrs))
	for _, a := range attrs {
		m[a.name] = a.def
	}
	return m
}

// A markType is a mark type of the schema. Its rank is its place in
// [MarkOrder]: marks of lower rank are rendered outside marks of higher
// rank.
type markType struct {
	spec markSpec
	name string
	rank int
}

// excludes reports whether a mark of type m removes (or refuses to join) a
// mark of type o in the same set. Every mark excludes its own type.
func (m *markType) excludes(o *markType) bool { return m.spec.excludesAll || m == o }

func (m *markType) defaultAttrs() map[string]any { return defaults(m.spec.attrs) }

type schema struct {
	nodes     map[string]*nodeType
	nodeOrder []*nodeType
	marks     map[string]*markType
	markOrder []*markType
	top       *nodeType
	rules     []*parseRule
	// ruleIndex lists, for each tag name, the rules that can match an
	// element of that name.
	ruleIndex ruleIndex
	// styles are the rules reading a style attribute's declarations.
	styles []styleRule
	// text is the text node type.
	text *nodeType
	// newlinesToSpaces and newlinesToLF are the replacements of
	// addTextNode in a context that keeps spaces, and in one that keeps
	// newlines too (a strings.Replacer is safe for concurrent use).
	newlinesToSpaces, newlinesToLF *strings.Replacer
}

// theSchema returns the schema, built on first use. It is immutable once
// built and shared by all calls. (A function rather than a variable
// initialised with sync.OnceValue: the dialect's render hooks use the
// schema, which a variable's initialiser may not depend on.)
func theSchema() *schema {
	schemaOnce.Do(func() {
		s, err := newSchema()
		if err != nil {
			panic("tiptap: bad built-in schema: " + err.Error())
		}
		builtSchema = s
	})
	return builtSchema
}

var (
	schemaOnce  sync.Once
	builtSchema *schema
)

func newSchema() (*schema, error) {
	s := &schema{nodes: map[string]*nodeType{}, marks: map[string]*markType{}}
	for i, sp := range markSpecs() {
		m := &markType{spec: sp, name: sp.name, rank: i}
		s.marks[sp.name] = m
		s.markOrder = append(s.markOrder, m)
	}
	for i, sp := range nodeSpecs() {
		t := &nodeType{spec: sp, name: sp.name, index: i}
		s.nodes[sp.name] = t
		s.nodeOrder = append(s.nodeOrder, t)
	}
	s.top = s.nodes[TypeDoc]
	for _, t := range s.nodeOrder {
		m, err := s.compileContent(t.spec.content)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		t.contentMatch = m
		t.leaf = t.spec.content == ""
	}
	all := uint32(1)<<len(s.markOrder) - 1
	for _, t := range s.nodeOrder {
		t.inlineContent = len(t.contentMatch.next) > 0 && t.contentMatch.next[0].typ.isInline()
		switch {
		case t.spec.marks == "none":
			t.marks = 0
		case t.inlineContent:
			t.marks = all
		}
	}
	s.computeWrappings()
	s.rules = parseRules(s)
	s.ruleIndex = newRuleIndex(s.rules)
	s.styles = styleRules(s)
	s.text = s.nodes[TypeText]
	s.newlinesToSpaces = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")
	s.newlinesToLF = strings.NewReplacer("\r\n", "\n", "\r", "\n")
	return s, nil
}

// computeWrappings gives every content match state of the schema the
// answers of findWrapping for every node type, which the parser asks
// for each node it places.
func (s *schema) computeWrappings() {
	seen := map[*contentMatch]bool{}
	var visit func(m *contentMatch)
	visit = func(m *contentMatch) {
		if seen[m] {
			return
		}
		seen[m] = true
		for _, e := range m.next {
			visit(e.next)
		}
	}
	for _, t := range s.nodeOrder {
		visit(t.contentMatch)
	}
	for m := range seen {
		m.wraps = make([]wrapHit, len(s.nodeOrder))
		for _, t := range s.nodeOrder {
			route, ok := m.findWrapping(t)
			m.wraps[t.index] = wrapHit{route, ok}
		}
	}
}

// resolveName returns the node type called name, or the types in the group
// called name, in schema order.
func (s *schema) resolveName(name string) []*nodeType {
	if t := s.nodes[name]; t != nil {
		return []*nodeType{t}
	}
	var out []*nodeType
	for _, t := range s.nodeOrder {
		if t.spec.hasGroup(name) {
			out = append(out, t)
		}
	}
	return out
}

// createAndFill returns a node of type t with default attributes and the
// least content its content expression requires.
func (s *schema) createAndFill(t *nodeType) *Node {
	n := &Node{Type: t.name, Attrs: t.defaultAttrs()}
	if fill, ok := t.contentMatch.fillBefore(s, nil, true); ok && len(fill) > 0 {
		n.Content = fill
	}
	return n
}

// addMark adds m to the sorted mark set, as ProseMirror's Mark.addToSet
// does: a mark equal to one in the set changes nothing, a mark that
// excludes others replaces them, and a mark excluded by one in the set is
// not added. It reports whether m ended up in the set and which marks it
// pushed out.
func (s *schema) addMark(set []Mark, m Mark) (out []Mark, added bool, removed []Mark) {
	mt := s.marks[m.Type]
	var cp []Mark
	copied, placed := false, false
	// A copy holds at most the set and m: made with that room, adding
	// m to it does not copy it again.
	copyPrefix := func(i int) []Mark { return append(make([]Mark, 0, len(set)+1), set[:i]...) }
	for i, o := range set {
		if marksEqual(m, o) {
			return set, true, nil
		}
		ot := s.marks[o.Type]
		switch {
		case mt.excludes(ot):
			if !copied {
				cp, copied = copyPrefix(i), true
			}
			removed = append(removed, o)
		case ot.excludes(mt):
			return set, false, nil
		default:
			if !placed && ot.rank > mt.rank {
				if !copied {
					cp, copied = copyPrefix(i), true
				}
				cp = append(cp, m)
				placed = true
			}
			if copied {
				cp = append(cp, o)
			}
		}
	}
	if !copied {
		cp = copyPrefix(len(set))
	}
	if !placed {
		cp = append(cp, m)
	}
	return cp, true, removed
}

// marksEqual reports whether two marks have the same type and attributes.
func marksEqual(a, b Mark) bool {
	return a.Type == b.Type && attrsEqual(a.Attrs, b.Attrs)
}

func marksSetEqual(a, b []Mark) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !marksEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

func attrsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !attrValueEqual(va, vb) {
			return false
		}
	}
	return true
}

func attrValueEqual(a, b any) bool {
	switch x := a.(type) {
	case []int:
		y, ok := b.([]int)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	case nil, string, int, bool, float64:
		return a == b
	default:
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
}
