package markdown_test

import (
	"errors"
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

func TestRenderErrors(t *testing.T) {
	text := func(s string) *tiptap.Node { return &tiptap.Node{Type: tiptap.TypeText, Text: s} }
	cases := []struct {
		name string
		doc  *tiptap.Node
		err  error
		path string
	}{
		{"nil", nil, tiptap.ErrInvalidContent, ""},
		{"not a doc", &tiptap.Node{Type: tiptap.TypeParagraph}, tiptap.ErrInvalidContent, ""},
		{"unknown node", &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{{Type: "callout"}}}, tiptap.ErrUnknownType, "/content/0"},
		{"text in a list", &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
			{Type: tiptap.TypeBulletList, Content: []*tiptap.Node{text("x")}},
		}}, tiptap.ErrInvalidContent, "/content/0/content/0"},
		{"unknown mark", &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
			{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: "x", Marks: []tiptap.Mark{{Type: "blink"}}}}},
		}}, tiptap.ErrUnknownMark, "/content/0/content/0"},
		{"heading level", &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
			{Type: tiptap.TypeHeading, Attrs: map[string]any{"level": 9}, Content: []*tiptap.Node{text("x")}},
		}}, tiptap.ErrInvalidAttr, "/content/0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, notes, err := markdown.Render(c.doc, markdown.RenderOptions{})
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			var se *tiptap.SchemaError
			if !errors.As(err, &se) {
				t.Fatalf("err = %T, want *tiptap.SchemaError", err)
			}
			if se.Path != c.path {
				t.Errorf("path = %q, want %q", se.Path, c.path)
			}
			if out != nil || notes != nil {
				t.Errorf("output %q and notes %v with an error", out, notes)
			}
		})
	}
}

func TestRenderEmpty(t *testing.T) {
	for _, doc := range []*tiptap.Node{
		{Type: tiptap.TypeDoc},
		{Type: tiptap.TypeDoc, Content: []*tiptap.Node{}},
	} {
		out, notes, err := markdown.Render(doc, markdown.RenderOptions{})
		if err != nil || len(out) != 0 || len(notes) != 0 {
			t.Errorf("Render(empty doc) = %q, %v, %v; want empty", out, notes, err)
		}
	}
	// The editor's empty document is one empty paragraph: it is kept,
	// since an empty body reads back as a document with no content.
	out, _, err := markdown.Render(&tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{{Type: tiptap.TypeParagraph}}}, markdown.RenderOptions{})
	if err != nil || string(out) != "<p></p>\n" {
		t.Errorf("Render(doc with an empty paragraph) = %q, %v; want %q", out, err, "<p></p>\n")
	}
}

// TestRenderDeepDocument renders a document nested as deeply as the
// editor's HTML can be.
func TestRenderDeepDocument(t *testing.T) {
	doc := &tiptap.Node{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: "deep"}}}
	for i := 0; i < 160; i++ {
		doc = &tiptap.Node{Type: tiptap.TypeBlockquote, Content: []*tiptap.Node{doc}}
	}
	doc = &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{doc}}
	out, _, err := markdown.Render(doc, markdown.RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := markdown.Parse(out, markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if back.TextContent() != "deep" {
		t.Errorf("text read back: %q", back.TextContent())
	}
	// Deeper than the editor's HTML may nest: the schema check refuses.
	for i := 0; i < 400; i++ {
		doc.Content[0] = &tiptap.Node{Type: tiptap.TypeBlockquote, Content: []*tiptap.Node{doc.Content[0]}}
	}
	if _, _, err := markdown.Render(doc, markdown.RenderOptions{}); !errors.Is(err, tiptap.ErrTooDeep) {
		t.Errorf("err = %v, want ErrTooDeep", err)
	}
}
