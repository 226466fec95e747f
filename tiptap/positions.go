package tiptap

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"golang.org/x/net/html"
)

// Positions. The HTML parser of golang.org/x/net/html does not say where
// in the source an element or a text starts. A source the token path
// takes (tokens.go) records them as it builds the tree; any other is
// instrumented before it is parsed: every start tag gets an attribute
// with its offset, every text and comment a marker, which the reader
// takes out again as it reads the elements.

// posAttr is the attribute the parser adds to every start tag before it
// hands the source to the HTML parser, so that elements know where they
// started. It is removed again before the elements are read.
const posAttr = "data-tiptapmd-pos"

// Text positions travel inside the text as a marker: U+FDD0, the offset in
// hexadecimal with U+FDE0…U+FDEF as digits, U+FDD1. These are
// noncharacters, which HTML keeps as they are; a source that already holds
// any of them is parsed without text positions.
const (
	markerStart = '\uFDD0'
	markerEnd   = '\uFDD1'
	markerDigit = '\uFDE0'
)

// instrument returns src with a position attribute in every start tag and a
// position marker before the first non-space character of every text and
// in every comment (unless src holds marker characters itself).
func instrument(src []byte) []byte {
	out := make([]byte, 0, len(src)+len(src)/4+64)
	markText := !hasMarkerChars(src)
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			cut := len(raw) - 1
			if tt == html.SelfClosingTagToken && len(raw) >= 2 && raw[len(raw)-2] == '/' {
				cut--
			}
			if cut < 1 || raw[len(raw)-1] != '>' || endsWithEquals(raw[:cut]) {
				// An attribute value left empty at the end of the tag
				// ("<img alt=>") would take the position attribute for
				// its value: such a tag goes without a position.
				out = append(out, raw...)
				break
			}
			out = append(out, raw[:cut]...)
			out = append(out, ' ')
			out = append(out, posAttr...)
			out = append(out, `="`...)
			out = strconv.AppendInt(out, int64(off), 10)
			out = append(out, '"')
			out = append(out, raw[cut:]...)
		case html.TextToken:
			i := 0
			for i < len(raw) && ascii.IsSpace(raw[i]) {
				i++
			}
			if !markText || i == len(raw) {
				out = append(out, raw...)
				break
			}
			out = append(out, raw[:i]...)
			out = appendMarker(out, off+i)
			out = append(out, raw[i:]...)
		case html.CommentToken:
			if markText && len(raw) >= 7 && bytes.HasPrefix(raw, []byte("<!--")) && bytes.HasSuffix(raw, []byte("-->")) {
				out = append(out, raw[:4]...)
				out = appendMarker(out, off)
				out = append(out, raw[4:]...)
				break
			}
			out = append(out, raw...)
		default:
			out = append(out, raw...)
		}
		off += len(raw)
	}
	// A tag cut off by the end of the input is not a token; the HTML
	// parser drops it either way.
	return append(out, src[off:]...)
}

// endsWithEquals reports whether t, ignoring white space at its end,
// ends with "=".
func endsWithEquals(t []byte) bool {
	i := len(t) - 1
	for i >= 0 && ascii.IsSpace(t[i]) {
		i--
	}
	return i >= 0 && t[i] == '='
}

func hasMarkerChars(src []byte) bool {
	// U+FDD0…U+FDEF are EF B7 90…EF B7 AF in UTF-8.
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], 0xEF)
		if j < 0 {
			return false
		}
		if i += j; i+2 >= len(src) {
			return false
		}
		if src[i+1] == 0xB7 && src[i+2] >= 0x90 && src[i+2] <= 0xAF {
			return true
		}
	}
}

func appendMarker(out []byte, off int) []byte {
	out = utf8.AppendRune(out, markerStart)
	for _, d := range strconv.FormatInt(int64(off), 16) {
		v := d - '0'
		if d >= 'a' {
			v = d - 'a' + 10
		}
		out = utf8.AppendRune(out, markerDigit+v)
	}
	return utf8.AppendRune(out, markerEnd)
}

// stripMarkers removes the position markers from s and returns the offset
// the first one held, or -1.
func stripMarkers(s string) (string, int) {
	i := strings.IndexRune(s, markerStart)
	if i < 0 {
		return s, -1
	}
	first := -1
	var b strings.Builder
	for {
		b.WriteString(s[:i])
		s = s[i+utf8.RuneLen(markerStart):]
		v, ok := 0, false
		for {
			r, n := utf8.DecodeRuneInString(s)
			if r >= markerDigit && r < markerDigit+16 {
				v = v*16 + int(r-markerDigit)
				ok = true
				s = s[n:]
				continue
			}
			if r == markerEnd {
				s = s[n:]
			}
			break
		}
		if first < 0 && ok {
			first = v
		}
		i = strings.IndexRune(s, markerStart)
		if i < 0 {
			b.WriteString(s)
			return b.String(), first
		}
	}
}

// leaked reports whether the instrumentation changed what the parser saw:
// a position attribute that ended up as text (which happens only where the
// parser reads markup as text, inside foreign content).
func leaked(body *html.Node, src []byte) bool {
	if bytes.Contains(src, []byte(posAttr)) {
		return false
	}
	found := false
	walkDOM(body, func(n *html.Node) {
		if n.Type == html.TextNode && strings.Contains(n.Data, posAttr) {
			found = true
		}
	})
	return found
}
