package markdown_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

func TestParseErrorInvalidUTF8(t *testing.T) {
	_, _, err := markdown.Parse([]byte("ok\r\nline two\n  x\xffy\n"), markdown.Options{})
	var pe *markdown.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, markdown.ErrInvalidUTF8) {
		t.Fatalf("err = %v, want a *ParseError with ErrInvalidUTF8", err)
	}
	if want := (tiptapmd.Pos{Line: 3, Column: 4}); pe.Pos != want {
		t.Errorf("Pos = %v, want %v", pe.Pos, want)
	}
}

func TestParseErrorTooDeep(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat(">", 600) + " deep\n"
	_, _, err := markdown.Parse([]byte(src), markdown.Options{})
	var pe *markdown.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, tiptap.ErrTooDeep) {
		t.Fatalf("err = %v, want a *ParseError with tiptap.ErrTooDeep", err)
	}
	if pe.Pos.Line != 3 {
		t.Errorf("Pos = %v, want line 3", pe.Pos)
	}
}

// Positions are those of the caller's text, before {{ site.baseurl }} is
// replaced and line endings normalized.
func TestPositionsAfterRewrites(t *testing.T) {
	src := "x\r\n[a]({{ site.baseurl }}/x) and {{ page.y }}\r\n\r\n<div class=\"c\">{{site.baseurl}}</div> {{ z }}\r\n"
	_, notes, err := markdown.Parse([]byte(src), markdown.Options{BaseURL: "/base/path"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range notes {
		got = append(got, n.Pos.String()+" "+string(n.Code))
	}
	want := []string{"2:31 liquid", "4:1 dropped-attr", "4:39 liquid"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("notes at %q, want %q", got, want)
	}
}
