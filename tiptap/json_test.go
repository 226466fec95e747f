package tiptap

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/tiptapmd/tiptapmd"
)

func compactJSON(t testing.TB, n *Node) []byte {
	t.Helper()
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseJSONNumbers(t *testing.T) {
	doc, err := ParseJSON([]byte(`{"type":"doc","content":[
		{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"h"}]},
		{"type":"iframe","attrs":{"src":"/f","width":560,"height":"100%","frameborder":0.5}},
		{"type":"table","content":[{"type":"tableRow","content":[
			{"type":"tableCell","attrs":{"colspan":2,"rowspan":1,"colwidth":[100,200]},"content":[{"type":"paragraph"}]}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		got, want any
	}{
		{doc.Content[0].Attrs["level"], 2},
		{doc.Content[1].Attrs["width"], 560},
		{doc.Content[1].Attrs["height"], "100%"},
		{doc.Content[1].Attrs["frameborder"], 0.5},
		{doc.Content[2].Content[0].Content[0].Attrs["colwidth"], []int{100, 200}},
	}
	for i, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("check %d: got %#v, want %#v", i, c.got, c.want)
		}
	}
}

// TestJSONRoundTrip checks that a parsed document survives JSON both ways.
func TestJSONRoundTrip(t *testing.T) {
	doc, _, err := ParseHTML([]byte(`<h2>T</h2><ol start="4"><li><p><a href="/x">a</a> <code>c</code></p></li></ol><table><tr><td colspan="2">x</td></tr></table><div data-type="detailGroup" class="isomer-accordion isomer-accordion-gray"><details><summary>s</summary><p>c</p></details></div>`))
	if err != nil {
		t.Fatal(err)
	}
	js := compactJSON(t, doc)
	back, err := ParseJSON(js)
	if err != nil {
		t.Fatal(err)
	}
	if got := compactJSON(t, back); !bytes.Equal(got, js) {
		t.Errorf("round trip changed the JSON:\n%s\n%s", js, got)
	}
	back.Pos, doc.Pos = tiptapmd.Pos{}, tiptapmd.Pos{}
	clearPos(doc)
	if !reflect.DeepEqual(doc, back) {
		t.Errorf("round trip changed the document")
	}
}

func clearPos(n *Node) {
	n.Pos = tiptapmd.Pos{}
	for _, c := range n.Content {
		clearPos(c)
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		pos  tiptapmd.Pos
		path string
	}{
		{"{\"type\":\"doc\",\n \"content\": 5}", tiptapmd.Pos{Line: 2, Column: 13}, ""},
		{`{"type":"doc","content":[{"type":"paragraph"},{"text":"x"}]}`, tiptapmd.Pos{}, "/content/1"},
		{`{"type":"doc","content":[{"type":"paragraph","marks":[{}]}]}`, tiptapmd.Pos{}, "/content/0"},
	}
	for _, tt := range tests {
		_, err := ParseJSON([]byte(tt.in))
		var pe *ParseError
		var se *SchemaError
		switch {
		case tt.pos.IsValid():
			if !errors.As(err, &pe) || pe.Pos != tt.pos {
				t.Errorf("%s: err %v, want a ParseError at %v", tt.in, err, tt.pos)
			}
		case !errors.As(err, &se) || se.Path != tt.path:
			t.Errorf("%s: err %v, want a SchemaError at %s", tt.in, err, tt.path)
		}
	}
}
