package tiptap

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// startTags counts the start tags of HTML as elementsBeyond does.
func startTags(out []byte) int {
	n := 0
	for i := 0; i+1 < len(out); i++ {
		if c := out[i+1] | 0x20; out[i] == '<' && c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}

// TestCheckCorpus checks, on every tiptap page of the corpus, that Check
// accepts what RenderHTML renders and that the tag bound holds.
func TestCheckCorpus(t *testing.T) {
	for _, pg := range tiptapPages(t) {
		doc, _, err := ParseHTML(pg.Body())
		if err != nil {
			t.Errorf("%s: ParseHTML: %v", pg.Path, err)
			continue
		}
		out, err := RenderHTML(doc)
		if cerr := Check(doc); !reflect.DeepEqual(cerr, err) {
			t.Errorf("%s: Check: %v; RenderHTML: %v", pg.Path, cerr, err)
		}
		if err != nil {
			continue
		}
		if tags, bound := startTags(out), tagBound(doc); tags > bound {
			t.Errorf("%s: %d tags, more than the bound %d", pg.Path, tags, bound)
		}
	}
}

// TestCheckErrors checks that Check returns RenderHTML's error for
// documents that do not fit the schema or are too large, and accepts
// what the bound overestimates but RenderHTML takes.
func TestCheckErrors(t *testing.T) {
	text := func(s string, marks ...Mark) *Node { return &Node{Type: TypeText, Text: s, Marks: marks} }
	para := func(c ...*Node) *Node { return &Node{Type: TypeParagraph, Content: c} }
	doc := func(c ...*Node) *Node { return &Node{Type: TypeDoc, Content: c} }

	large := para()
	for range maxElements/2 + 1 {
		large.Content = append(large.Content, text("a", Mark{Type: MarkBold}), text("b", Mark{Type: MarkItalic}))
	}
	// Plain text nodes: the bound (maxTagsPerNode a node) goes beyond
	// the limit, the HTML (one paragraph) does not.
	plain := para()
	for i := range maxElements / maxTagsPerNode {
		plain.Content = append(plain.Content, text(strconv.Itoa(i)), &Node{Type: TypeHardBreak})
	}
	tests := map[string]*Node{
		"nil":           nil,
		"not a doc":     para(),
		"unknown type":  doc(&Node{Type: "video"}),
		"text in doc":   doc(text("x")),
		"empty text":    doc(para(&Node{Type: TypeText})),
		"bad level":     doc(&Node{Type: TypeHeading, Attrs: map[string]any{"level": "x"}, Content: []*Node{text("h")}}),
		"script link":   doc(para(text("x", Mark{Type: MarkLink, Attrs: map[string]any{"href": "javascript:alert(1)"}}))),
		"too large":     doc(large),
		"large, fits":   doc(plain),
		"tags in attrs": doc(&Node{Type: TypeImage, Attrs: map[string]any{"src": "/a.png", "alt": strings.Repeat("<b>", 10)}}),
		"fine":          doc(para(text("x"))),
	}
	for name, d := range tests {
		_, want := RenderHTML(d)
		if got := Check(d); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Check: %v; RenderHTML: %v", name, got, want)
		}
	}
	if tagBound(doc(plain)) <= maxElements {
		t.Errorf("the bound of %q does not go beyond the limit: the test does not reach RenderHTML", "large, fits")
	}
}

// BenchmarkCheck checks the documents of every non-empty tiptap page of
// the corpus against the schema once per iteration.
func BenchmarkCheck(b *testing.B) {
	docs, _ := corpusDocs(b)
	s := theSchema()
	b.ReportAllocs()
	for b.Loop() {
		for _, doc := range docs {
			if err := check(s, doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}
