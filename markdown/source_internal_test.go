package markdown

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestNewSourceShortcuts checks newSource, which copies the text between
// the bytes it changes, against the byte-wise loop it replaced (below,
// as it was): same text, line starts, edits and error, on random texts
// of line endings, {{ site.baseurl }} and invalid UTF-8.
func TestNewSourceShortcuts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"\r", "\n", "\r\n", "a", " ", "{", "{{ site.baseurl }}", "{{- site.baseurl -}}", "{{site.baseurl}}", "}}", "é", "\xff", "\xe2\x80"}
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		base, keep := "/base", r.IntN(3) == 0
		got, gerr := newSource(b, base, keep)
		want, werr := newSourceRef(b, base, keep)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("newSource(%q): error %v, want %v", b, gerr, werr)
		}
		if gerr != nil {
			var g, w *ParseError
			if !errors.As(gerr, &g) || !errors.As(werr, &w) || g.Pos != w.Pos {
				t.Fatalf("newSource(%q): error %v, want %v", b, gerr, werr)
			}
			continue
		}
		if string(got.text) != string(want.text) || !reflect.DeepEqual(got.lineStarts(), want.lines) || !reflect.DeepEqual(got.edits, want.edits) || !reflect.DeepEqual(got.shift, want.shift) {
			t.Fatalf("newSource(%q, keep %v) = %+v, want %+v", b, keep, got, want)
		}
	}
}

// FuzzNewSource compares newSource with the byte-wise loop it replaced.
func FuzzNewSource(f *testing.F) {
	f.Add([]byte("a\r\n{{ site.baseurl }}/x\r{b"), false)
	f.Add([]byte("{{site.baseurl}}\n{"), true)
	f.Fuzz(func(t *testing.T, b []byte, keep bool) {
		got, gerr := newSource(b, "/base", keep)
		want, werr := newSourceRef(b, "/base", keep)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("newSource(%q): error %v, want %v", b, gerr, werr)
		}
		if gerr != nil {
			var g, w *ParseError
			if !errors.As(gerr, &g) || !errors.As(werr, &w) || g.Pos != w.Pos {
				t.Fatalf("newSource(%q): error %v, want %v", b, gerr, werr)
			}
			return
		}
		if string(got.text) != string(want.text) || !reflect.DeepEqual(got.lineStarts(), want.lines) || !reflect.DeepEqual(got.edits, want.edits) || !reflect.DeepEqual(got.shift, want.shift) {
			t.Fatalf("newSource(%q, keep %v) = %+v, want %+v", b, keep, got, want)
		}
	})
}

// newSourceRef is newSource as it was before its shortcuts.
func newSourceRef(src []byte, baseURL string, keepBaseURL bool) (*source, error) {
	s := &source{orig: src}
	s.lines = append(s.lines, 0)
	for i, c := range src {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		} else if c == '\r' && (i+1 >= len(src) || src[i+1] != '\n') {
			s.lines = append(s.lines, i+1) // a lone CR ends a line too
		}
	}
	if i := invalidUTF8(src); i >= 0 {
		return nil, &ParseError{Pos: s.posOrig(i), Err: ErrInvalidUTF8}
	}
	text := make([]byte, 0, len(src)+1)
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\r':
			n := 1
			if i+1 < len(src) && src[i+1] == '\n' {
				n = 2
			}
			s.edits = append(s.edits, edit{at: len(text), newLen: 1, origAt: i, oldLen: n})
			text = append(text, '\n')
			i += n - 1
		case c == '{' && !keepBaseURL:
			if end, ok := matchBaseURL(src, i); ok {
				s.edits = append(s.edits, edit{at: len(text), newLen: len(baseURL), origAt: i, oldLen: end - i})
				text = append(text, baseURL...)
				i = end - 1
				continue
			}
			text = append(text, c)
		default:
			text = append(text, c)
		}
	}
	s.text = text
	s.shift = make([]int, len(s.edits)+1)
	for k, e := range s.edits {
		s.shift[k+1] = s.shift[k] + e.oldLen - e.newLen
	}
	return s, nil
}
