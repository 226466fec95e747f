package tiptap

import (
	"slices"
	"testing"
)

func typeNames(ts []*nodeType) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.name)
	}
	return out
}

func TestContentMatch(t *testing.T) {
	s := theSchema()
	n := func(name string) *nodeType { return s.nodes[name] }
	tests := []struct {
		expr  string
		seq   []string
		match bool // the sequence is allowed and may end there
	}{
		{"paragraph block*", []string{"paragraph"}, true},
		{"paragraph block*", []string{"paragraph", "bulletList", "image"}, true},
		{"paragraph block*", []string{"bulletList"}, false},
		{"paragraph block*", nil, false},
		{"listItem+", nil, false},
		{"listItem+", []string{"listItem", "listItem"}, true},
		{"(tableCell | tableHeader)*", nil, true},
		{"(tableCell | tableHeader)*", []string{"tableHeader", "tableCell"}, true},
		{"text?", []string{"text"}, true},
		{"text?", []string{"text", "text"}, false},
		{"detailsSummary detailsContent", []string{"detailsSummary"}, false},
		{"(isomercardimage isomercardbody?) | (isomercardimage? isomercardbody)", []string{"isomercardimage"}, true},
		{"(isomercardimage isomercardbody?) | (isomercardimage? isomercardbody)", []string{"isomercardbody"}, true},
		{"(isomercardimage isomercardbody?) | (isomercardimage? isomercardbody)", nil, false},
		{"(isomercardimage isomercardbody?) | (isomercardimage? isomercardbody)", []string{"isomercardbody", "isomercardimage"}, false},
		{"", nil, true},
	}
	for _, tt := range tests {
		m, err := s.compileContent(tt.expr)
		if err != nil {
			t.Fatalf("%q: %v", tt.expr, err)
		}
		for _, name := range tt.seq {
			if m != nil {
				m = m.matchType(n(name))
			}
		}
		if got := m != nil && m.validEnd; got != tt.match {
			t.Errorf("%q %v: match %v, want %v", tt.expr, tt.seq, got, tt.match)
		}
	}
	for _, bad := range []string{"(paragraph", "paragraph |", "nosuchnode", "paragraph )"} {
		if _, err := s.compileContent(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func TestFindWrapping(t *testing.T) {
	s := theSchema()
	n := func(name string) *nodeType { return s.nodes[name] }
	tests := []struct {
		in, target string
		route      []string
		ok         bool
	}{
		{TypeDoc, TypeText, []string{"paragraph"}, true},
		{TypeDoc, TypeListItem, []string{"bulletList"}, true},
		{TypeDoc, TypeTableCell, []string{"table", "tableRow"}, true},
		{TypeDoc, TypeTaskItem, []string{"taskList"}, true},
		{TypeDoc, TypeDetailsSummary, []string{"details"}, true},
		{TypeDoc, TypeClickableCard, []string{"isomercards"}, true},
		{TypeDoc, TypeImage, nil, true},
		{TypeTable, TypeParagraph, []string{"tableRow", "tableCell"}, true},
		{TypeCardImage, TypeText, nil, false},
		{TypeListItem, TypeBulletList, nil, false}, // an item must start with a paragraph
	}
	for _, tt := range tests {
		route, ok := n(tt.in).contentMatch.findWrapping(n(tt.target))
		if ok != tt.ok || !slices.Equal(typeNames(route), tt.route) {
			t.Errorf("wrap %s in %s: %v %v, want %v %v", tt.target, tt.in, typeNames(route), ok, tt.route, tt.ok)
		}
	}
}

// TestWrappingTable checks the parser's table of wrappings against
// findWrapping for every state reachable from a node type by the
// content it takes, and every node type.
func TestWrappingTable(t *testing.T) {
	s := theSchema()
	p := newParser(nil, false, false)
	states := 0
	for _, nt := range s.nodeOrder {
		m := nt.contentMatch
		seen := map[*contentMatch]bool{}
		var walk func(m *contentMatch)
		walk = func(m *contentMatch) {
			if seen[m] {
				return
			}
			seen[m] = true
			states++
			for _, target := range s.nodeOrder {
				route, ok := p.wrapping(m, target)
				wantRoute, wantOK := m.findWrapping(target)
				if ok != wantOK || !slices.Equal(route, wantRoute) {
					t.Errorf("in %s, wrapping(%s) = %v %v, want %v %v", nt.name, target.name, typeNames(route), ok, typeNames(wantRoute), wantOK)
				}
			}
			for _, e := range m.next {
				walk(e.next)
			}
		}
		walk(m)
	}
	if states < len(s.nodeOrder) {
		t.Errorf("%d states checked, want at least one per node type (%d)", states, len(s.nodeOrder))
	}
}

func TestCreateAndFill(t *testing.T) {
	s := theSchema()
	for typ, want := range map[string]string{
		TypeDoc:      `{"type":"doc","content":[{"type":"paragraph"}]}`,
		TypeListItem: `{"type":"listItem","content":[{"type":"paragraph"}]}`,
		TypeTable:    `{"type":"table","content":[{"type":"tableRow"}]}`,
		TypeDetails:  `{"type":"details","content":[{"type":"detailsSummary"},{"type":"detailsContent","content":[{"type":"paragraph"}]}]}`,
	} {
		if got := string(compactJSON(t, s.createAndFill(s.nodes[typ]))); got != want {
			t.Errorf("createAndFill(%s) = %s, want %s", typ, got, want)
		}
	}
}

func TestAddMark(t *testing.T) {
	s := theSchema()
	link := func(href string) Mark { return Mark{Type: MarkLink, Attrs: map[string]any{"href": href}} }
	var set []Mark
	for _, m := range []Mark{{Type: MarkUnderline}, link("/a"), {Type: MarkBold}, {Type: MarkItalic}} {
		set, _, _ = s.addMark(set, m)
	}
	if got := markTypes(set); !slices.Equal(got, []string{"bold", "italic", "link", "underline"}) {
		t.Errorf("set %v", got)
	}
	set, added, _ := s.addMark(set, link("/b"))
	if !added || set[2].AttrString("href") != "/b" || len(set) != 4 {
		t.Errorf("a second link does not replace the first: %v", set)
	}
	set, added, removed := s.addMark(set, Mark{Type: MarkCode})
	if !added || !slices.Equal(markTypes(set), []string{"code"}) || len(removed) != 4 {
		t.Errorf("code does not exclude the others: %v, removed %v", set, removed)
	}
	if _, added, _ := s.addMark(set, Mark{Type: MarkBold}); added {
		t.Errorf("bold joined code")
	}
}

func markTypes(ms []Mark) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Type)
	}
	return out
}
