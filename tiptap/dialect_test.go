package tiptap

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/tools/txtar"
)

// TestDialectRows checks the dialect table (dialect.go) for rows that the
// derived rules could not use as they stand.
func TestDialectRows(t *testing.T) {
	s := theSchema()
	for _, nt := range s.nodeOrder {
		e := nt.spec.html
		if nt.name == TypeDoc || nt.name == TypeText {
			if len(e.tags) > 0 {
				t.Errorf("%s: has HTML of its own", nt.name)
			}
			continue
		}
		if len(e.tags) == 0 {
			t.Errorf("%s: no tag", nt.name)
		}
		if e.by&byClass != 0 && e.class == "" {
			t.Errorf("%s: matched by a class it does not name", nt.name)
		}
		if e.by&byData != 0 && e.dataType == "" {
			t.Errorf("%s: matched by a data-type it does not name", nt.name)
		}
		if e.render != nil {
			continue
		}
		// The generic element writes each listed attribute from the node
		// attribute of the same name.
		for _, a := range e.attrs {
			if !slices.ContainsFunc(nt.spec.attrs, func(sa attrSpec) bool { return sa.name == a }) {
				t.Errorf("%s: writes HTML attribute %q, which is no attribute of the node", nt.name, a)
			}
		}
	}
	var names []string
	for _, m := range s.markOrder {
		names = append(names, m.name)
		if !slices.ContainsFunc(m.spec.parse, func(r tagRule) bool { return r.tag == m.spec.tag }) {
			t.Errorf("mark %s: writes <%s>, which it does not read", m.name, m.spec.tag)
		}
	}
	if !slices.Equal(names, MarkOrder()) {
		t.Errorf("mark rows %v, MarkOrder %v", names, MarkOrder())
	}
}

// TestDialectRoundTrip renders each node type that has HTML of its own and
// reads the element back: the rule derived from the same row must match
// it, and every attribute the row writes must be accounted for on reading
// (no dropped-attribute note).
func TestDialectRoundTrip(t *testing.T) {
	docs := map[string]string{"basic": `{"type":"doc","content":[
		{"type":"heading","attrs":{"level":3},"content":[{"type":"text","text":"Title"}]},
		{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","marks":[{"type":"bold"}],"text":"quoted"}]}]},
		{"type":"bulletList","attrs":{"tight":false},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"item"}]}]}]}]}`}
	paths, err := filepath.Glob("testdata/render/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name == "in.json" && !strings.HasPrefix(filepath.Base(p), "err_") {
				docs[filepath.Base(p)] = string(f.Data)
			}
		}
	}
	seen := map[string]bool{}
	for name, src := range docs {
		doc, err := ParseJSON([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		out, err := RenderHTML(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		back, notes, err := ParseHTML(out)
		if err != nil {
			t.Errorf("%s: reading back: %v", name, err)
			continue
		}
		for _, n := range notes {
			if n.Code == CodeDroppedAttr || n.Code == CodeUnwrapped {
				t.Errorf("%s: reading the rendered HTML back: %s", name, n.Message)
			}
		}
		err = Walk(back, func(n *Node, entering bool) (WalkStatus, error) {
			seen[n.Type] = true
			for _, m := range n.Marks {
				seen["mark:"+m.Type] = true
			}
			return WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s := theSchema()
	for _, nt := range s.nodeOrder {
		if len(nt.spec.html.tags) > 0 && !seen[nt.name] {
			t.Errorf("no render golden holds a %s that reads back", nt.name)
		}
	}
	for _, m := range s.markOrder {
		if !seen["mark:"+m.name] {
			t.Errorf("no render golden holds a %s mark that reads back", m.name)
		}
	}
}

// TestDialectMatch checks the derived rules on elements that differ from a
// node's element in one respect only.
func TestDialectMatch(t *testing.T) {
	s := theSchema()
	el := func(src string) *html.Node {
		nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			t.Fatal(err)
		}
		return nodes[0]
	}
	first := func(e *html.Node) string {
		for _, r := range s.rules {
			if r.match(e) {
				if r.node != nil {
					return r.node.name
				}
				return "mark:" + r.mark.name
			}
		}
		return ""
	}
	for _, tc := range []struct{ src, want string }{
		{`<ul data-type="taskList"></ul>`, TypeTaskList},
		{`<ul data-type="other"></ul>`, TypeBulletList},
		{`<li data-type="taskItem"></li>`, TypeTaskItem},
		{`<div class="isomer-details-content"></div>`, ""},
		{`<div data-type="detailsContent"></div>`, TypeDetailsContent},
		{`<div class="x isomer-accordion"></div>`, TypeDetailsGroup},
		{`<div class="isomer-card-grid"></div>`, ""},
		{`<div class="isomer-card-grid"><div class="isomer-card"></div></div>`, TypeCards},
		{`<blockquote data-instgrm-permalink="x"></blockquote>`, TypeInstagram},
		{`<blockquote></blockquote>`, TypeBlockquote},
		{`<img src="a.png">`, TypeImage},
		{`<img src="data:image/png;base64,AA">`, ""},
		{`<h4></h4>`, TypeHeading},
		{`<a class="isomer-card" href="x"></a>`, ""},
		{`<a href="x"></a>`, "mark:" + MarkLink},
		{`<b style="font-weight: normal"></b>`, ""},
		{`<b></b>`, "mark:" + MarkBold},
		{`<ins></ins>`, "mark:" + MarkUnderline},
	} {
		if got := first(el(tc.src)); got != tc.want {
			t.Errorf("%s: matched %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestConsumesClass holds elemSpec.consumes for the class attribute to
// classesIn over the element's classes, as it was written, for every
// node type of the schema.
func TestConsumesClass(t *testing.T) {
	vals := []string{"", " ", "x", "isomer-image-wrapper", "isomer-card isomer-card-link", "a  b\tc", "isomer-accordion x"}
	for _, nt := range theSchema().nodeOrder {
		e := &nt.spec.html
		if e.keepsAll {
			continue
		}
		vals = append(vals, e.class, strings.Join(e.classes, " "), e.class+" other")
		allowed := e.classes
		if e.class != "" {
			allowed = append([]string{e.class}, e.classes...)
		}
		for _, v := range vals {
			want := len(allowed) > 0 && classesIn(v, allowed...)
			if got := e.consumes("class", v); got != want {
				t.Errorf("%s: consumes(class, %q) = %v, want %v", nt.name, v, got, want)
			}
		}
	}
}
