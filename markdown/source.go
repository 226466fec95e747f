package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
)

// source is the Markdown text as the parser sees it, with the means to
// map its byte offsets back to positions in the text the caller passed.
//
// Two steps change offsets: line endings are normalized to "\n" (as
// kramdown does), and {{ site.baseurl }} is replaced by Options.BaseURL
// (as Jekyll's Liquid pass does before kramdown runs). Both keep a list
// of edits; [source.pos] undoes them.
type source struct {
	orig []byte // as passed by the caller
	text []byte // what the parser reads
	// edits lists, in order, each place where text differs from orig:
	// text[at:at+newLen] replaced orig[origAt:origAt+oldLen].
	edits []edit
	// shift[k] is how much longer orig is than text before edits[k].
	shift []int
	// lines holds the offset in orig of the start of each line, once
	// a position was asked for (see lineStarts).
	lines []int
}

// lineStarts returns the offsets in s.orig of the start of each line,
// found on the first call: a reading without positions ([Read]) needs
// none.
func (s *source) lineStarts() []int {
	if s.lines != nil {
		return s.lines
	}
	src := s.orig
	s.lines = make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	hasCR := bytes.IndexByte(src, '\r') >= 0
	for i := 0; ; i++ {
		k := bytes.IndexByte(src[i:], '\n')
		if hasCR {
			k = bytes.IndexAny(src[i:], "\r\n")
		}
		if k < 0 {
			break
		}
		i += k
		if src[i] == '\n' || i+1 >= len(src) || src[i+1] != '\n' {
			s.lines = append(s.lines, i+1) // a lone CR ends a line too
		}
	}
	return s.lines
}

type edit struct {
	at, newLen     int
	origAt, oldLen int
}

// indexSourceEdit returns the index in b of the first byte where
// newSource may edit the text, or -1: a CR (only looked for when hasCR
// says the source has one) or, unless keepBaseURL, a "{". It is
// bytes.IndexAny(b, "\r{") (or "\r") with the search for the byte the
// source has none of left out.
func indexSourceEdit(b []byte, hasCR, keepBaseURL bool) int {
	switch {
	case hasCR && keepBaseURL:
		return bytes.IndexByte(b, '\r')
	case hasCR:
		return bytes.IndexAny(b, "\r{")
	case keepBaseURL:
		return -1
	}
	return bytes.IndexByte(b, '{')
}

// newSource checks and prepares src. It fails on invalid UTF-8, which
// kramdown rejects too.
func newSource(src []byte, baseURL string, keepBaseURL bool) (*source, error) {
	s := &source{orig: src}
	hasCR := bytes.IndexByte(src, '\r') >= 0
	if !utf8.Valid(src) {
		return nil, &ParseError{Pos: s.posOrig(invalidUTF8(src)), Err: ErrInvalidUTF8}
	}
	// The text is src itself until the first edit (most pages have
	// none): then it is copied up to there, and built on.
	var text []byte
	copied := false
	copyTo := func(i int) {
		if !copied {
			text = make([]byte, 0, len(src)+1)
			text = append(text, src[:i]...)
			copied = true
		}
	}
	for i := 0; i < len(src); i++ {
		k := indexSourceEdit(src[i:], hasCR, keepBaseURL)
		if k < 0 {
			if copied {
				text = append(text, src[i:]...)
			}
			break
		}
		if copied {
			text = append(text, src[i:i+k]...)
		}
		i += k
		c := src[i]
		switch {
		case c == '\r':
			copyTo(i)
			n := 1
			if i+1 < len(src) && src[i+1] == '\n' {
				n = 2
			}
			s.edits = append(s.edits, edit{at: len(text), newLen: 1, origAt: i, oldLen: n})
			text = append(text, '\n')
			i += n - 1
		default: // '{'
			if end, ok := matchBaseURL(src, i); ok {
				copyTo(i)
				s.edits = append(s.edits, edit{at: len(text), newLen: len(baseURL), origAt: i, oldLen: end - i})
				text = append(text, baseURL...)
				i = end - 1
				continue
			}
			if copied {
				text = append(text, c)
			}
		}
	}
	if !copied {
		// Nothing writes to the text; appending to it copies it.
		text = src[:len(src):len(src)]
	}
	s.text = text
	s.shift = make([]int, len(s.edits)+1)
	for k, e := range s.edits {
		s.shift[k+1] = s.shift[k] + e.oldLen - e.newLen
	}
	return s, nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence in
// b, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// matchBaseURL matches {{ site.baseurl }} at text[i:], with optional
// whitespace and whitespace-control dashes.
func matchBaseURL(text []byte, i int) (int, bool) {
	if !bytes.HasPrefix(text[i:], []byte("{{")) {
		return 0, false
	}
	p := i + 2
	if p < len(text) && text[p] == '-' {
		p++
	}
	p = skipSpaceTab(text, p)
	if !bytes.HasPrefix(text[p:], []byte("site.baseurl")) {
		return 0, false
	}
	p = skipSpaceTab(text, p+len("site.baseurl"))
	if p < len(text) && text[p] == '-' {
		p++
	}
	if !bytes.HasPrefix(text[p:], []byte("}}")) {
		return 0, false
	}
	return p + 2, true
}

func skipSpaceTab(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// origOffset maps an offset of s.text to the offset in s.orig. An offset
// inside a replaced span maps to the start of the span.
func (s *source) origOffset(off int) int {
	// k is the number of edits that start at or before off.
	k := sort.Search(len(s.edits), func(i int) bool { return s.edits[i].at > off })
	if k > 0 {
		if e := s.edits[k-1]; off < e.at+e.newLen {
			return e.origAt
		}
	}
	return off + s.shift[k]
}

// pos returns the 1-based line and byte column of offset off of s.text,
// in the caller's original text.
func (s *source) pos(off int) tiptapmd.Pos {
	return s.posOrig(s.origOffset(off))
}

func (s *source) posOrig(o int) tiptapmd.Pos {
	if o < 0 {
		return tiptapmd.Pos{}
	}
	if o > len(s.orig) {
		o = len(s.orig)
	}
	lines := s.lineStarts()
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > o }) - 1
	return tiptapmd.Pos{Line: line + 1, Column: o - lines[line] + 1}
}

// clamp moves p onto the source: a line that exists, a column at most
// one past the line's end.
func (s *source) clamp(p tiptapmd.Pos) tiptapmd.Pos {
	lines := s.lineStarts()
	if p.Line > len(lines) {
		p.Line = len(lines)
	}
	if p.Line < 1 {
		return tiptapmd.Pos{}
	}
	end := len(s.orig)
	if p.Line < len(lines) {
		end = lines[p.Line] - 1
		if end > 0 && s.orig[end-1] == '\r' && end-1 >= lines[p.Line-1] {
			end--
		}
	}
	if n := end - lines[p.Line-1] + 1; p.Column > n {
		p.Column = n
	}
	if p.Column < 1 {
		p.Column = 1
	}
	return p
}
