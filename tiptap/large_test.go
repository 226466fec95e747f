package tiptap

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
)

// A page of more tags than ParseHTML reads fails at the first tag too
// many, before any of it is parsed; one tag fewer is read.
func TestTooManyElements(t *testing.T) {
	src := []byte("<p>x</p>\n" + strings.Repeat("<td>a", maxElements))
	_, _, err := ParseHTML(src)
	var pe *ParseError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &pe) {
		t.Fatalf("err %v, want a ParseError with ErrTooLarge", err)
	}
	// Tag 250,001 is the last <td> of line 2.
	if want := (tiptapmd.Pos{Line: 2, Column: 5*maxElements - 4}); pe.Pos != want {
		t.Errorf("Pos = %v, want %v", pe.Pos, want)
	}
	if _, _, err := ParseHTML(src[len("<p>x</p>\n"):]); err != nil {
		t.Errorf("%d tags: %v", maxElements, err)
	}
}

// RenderHTML refuses a document whose HTML ParseHTML would refuse.
func TestRenderTooManyElements(t *testing.T) {
	para := &Node{Type: TypeParagraph}
	for range maxElements/2 + 1 {
		para.Content = append(para.Content, &Node{Type: TypeText, Text: "a", Marks: []Mark{{Type: MarkBold}}}, &Node{Type: TypeText, Text: "b", Marks: []Mark{{Type: MarkItalic}}})
	}
	_, err := RenderHTML(&Node{Type: TypeDoc, Content: []*Node{para}})
	var se *SchemaError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &se) {
		t.Fatalf("err %v, want a SchemaError with ErrTooLarge", err)
	}
	// One tag for the paragraph and one for each text node's mark: the
	// node at which they go beyond the limit is text number maxElements.
	if want := "/content/0/content/" + strconv.Itoa(maxElements-1); se.Path != want || se.Type != TypeText {
		t.Errorf("Path %q (%s), want %q (text)", se.Path, se.Type, want)
	}
}
