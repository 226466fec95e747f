package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestSpaceAfterTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<span>A</span>\n<span>B</span>\n", "<span>A</span> \n<span>B</span> \n"},
		{"<b>A</b>\r\n<i>B</i>", "<b>A</b> \r\n<i>B</i>"},
		{"no tags\nat all\n", "no tags\nat all\n"},
		{"a > b\n", "a > b\n"},
		{"<div><PRE class=x><b>x</b>\n  y</pre>\n</div>", "<div><PRE class=x><b>x</b>\n  y</pre> \n</div>"},
		{"<textarea><b>x</b>\n</textarea>\n<p>", "<textarea><b>x</b>\n</textarea> \n<p>"},
		{"<pre><b>x</b>\nunclosed", "<pre><b>x</b>\nunclosed"},
		{"<prefix>\n", "<prefix> \n"},
	} {
		if got := string(appendSpaceAfterTags(nil, []byte(c.in))); got != c.want {
			t.Errorf("appendSpaceAfterTags(nil, %q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSpaceAfterTagsProperties checks on random HTML-ish text that
// appendSpaceAfterTags only inserts spaces, each between a ">" and a line end
// outside <pre>, and never changes the lines.
func TestSpaceAfterTagsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 1))
	parts := []string{"<", ">", "\n", "\r\n", " ", "a", "<pre>", "</pre>", "<b>", "</b>", "<script>", "</script>", "<PRE x>", "/"}
	for range 5000 {
		var in []byte
		for range r.IntN(30) {
			in = append(in, parts[r.IntN(len(parts))]...)
		}
		out := appendSpaceAfterTags([]byte("x"), in)[1:]
		if want := spaceAfterTagsRef(in); !bytes.Equal(out, want) {
			t.Fatalf("%q: %q, the byte-wise loop gives %q", in, out, want)
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(in, []byte("\n")) {
			t.Fatalf("%q: lines changed: %q", in, out)
		}
		i, j := 0, 0
		for j < len(out) {
			switch {
			case i < len(in) && in[i] == out[j]:
				i++
				j++
			case out[j] == ' ' && j > 0 && out[j-1] == '>' && i < len(in) && (in[i] == '\n' || in[i] == '\r'):
				j++
			default:
				t.Fatalf("%q: unexpected change at byte %d of %q", in, j, out)
			}
		}
		if i != len(in) {
			t.Fatalf("%q: input not kept in %q", in, out)
		}
		// Nothing changes inside a <pre> element (the first element of
		// the text whose content is left alone).
		if k := bytes.Index(in, []byte("<pre>")); k >= 0 && !bytes.Contains(in[:k], []byte("<script>")) && !bytes.Contains(in[:k], []byte("<PRE x>")) {
			if e := bytes.Index(in[k:], []byte("</pre>")); e >= 0 && !bytes.Contains(out, in[k:k+e]) {
				t.Fatalf("%q: <pre> content changed: %q", in, out)
			}
		}
	}
}

// spaceAfterTagsRef is appendSpaceAfterTags as it was, byte by byte.
func spaceAfterTagsRef(h []byte) []byte {
	if !bytes.Contains(h, []byte(">\n")) && !bytes.Contains(h, []byte(">\r\n")) {
		return h
	}
	out := make([]byte, 0, len(h)+len(h)/32)
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c == '<' {
			if name := rawTextTag(h[i+1:]); name != "" {
				// Copy the element up to its end tag as it is.
				end := indexFold(h[i+1:], "</"+name)
				if end < 0 {
					return append(out, h[i:]...)
				}
				out = append(out, h[i:i+1+end]...)
				i += end // the loop copies the "<" of the end tag next
				continue
			}
		}
		out = append(out, c)
		if c == '>' && i+1 < len(h) && (h[i+1] == '\n' || h[i+1] == '\r' && i+2 < len(h) && h[i+2] == '\n') {
			out = append(out, ' ')
		}
	}
	return out
}
